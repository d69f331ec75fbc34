package dev.clinigate.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {
  private static double[] terms() {
    SplittableRandom r = new SplittableRandom(42);
    double[] t = new double[20_000];
    for (int i = 0; i < t.length; i++) {
      double mag = Math.pow(2, r.nextInt(-80, 80));
      t[i] = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * mag;
    }
    t[0] = 1e300;
    t[1] = -1e300;
    t[2] = Double.MIN_VALUE;
    t[3] = 4.9e-320;
    return t;
  }

  @Test
  void value_isTheCorrectlyRoundedExactSum() {
    double[] t = terms();
    BigDecimal exact = BigDecimal.ZERO;
    ExactSum s = new ExactSum();
    for (double x : t) {
      exact = exact.add(new BigDecimal(x));
      s.add(x);
    }
    assertEquals(exact.round(MathContext.DECIMAL128).doubleValue(), s.value());
  }

  @Test
  void value_independentOfOrderAndSplitting() {
    double[] t = terms();
    ExactSum forward = new ExactSum();
    ExactSum[] parts = {new ExactSum(), new ExactSum(), new ExactSum()};
    for (int i = 0; i < t.length; i++) {
      forward.add(t[i]);
      parts[(i * 7) % 3].add(t[t.length - 1 - i]);
    }
    parts[2].add(parts[0]);
    parts[2].add(parts[1]);
    assertEquals(forward.value(), parts[2].value());
  }

  @Test
  void serialized_sameValue() throws Exception {
    ExactSum s = new ExactSum();
    for (double x : terms()) {
      s.add(x);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    ExactSum back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ExactSum) in.readObject();
    }
    assertEquals(s.value(), back.value());
  }

  @Test
  void specialTerms_ieeeSum() {
    ExactSum s = new ExactSum();
    s.add(1.0);
    s.add(Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, s.value());
    s.add(Double.NEGATIVE_INFINITY);
    assertEquals(Double.NaN, s.value());
    ExactSum zero = new ExactSum();
    zero.add(0.1);
    zero.add(-0.1);
    assertEquals(0.0, zero.value());
  }

  @Test
  void bin_matchesIncrementalEdgeWalk() {
    for (int bins : new int[] {1, 3, 7, 10, 13}) {
      double width = 1.0 / bins;
      for (int i = 0; i <= 10_000; i++) {
        double p = i / 10_000.0;
        int edge = 1;
        while (edge < bins && edge * width < p) {
          edge++;
        }
        assertEquals(edge - 1, CellTerms.bin(p, bins), "p=" + p + " bins=" + bins);
      }
    }
  }
}
