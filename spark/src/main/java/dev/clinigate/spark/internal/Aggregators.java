package dev.clinigate.spark.internal;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/** Spark aggregators whose results do not depend on the partitioning. */
public final class Aggregators {
  private Aggregators() {}

  /** The correctly rounded exact sum of the non-null doubles ({@link ExactSum}). */
  public static final class Sum extends Aggregator<Double, ExactSum, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public ExactSum zero() {
      return new ExactSum();
    }

    @Override
    public ExactSum reduce(ExactSum b, Double x) {
      if (x != null) {
        b.add(x);
      }
      return b;
    }

    @Override
    public ExactSum merge(ExactSum a, ExactSum b) {
      a.add(b);
      return a;
    }

    @Override
    public Double finish(ExactSum r) {
      return r.value();
    }

    @Override
    public Encoder<ExactSum> bufferEncoder() {
      return Encoders.javaSerialization(ExactSum.class);
    }

    @Override
    public Encoder<Double> outputEncoder() {
      return Encoders.DOUBLE();
    }
  }

  /** The smallest {@value #KEEP} distinct non-null longs (row numbers), ascending, as "r1,r2,...". */
  public static final class Smallest extends Aggregator<Long, Smallest.Buffer, String> {
    private static final long serialVersionUID = 1L;
    static final int KEEP = 5;

    /** Up to {@value #KEEP} values, ascending. */
    public static final class Buffer implements Serializable {
      private static final long serialVersionUID = 1L;
      long[] v = new long[0];

      void add(long x) {
        int i = Arrays.binarySearch(v, x);
        if (i >= 0) {
          return;
        }
        int at = -i - 1;
        if (at >= KEEP) {
          return;
        }
        long[] n = new long[Math.min(KEEP, v.length + 1)];
        System.arraycopy(v, 0, n, 0, at);
        n[at] = x;
        System.arraycopy(v, at, n, at + 1, n.length - at - 1);
        v = n;
      }
    }

    @Override
    public Buffer zero() {
      return new Buffer();
    }

    @Override
    public Buffer reduce(Buffer b, Long x) {
      if (x != null) {
        b.add(x);
      }
      return b;
    }

    @Override
    public Buffer merge(Buffer a, Buffer b) {
      for (long x : b.v) {
        a.add(x);
      }
      return a;
    }

    @Override
    public String finish(Buffer r) {
      StringBuilder s = new StringBuilder();
      for (long x : r.v) {
        s.append(s.length() == 0 ? "" : ",").append(x);
      }
      return s.toString();
    }

    @Override
    public Encoder<Buffer> bufferEncoder() {
      return Encoders.javaSerialization(Buffer.class);
    }

    @Override
    public Encoder<String> outputEncoder() {
      return Encoders.STRING();
    }
  }
}
