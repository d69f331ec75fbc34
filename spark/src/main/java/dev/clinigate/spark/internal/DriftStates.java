package dev.clinigate.spark.internal;

import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metrics module's streaming drift states of several features, filled per partition and merged:
 * a {@link DriftHistogram} per numeric feature (column i of the values: a double, null = missing), a
 * {@link DriftCategoryCounts} per categorical one (a string, null = missing). Counts merge exactly, so the
 * merged states do not depend on the partitioning.
 */
public final class DriftStates implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Per feature: its histogram, or null for a categorical feature. */
  public final DriftHistogram[] histograms;
  /** Per feature: its category counts, or null for a numeric feature. */
  public final DriftCategoryCounts[] counts;
  /** Per feature: infinite values seen (not counted in the histogram; the caller decides). */
  public final long[] infinite;

  /** Empty states: a copy of each given empty histogram, category counts where it is null. */
  public DriftStates(DriftHistogram[] emptyHistograms) {
    histograms = new DriftHistogram[emptyHistograms.length];
    counts = new DriftCategoryCounts[emptyHistograms.length];
    infinite = new long[emptyHistograms.length];
    for (int i = 0; i < histograms.length; i++) {
      if (emptyHistograms[i] != null) {
        histograms[i] = emptyHistograms[i].copy();
      } else {
        counts[i] = DriftCategoryCounts.create();
      }
    }
  }

  private DriftStates(DriftHistogram[] h, DriftCategoryCounts[] c, long[] infinite) {
    this.histograms = h;
    this.counts = c;
    this.infinite = infinite;
  }

  /**
   * The merged states of every row of {@code values}, whose column i holds feature i's value.
   *
   * @param empty the empty states (not modified)
   */
  public static DriftStates fill(Dataset<Row> values, DriftStates empty) {
    return values.javaRDD().mapPartitions(new Fill(empty)).treeAggregate(empty.copy(), DriftStates::merge,
        DriftStates::merge);
  }

  DriftStates copy() {
    DriftHistogram[] h = new DriftHistogram[histograms.length];
    DriftCategoryCounts[] c = new DriftCategoryCounts[counts.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = histograms[i] == null ? null : histograms[i].copy();
      c[i] = counts[i] == null ? null : counts[i].copy();
    }
    return new DriftStates(h, c, infinite.clone());
  }

  DriftStates merge(DriftStates o) {
    for (int i = 0; i < histograms.length; i++) {
      infinite[i] += o.infinite[i];
      if (histograms[i] != null) {
        histograms[i].merge(o.histograms[i]);
      } else {
        counts[i].merge(o.counts[i]);
      }
    }
    return this;
  }

  /** Fills a fresh copy of the empty states with one partition's rows. */
  static final class Fill implements FlatMapFunction<Iterator<Row>, DriftStates> {
    private static final long serialVersionUID = 1L;
    private final DriftStates empty;

    Fill(DriftStates empty) {
      this.empty = empty;
    }

    @Override
    public Iterator<DriftStates> call(Iterator<Row> rows) {
      DriftStates s = empty.copy();
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int i = 0; i < s.histograms.length; i++) {
          if (s.histograms[i] != null) {
            double v = r.isNullAt(i) ? Double.NaN : r.getDouble(i);
            if (Double.isInfinite(v)) {
              s.infinite[i]++;
            } else {
              s.histograms[i].accept(v);
            }
          } else {
            s.counts[i].accept(r.isNullAt(i) ? null : r.getString(i));
          }
        }
      }
      return Collections.singletonList(s).iterator();
    }
  }
}
