package dev.clinigate.metrics.internal;

import dev.clinigate.metrics.MetricDifference;
import dev.clinigate.metrics.MetricValue;
import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.SubsetMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * Candidate versus baseline on the same cases: both reports, paired DeLong for the AUROC difference and
 * a paired stratified bootstrap for every other metric.
 */
public final class ComparisonComputation {
  static final String ONE_REPLICATE = "a standard error needs at least 2 bootstrap replicates";
  static final String NO_BOOTSTRAP = "no bootstrap was requested";

  /** The candidate's metrics. */
  public final SubsetMetrics candidate;
  /** The baseline's metrics. */
  public final SubsetMetrics baseline;
  /** One difference per metric: AUROC, then the other scalar metrics, then the threshold metrics. */
  public final List<MetricDifference> differences;

  private ComparisonComputation(SubsetMetrics candidate, SubsetMetrics baseline, List<MetricDifference> differences) {
    this.candidate = candidate;
    this.baseline = baseline;
    this.differences = differences;
  }

  /** Computes the comparison from validated keys of the candidate and the baseline (same labels). */
  public static ComparisonComputation compute(long[] keysA, long[] keysB, MetricsOptions options) {
    int n = keysA.length;
    int[] labels = InputCheck.labelsOf(keysA);
    int[] cellA = new int[n];
    int[] cellB = new int[n];
    ScoreTable ta = sortedTable(keysA, cellA);
    ScoreTable tb = sortedTable(keysB, cellB);
    SubsetComputation ca = new SubsetComputation(ta, options);
    SubsetComputation cb = new SubsetComputation(tb, options);
    SubsetMetrics ma = ca.toMetricsWithCurves();
    SubsetMetrics mb = cb.toMetricsWithCurves();
    List<MetricDifference> out = new ArrayList<>();
    out.add(delong(labels, ta, cellA, ma.auroc(), tb, cellB, mb.auroc()));
    int slots = ca.evaluator().slots();
    if (options.bootstrapEnabled()) {
      int m = (int) ta.positives;
      int n0 = (int) ta.negatives;
      int[][] posCells = new int[2][m];
      int[][] negCells = new int[2][n0];
      int kp = 0;
      int kq = 0;
      for (int row = 0; row < n; row++) {
        if (labels[row] == 1) {
          posCells[0][kp] = cellA[row];
          posCells[1][kp++] = cellB[row];
        } else {
          negCells[0][kq] = cellA[row];
          negCells[1][kq++] = cellB[row];
        }
      }
      int replicates = options.bootstrapReplicates();
      Bootstrap.Result r = Bootstrap.run(new TableEvaluator[] {ca.evaluator(), cb.evaluator()}, posCells, negCells,
          replicates, options.bootstrapSeed(), new double[][] {ca.startOrNull(), cb.startOrNull()});
      for (int s = 1; s < slots; s++) {
        out.add(bootstrapDifference(ca.slotName(s), ca.slot(s), cb.slot(s), r, s, replicates));
      }
    } else {
      for (int s = 1; s < slots; s++) {
        MetricValue a = ca.slot(s);
        MetricValue b = cb.slot(s);
        MetricValue none = MetricValue.undefined(NO_BOOTSTRAP);
        out.add(new MetricDifference(ca.slotName(s), a, b, difference(a, b), none, none, none, none, none,
            MetricDifference.Method.NONE));
      }
    }
    return new ComparisonComputation(ma, mb, List.copyOf(out));
  }

  private static ScoreTable sortedTable(long[] keys, int[] cellOfRow) {
    int n = keys.length;
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    RadixSort.sort(keys, rows);
    ScoreTable.assignCells(keys, rows, cellOfRow);
    return ScoreTable.fromSortedKeys(keys, 0, n);
  }

  private static MetricValue difference(MetricValue a, MetricValue b) {
    if (!a.isDefined()) {
      return MetricValue.undefined("candidate: " + a.reason().orElseThrow());
    }
    if (!b.isDefined()) {
      return MetricValue.undefined("baseline: " + b.reason().orElseThrow());
    }
    return MetricValue.of(a.orElseThrow() - b.orElseThrow());
  }

  private static MetricDifference delong(int[] labels, ScoreTable ta, int[] cellA, MetricValue aucA, ScoreTable tb,
      int[] cellB, MetricValue aucB) {
    MetricValue diff = difference(aucA, aucB);
    String why = null;
    if (!diff.isDefined()) {
      why = diff.reason().orElseThrow();
    } else if (ta.positives < 2 || ta.negatives < 2) {
      why = DeLong.TOO_FEW;
    }
    double var = 0;
    if (why == null) {
      var = DeLong.paired(labels, ta, cellA, aucA.orElseThrow(), tb, cellB, aucB.orElseThrow())[2];
      if (!(var > 0)) {
        why = "the DeLong variance of the difference is 0 (the two scores rank every pair alike)";
      }
    }
    if (why != null) {
      MetricValue u = MetricValue.undefined(why);
      return new MetricDifference("auroc", aucA, aucB, diff, u, u, u, u, u, MetricDifference.Method.PAIRED_DELONG);
    }
    double d = diff.orElseThrow();
    double se = Math.sqrt(var);
    double z = d / se;
    double p = Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    double lo = Math.max(-1.0, d - DeLong.Z975 * se);
    double hi = Math.min(1.0, d + DeLong.Z975 * se);
    return new MetricDifference("auroc", aucA, aucB, diff, MetricValue.of(se), MetricValue.of(z), MetricValue.of(lo),
        MetricValue.of(hi), MetricValue.of(p), MetricDifference.Method.PAIRED_DELONG);
  }

  private static MetricDifference bootstrapDifference(String name, MetricValue a, MetricValue b, Bootstrap.Result r,
      int slot, int replicates) {
    MetricValue diff = difference(a, b);
    MetricValue notTested = MetricValue.undefined("the paired bootstrap gives an interval, not a test");
    String why = null;
    if (!diff.isDefined()) {
      why = diff.reason().orElseThrow();
    } else if (r.undefined[0][slot] > 0) {
      why = "candidate: " + Bootstrap.undefinedInReplicates(r.undefined[0][slot], replicates, r.firstReason[0][slot]);
    } else if (r.undefined[1][slot] > 0) {
      why = "baseline: " + Bootstrap.undefinedInReplicates(r.undefined[1][slot], replicates, r.firstReason[1][slot]);
    }
    if (why != null) {
      MetricValue u = MetricValue.undefined(why);
      return new MetricDifference(name, a, b, diff, u, notTested, u, u, notTested,
          MetricDifference.Method.PAIRED_BOOTSTRAP);
    }
    double[] d = new double[replicates];
    Sum mean = new Sum();
    for (int k = 0; k < replicates; k++) {
      d[k] = r.values[0][slot][k] - r.values[1][slot][k];
      mean.add(d[k]);
    }
    MetricValue se;
    if (replicates < 2) {
      se = MetricValue.undefined(ONE_REPLICATE);
    } else {
      double mu = mean.value() / replicates;
      Sum ss = new Sum();
      for (double v : d) {
        ss.add((v - mu) * (v - mu));
      }
      se = MetricValue.of(Math.sqrt(ss.value() / (replicates - 1)));
    }
    double[] ci = Bootstrap.percentile95(d);
    return new MetricDifference(name, a, b, diff, se, notTested, MetricValue.of(ci[0]), MetricValue.of(ci[1]),
        notTested, MetricDifference.Method.PAIRED_BOOTSTRAP);
  }
}
