package dev.clinigate.metrics.internal;

import dev.clinigate.metrics.Curves;
import java.util.ArrayList;
import java.util.List;

/**
 * The ROC, precision-recall and decision curves of a distinct-score table, downsampled as
 * {@link Curves} documents.
 *
 * <p>Design note: a table may hold millions of distinct scores, so no per-point array is built. Each
 * curve is a walk over the table that hands points to a sink; it runs twice when the curve is too long,
 * once to measure it (number of points and total length) and once to keep the points where the running
 * length passes the next step. Both walks do the same floating-point operations in the same order, so
 * the second sees exactly the lengths the first measured and the selection is deterministic.
 */
public final class CurveComputation {
  private CurveComputation() {}

  /** Receives the points of a curve in order. */
  private interface Sink {
    void accept(double x, double y);
  }

  /** The curves of {@code table}, at most {@code maxPoints} points each (at least 3). */
  public static Curves of(ScoreTable table, int maxPoints) {
    if (maxPoints < 3) {
      throw new IllegalArgumentException("maxPoints must be >= 3, found " + maxPoints);
    }
    List<Curves.Point> roc = table.positives == 0 || table.negatives == 0
        ? List.of() : sample(sink -> roc(table, sink), maxPoints);
    List<Curves.Point> pr = table.positives == 0 ? List.of() : sample(sink -> precisionRecall(table, sink), maxPoints);
    return new Curves(roc, pr, decision(table));
  }

  /** ROC points, (0, 0) first, then one per distinct score descending. */
  private static void roc(ScoreTable t, Sink sink) {
    double m = t.positives;
    double n0 = t.negatives;
    long tp = 0;
    long fp = 0;
    sink.accept(0.0, 0.0);
    for (int i = t.size - 1; i >= 0; i--) {
      tp += t.pos[i];
      fp += t.neg[i];
      sink.accept(fp / n0, tp / m);
    }
  }

  /** Precision-recall points, one per distinct score ascending, then (0, 1). */
  private static void precisionRecall(ScoreTable t, Sink sink) {
    double m = t.positives;
    long tp = t.positives;
    long fp = t.negatives;
    for (int i = 0; i < t.size; i++) {
      sink.accept(tp / m, (double) tp / (double) (tp + fp));
      tp -= t.pos[i];
      fp -= t.neg[i];
    }
    sink.accept(0.0, 1.0);
  }

  /** The net benefit of the model and of treating everyone at t = k / 100, k = 1..99. */
  private static List<Curves.NetBenefit> decision(ScoreTable t) {
    int k = Curves.DECISION_THRESHOLDS;
    long[] tps = new long[k];
    long[] fps = new long[k];
    // descending walk: cells at or above threshold j are counted when the walk passes below it
    int j = k - 1;
    long tp = 0;
    long fp = 0;
    for (int i = t.size - 1; i >= 0 && j >= 0; i--) {
      while (j >= 0 && t.score[i] < threshold(j)) {
        tps[j] = tp;
        fps[j] = fp;
        j--;
      }
      tp += t.pos[i];
      fp += t.neg[i];
    }
    for (; j >= 0; j--) {
      tps[j] = tp;
      fps[j] = fp;
    }
    double dn = t.n();
    double prevalence = (double) t.positives / dn;
    List<Curves.NetBenefit> out = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      double th = threshold(c);
      double odds = th / (1 - th);
      out.add(new Curves.NetBenefit(th, tps[c] / dn - fps[c] / dn * odds, prevalence - (1 - prevalence) * odds));
    }
    return out;
  }

  private static double threshold(int index) {
    return (index + 1) / 100.0;
  }

  /** A walk's points, downsampled to at most {@code maxPoints} by running length. */
  private static List<Curves.Point> sample(java.util.function.Consumer<Sink> walk, int maxPoints) {
    long[] count = new long[1];
    double[] length = new double[1];
    double[] last = new double[2];
    walk.accept((x, y) -> {
      if (count[0] > 0) {
        length[0] += Math.abs(x - last[0]) + Math.abs(y - last[1]);
      }
      last[0] = x;
      last[1] = y;
      count[0]++;
    });
    List<Curves.Point> out = new ArrayList<>((int) Math.min(count[0], maxPoints));
    if (count[0] <= maxPoints) {
      walk.accept((x, y) -> out.add(new Curves.Point(x, y)));
      return out;
    }
    double step = length[0] / (maxPoints - 2);
    long total = count[0];
    long[] index = new long[1];
    double[] run = new double[1];
    double[] prev = new double[2];
    long[] lastStep = new long[1];
    walk.accept((x, y) -> {
      long i = index[0]++;
      if (i > 0) {
        run[0] += Math.abs(x - prev[0]) + Math.abs(y - prev[1]);
      }
      prev[0] = x;
      prev[1] = y;
      long s = step > 0 ? (long) Math.floor(run[0] / step) : 0;
      if (i == 0 || i == total - 1) {
        out.add(new Curves.Point(x, y));
      } else if (s > lastStep[0] && s <= maxPoints - 3) {
        out.add(new Curves.Point(x, y));
      }
      if (s > lastStep[0]) {
        lastStep[0] = s;
      }
    });
    return out;
  }
}
