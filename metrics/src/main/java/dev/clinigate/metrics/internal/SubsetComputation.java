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
 * Turns one distinct-score table into a {@link SubsetMetrics}: point estimates, calibration
 * diagnostics, DeLong's AUROC interval and (when asked) bootstrap intervals.
 */
public final class SubsetComputation {
  /** Names of the bootstrapped scalar slots, in interval order (AUROC has DeLong instead). */
  static final String[] SCALAR_NAMES = {
      "auroc", "auprc", "brier", "log_loss", "ece", "mce", "calibration_slope", "calibration_intercept"};

  static final String ZERO_SPIEGELHALTER_VARIANCE =
      "Spiegelhalter's variance is 0 (every score is 0, 0.5 or 1)";
  static final String ZERO_EXPECTED = "the sum of the scores is 0";
  static final String SINGULAR_INFORMATION = "the fit's information matrix is singular";

  private final ScoreTable table;
  private final MetricsOptions options;
  private final TableEvaluator evaluator;
  private final double[] values;
  private final String[] reasons;
  private final double[] fit = new double[4];

  /** Prepares and evaluates the point estimates of {@code table}. */
  public SubsetComputation(ScoreTable table, MetricsOptions options) {
    this(table, options, new TableEvaluator(table, options.thresholdArray(), options.bins()));
  }

  /**
   * Prepares and evaluates a subgroup's table whose cell i is {@code parent}'s cell {@code parentCell[i]}
   * (same results as the plain constructor, without recomputing per-score logarithms).
   */
  public SubsetComputation(ScoreTable table, MetricsOptions options, SubsetComputation parent, int[] parentCell) {
    this(table, options, new TableEvaluator(table, parent.evaluator, parentCell));
  }

  private SubsetComputation(ScoreTable table, MetricsOptions options, TableEvaluator evaluator) {
    this.table = table;
    this.options = options;
    this.evaluator = evaluator;
    this.values = new double[evaluator.slots()];
    this.reasons = new String[evaluator.slots()];
    evaluator.evaluate(table.pos, table.neg, values, reasons, null, fit, LogisticFit.TOLERANCE);
  }

  /** The evaluator of this subset's table. */
  public TableEvaluator evaluator() {
    return evaluator;
  }

  /** The fitted {slope a, slope b, intercept a} of the point estimate (NaN where undefined). */
  public double[] fit() {
    return java.util.Arrays.copyOf(fit, 3);
  }

  /** The point estimate in slot {@code slot}. */
  public MetricValue slot(int slot) {
    return reasons[slot] == null ? MetricValue.of(values[slot]) : MetricValue.undefined(reasons[slot]);
  }

  /** The name of a slot as a policy refers to it ({@code "ece"}, {@code "ppv@0.8"}). */
  public String slotName(int slot) {
    if (slot < TableEvaluator.SCALARS) {
      return SCALAR_NAMES[slot];
    }
    int j = (slot - TableEvaluator.SCALARS) / TableEvaluator.PER_THRESHOLD;
    int k = (slot - TableEvaluator.SCALARS) % TableEvaluator.PER_THRESHOLD;
    return ThresholdMetrics.METRIC_NAMES.get(k) + "@" + options.thresholds().get(j);
  }

  /** Builds the subset's metrics, including intervals. */
  public SubsetMetrics toMetrics() {
    long n = table.n();
    long m = table.positives;
    List<ThresholdMetrics> thresholds = new ArrayList<>();
    double[] ts = options.thresholdArray();
    long[] tps = new long[ts.length];
    long[] fps = new long[ts.length];
    evaluator.countAtThresholds(table.pos, table.neg, tps, fps);
    for (int j = 0; j < ts.length; j++) {
      int base = TableEvaluator.SCALARS + TableEvaluator.PER_THRESHOLD * j;
      thresholds.add(new ThresholdMetrics(ts[j], tps[j], fps[j], table.negatives - fps[j], m - tps[j],
          slot(base), slot(base + 1), slot(base + 2), slot(base + 3), slot(base + 4), slot(base + 5),
          slot(base + 6), ThresholdMetrics.treatAll(ts[j], (double) m / (double) n)));
    }
    Calibration calibration = calibration();
    Map<String, Interval> intervals = new LinkedHashMap<>();
    intervals.put("auroc", delong());
    intervals.put("calibration_slope", waldSlope());
    intervals.put("calibration_intercept", waldIntercept());
    intervals.put("oe_ratio", oeInterval(calibration.observedExpected(), m, n));
    if (options.bootstrapEnabled()) {
      intervals.putAll(bootstrap());
    }
    return new SubsetMetrics(n, m, MetricValue.of((double) m / (double) n), slot(TableEvaluator.AUROC),
        slot(TableEvaluator.AUPRC), slot(TableEvaluator.BRIER), slot(TableEvaluator.LOG_LOSS),
        slot(TableEvaluator.ECE), slot(TableEvaluator.MCE), slot(TableEvaluator.SLOPE),
        slot(TableEvaluator.INTERCEPT), thresholds, calibration, intervals);
  }

  /** {@link #toMetrics()} with the ROC, precision-recall and decision curves (for a report's whole set). */
  public SubsetMetrics toMetricsWithCurves() {
    return toMetrics().withCurves(CurveComputation.of(table, dev.clinigate.metrics.Curves.MAX_POINTS));
  }

  /** DeLong's 95% interval of the AUROC. */
  public Interval delong() {
    return delong(table, slot(TableEvaluator.AUROC));
  }

  /** The AUROC of a table with DeLong's interval, computing nothing else. */
  public static Interval aurocWithDeLong(ScoreTable table) {
    double a = TableEvaluator.auroc(table.pos, table.neg, table.size, table.positives, table.negatives);
    MetricValue auc;
    if (table.positives == 0) {
      auc = MetricValue.undefined(TableEvaluator.NO_POSITIVES_ONE_CLASS);
    } else if (table.negatives == 0) {
      auc = MetricValue.undefined(TableEvaluator.NO_NEGATIVES_ONE_CLASS);
    } else {
      auc = MetricValue.of(a);
    }
    return delong(table, auc);
  }

  private static Interval delong(ScoreTable table, MetricValue auc) {
    if (table.positives < 2 || table.negatives < 2) {
      return Interval.undefined(auc, Interval.Method.DELONG, DeLong.TOO_FEW);
    }
    double a = auc.orElseThrow();
    double var = DeLong.variance(table, a);
    if (!(var > 0)) {
      return Interval.undefined(auc, Interval.Method.DELONG, DeLong.ZERO_VARIANCE);
    }
    double se = Math.sqrt(var);
    double lo = Math.max(0.0, a - DeLong.Z975 * se);
    double hi = Math.min(1.0, a + DeLong.Z975 * se);
    return new Interval(auc, MetricValue.of(lo), MetricValue.of(hi), Interval.Method.DELONG);
  }

  private Map<String, Interval> bootstrap() {
    int replicates = options.bootstrapReplicates();
    int[][] cases = Bootstrap.casesByCell(table);
    Bootstrap.Result r = Bootstrap.run(new TableEvaluator[] {evaluator}, new int[][] {cases[0]},
        new int[][] {cases[1]}, replicates, options.bootstrapSeed(), new double[][] {startOrNull()});
    Map<String, Interval> out = new LinkedHashMap<>();
    for (int s = 1; s < evaluator.slots(); s++) {
      if (s == TableEvaluator.SLOPE || s == TableEvaluator.INTERCEPT) {
        continue; // Wald intervals from the fits (R's confint.default), see toMetrics
      }
      out.put(slotName(s), percentileInterval(slot(s), r.values[0][s], r.undefined[0][s], r.firstReason[0][s],
          replicates));
    }
    return out;
  }

  /** Wald's 95% interval of the calibration slope (R: confint.default(glm(y ~ lp, binomial))["lp", ]). */
  Interval waldSlope() {
    MetricValue point = slot(TableEvaluator.SLOPE);
    if (!point.isDefined()) {
      return Interval.undefined(point, Interval.Method.WALD, point.reason().orElseThrow());
    }
    return wald(point, fit[3]); // from the fit's information at the estimate (LogisticFit.slope)
  }

  /** Wald's 95% interval of the calibration intercept (R: confint.default(glm(y ~ offset(lp), binomial))). */
  Interval waldIntercept() {
    MetricValue point = slot(TableEvaluator.INTERCEPT);
    if (!point.isDefined()) {
      return Interval.undefined(point, Interval.Method.WALD, point.reason().orElseThrow());
    }
    double se = LogisticFit.interceptStandardError(evaluator.expNegX, table.pos, table.neg, table.size, fit[2]);
    return wald(point, se);
  }

  private static Interval wald(MetricValue point, double se) {
    double b = point.orElseThrow();
    if (!(se >= 0) || Double.isInfinite(se)) {
      return Interval.undefined(point, Interval.Method.WALD, SINGULAR_INFORMATION);
    }
    return new Interval(point, MetricValue.of(b - DeLong.Z975 * se), MetricValue.of(b + DeLong.Z975 * se),
        Interval.Method.WALD);
  }

  /**
   * The 95% interval of O/E: exp(ln(O/E) +- 1.959963984540054 sqrt((1 - phi) / (n phi))), phi the observed
   * prevalence (Riley et al., 2021; Debray et al., 2017).
   */
  public static Interval oeInterval(MetricValue oe, long positives, long n) {
    return Interval.oeRatio(oe, positives, n);
  }

  /** A starting point for replicate fits: the point estimate's fit where it exists. */
  double[] startOrNull() {
    if (Double.isNaN(fit[0]) || Double.isNaN(fit[1]) || Double.isNaN(fit[2])) {
      return Double.isNaN(fit[2]) ? null : new double[] {fit[2], 1.0, fit[2]};
    }
    return java.util.Arrays.copyOf(fit, 3);
  }

  /** A percentile interval around {@code point}, or undefined when any replicate was undefined. */
  static Interval percentileInterval(MetricValue point, double[] replicateValues, int undefinedCount,
      String firstReason, int replicates) {
    if (!point.isDefined()) {
      return Interval.undefined(point, Interval.Method.BOOTSTRAP, point.reason().orElseThrow());
    }
    if (undefinedCount > 0) {
      return Interval.undefined(point, Interval.Method.BOOTSTRAP,
          Bootstrap.undefinedInReplicates(undefinedCount, replicates, firstReason));
    }
    double[] ci = Bootstrap.percentile95(replicateValues);
    return new Interval(point, MetricValue.of(ci[0]), MetricValue.of(ci[1]), Interval.Method.BOOTSTRAP);
  }

  /** Spiegelhalter's test, observed/expected, the calibration curve and the lowess-curve errors. */
  Calibration calibration() {
    return calibration(table, options.bins(), evaluator.cellBins());
  }

  /**
   * The calibration diagnostics of a table alone, with {@code bins} equal-width bins (the cells' bins
   * computed as {@link TableEvaluator} does).
   */
  public static Calibration calibrationOf(ScoreTable table, int bins) {
    int[] cellBin = new int[table.size];
    double width = 1.0 / bins;
    int edge = 1;
    for (int i = 0; i < table.size; i++) {
      while (edge < bins && edge * width < table.score[i]) {
        edge++;
      }
      cellBin[i] = edge - 1;
    }
    return calibration(table, bins, cellBin);
  }

  private static Calibration calibration(ScoreTable table, int bins, int[] cellBin) {
    double[] s = table.score;
    Sum num = new Sum();
    Sum var = new Sum();
    Sum sumP = new Sum();
    long[] binN = new long[bins];
    long[] binY = new long[bins];
    Sum[] binP = new Sum[bins];
    for (int i = 0; i < table.size; i++) {
      double p = s[i];
      long c = table.pos[i] + table.neg[i];
      double q = 1 - 2 * p;
      num.add(table.pos[i] * ((1 - p) * q) - table.neg[i] * (p * q));
      var.add(c * (q * q * p * (1 - p)));
      sumP.add(c * p);
      int b = cellBin[i];
      binN[b] += c;
      binY[b] += table.pos[i];
      if (binP[b] == null) {
        binP[b] = new Sum();
      }
      binP[b].add(p * c);
    }
    MetricValue z;
    MetricValue pValue;
    double v = var.value();
    if (v > 0) {
      double zz = num.value() / Math.sqrt(v);
      z = MetricValue.of(zz);
      pValue = MetricValue.of(Erf.erfc(Math.abs(zz) / Math.sqrt(2.0)));
    } else {
      z = MetricValue.undefined(ZERO_SPIEGELHALTER_VARIANCE);
      pValue = MetricValue.undefined(ZERO_SPIEGELHALTER_VARIANCE);
    }
    double expected = sumP.value();
    MetricValue oe = expected > 0 ? MetricValue.of(table.positives / expected) : MetricValue.undefined(ZERO_EXPECTED);
    List<CalibrationBin> curve = new ArrayList<>();
    double width = 1.0 / bins;
    for (int b = 0; b < bins; b++) {
      if (binN[b] == 0) {
        continue;
      }
      double lower = b == 0 ? 0.0 : b * width;
      double upper = b == bins - 1 ? 1.0 : (b + 1) * width;
      double dn = binN[b];
      curve.add(new CalibrationBin(b, lower, upper, binN[b], binP[b].value() / dn, binY[b] / dn));
    }
    double[] e = SmoothedCalibration.errors(table.score, table.pos, table.neg, table.size);
    return new Calibration(bins, z, pValue, oe, curve, MetricValue.of(e[SmoothedCalibration.ICI]),
        MetricValue.of(e[SmoothedCalibration.E50]), MetricValue.of(e[SmoothedCalibration.E90]),
        MetricValue.of(e[SmoothedCalibration.EMAX]));
  }
}
