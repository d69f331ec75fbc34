package dev.clinigate.metrics.internal;

import dev.clinigate.metrics.Calibration;
import dev.clinigate.metrics.CalibrationBin;
import dev.clinigate.metrics.Interval;
import dev.clinigate.metrics.MetricValue;
import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.SubsetMetrics;
import dev.clinigate.metrics.ThresholdMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Fixed-size, mergeable sufficient statistics of the streaming metrics: counts, compensated sums for
 * Brier, log loss, sum p and Spiegelhalter's test, calibration bins and confusion counts per threshold.
 *
 * <p>Design note: everything here is a sum over cases, so partial states merge by adding. Integer
 * counts merge exactly; floating-point sums are compensated ({@link Sum}) and agree with a one-pass
 * computation to about 1e-15 relative, whatever the partitioning. AUROC, AUPRC and the logistic fits
 * depend on the joint order of all scores and are not available from this state.
 */
public final class StreamingAccumulator {
  /** Reason for the metrics a streaming state cannot give. */
  public static final String NEEDS_SCORES =
      "not available from a streaming state: needs every distinct score (use ExactMetricsState or BinaryMetrics)";

  private final MetricsOptions options;
  private final double[] thresholds;
  private final int bins;
  private final double width;
  private long n;
  private long positives;
  private final Sum brier = new Sum();
  private final Sum loss = new Sum();
  private final Sum sumP = new Sum();
  private final Sum spiegelNum = new Sum();
  private final Sum spiegelVar = new Sum();
  private final long[] binN;
  private final long[] binY;
  private final Sum[] binP;
  private final long[] tp;
  private final long[] fp;

  /** An empty state for these options (their bootstrap settings are ignored). */
  public StreamingAccumulator(MetricsOptions options) {
    this.options = options.withoutBootstrap();
    this.thresholds = options.thresholdArray();
    this.bins = options.bins();
    this.width = 1.0 / bins;
    binN = new long[bins];
    binY = new long[bins];
    binP = new Sum[bins];
    for (int b = 0; b < bins; b++) {
      binP[b] = new Sum();
    }
    tp = new long[thresholds.length];
    fp = new long[thresholds.length];
  }

  /** The options of this state. */
  public MetricsOptions options() {
    return options;
  }

  /** Number of cases accepted. */
  public long n() {
    return n;
  }

  /** Adds one validated case. */
  public void accept(int label, double p) {
    n++;
    positives += label;
    double r = label - p;
    brier.add(r * r);
    double pc = Math.min(Math.max(p, TableEvaluator.CLIP), 1 - TableEvaluator.CLIP);
    loss.add(label == 1 ? -Math.log(pc) : -Math.log(1 - pc));
    sumP.add(p);
    double q = 1 - 2 * p;
    spiegelNum.add(r * q);
    spiegelVar.add(q * q * p * (1 - p));
    int b = bin(p);
    binN[b]++;
    binY[b] += label;
    binP[b].add(p);
    for (int j = 0; j < thresholds.length; j++) {
      if (p >= thresholds[j]) {
        if (label == 1) {
          tp[j]++;
        } else {
          fp[j]++;
        }
      }
    }
  }

  /** bin(p) = number of inner edges k * (1.0 / B), k = 1..B-1, strictly below p. */
  int bin(double p) {
    int c = Math.min(bins - 1, (int) (p * bins));
    while (c >= 1 && !(c * width < p)) {
      c--;
    }
    while (c + 1 <= bins - 1 && (c + 1) * width < p) {
      c++;
    }
    return c;
  }

  /** Adds another state built with the same options. */
  public void merge(StreamingAccumulator other) {
    if (!options.thresholds().equals(other.options.thresholds()) || bins != other.bins) {
      throw new IllegalArgumentException("can only merge states with the same thresholds and bins, found "
          + options.thresholds() + "/" + bins + " and " + other.options.thresholds() + "/" + other.bins);
    }
    n += other.n;
    positives += other.positives;
    brier.add(other.brier);
    loss.add(other.loss);
    sumP.add(other.sumP);
    spiegelNum.add(other.spiegelNum);
    spiegelVar.add(other.spiegelVar);
    for (int b = 0; b < bins; b++) {
      binN[b] += other.binN[b];
      binY[b] += other.binY[b];
      binP[b].add(other.binP[b]);
    }
    for (int j = 0; j < thresholds.length; j++) {
      tp[j] += other.tp[j];
      fp[j] += other.fp[j];
    }
  }

  /** The metrics of the cases accepted so far; requires at least one case. */
  public SubsetMetrics toMetrics() {
    if (n == 0) {
      throw new IllegalStateException("no cases: a metrics report needs at least one case");
    }
    long m = positives;
    long n0 = n - m;
    double dn = n;
    MetricValue undefined = MetricValue.undefined(NEEDS_SCORES);
    Sum ece = new Sum();
    double mce = 0;
    List<CalibrationBin> curve = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      long c = binN[b];
      if (c == 0) {
        continue;
      }
      double dc = c;
      double meanP = binP[b].value() / dc;
      double rate = binY[b] / dc;
      double gap = Math.abs(rate - meanP);
      ece.add(dc / dn * gap);
      mce = Math.max(mce, gap);
      curve.add(new CalibrationBin(b, b == 0 ? 0.0 : b * width, b == bins - 1 ? 1.0 : (b + 1) * width, c, meanP,
          rate));
    }
    MetricValue z;
    MetricValue pValue;
    double v = spiegelVar.value();
    if (v > 0) {
      double zz = spiegelNum.value() / Math.sqrt(v);
      z = MetricValue.of(zz);
      pValue = MetricValue.of(Erf.erfc(Math.abs(zz) / Math.sqrt(2.0)));
    } else {
      z = MetricValue.undefined(SubsetComputation.ZERO_SPIEGELHALTER_VARIANCE);
      pValue = z;
    }
    double expected = sumP.value();
    MetricValue oe = expected > 0 ? MetricValue.of(m / expected)
        : MetricValue.undefined(SubsetComputation.ZERO_EXPECTED);
    List<ThresholdMetrics> ts = new ArrayList<>();
    double[] values = new double[TableEvaluator.PER_THRESHOLD];
    String[] reasons = new String[TableEvaluator.PER_THRESHOLD];
    for (int j = 0; j < thresholds.length; j++) {
      java.util.Arrays.fill(reasons, null);
      TableEvaluator.thresholdMetrics(thresholds[j], tp[j], fp[j], m, n0, values, reasons, 0);
      MetricValue[] mv = new MetricValue[TableEvaluator.PER_THRESHOLD];
      for (int k = 0; k < mv.length; k++) {
        mv[k] = reasons[k] == null ? MetricValue.of(values[k]) : MetricValue.undefined(reasons[k]);
      }
      ts.add(new ThresholdMetrics(thresholds[j], tp[j], fp[j], n0 - fp[j], m - tp[j], mv[0], mv[1], mv[2], mv[3],
          mv[4], mv[5], mv[6], ThresholdMetrics.treatAll(thresholds[j], m / dn)));
    }
    Map<String, Interval> intervals = new LinkedHashMap<>();
    intervals.put("auroc", Interval.undefined(undefined, Interval.Method.DELONG, NEEDS_SCORES));
    intervals.put("calibration_slope", Interval.undefined(undefined, Interval.Method.WALD, NEEDS_SCORES));
    intervals.put("calibration_intercept", Interval.undefined(undefined, Interval.Method.WALD, NEEDS_SCORES));
    intervals.put("oe_ratio", SubsetComputation.oeInterval(oe, m, n));
    return new SubsetMetrics(n, m, MetricValue.of(m / dn), undefined, undefined,
        MetricValue.of(brier.value() / dn), MetricValue.of(loss.value() / dn), MetricValue.of(ece.value()),
        MetricValue.of(mce), undefined, undefined, ts, new Calibration(bins, z, pValue, oe, curve, undefined, undefined, undefined,
        undefined), intervals);
  }
}
