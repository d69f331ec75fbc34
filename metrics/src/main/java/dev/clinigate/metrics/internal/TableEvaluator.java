package dev.clinigate.metrics.internal;

import java.util.Arrays;

/**
 * Computes the bootstrappable metrics of a distinct-score table for any counts over its cells: the
 * table's own counts (the point estimate) or a bootstrap replicate's multinomial counts.
 *
 * <p>Design note: everything that depends only on a cell's score is computed once here (clipped log
 * terms, logit, calibration bin, first cell at or above each threshold), so that evaluating a replicate
 * costs O(cells) without a logarithm (the logistic slope fit still takes one exponential per cell and
 * Newton iteration). Metric values are written to slots; an undefined metric gets NaN in its slot and a
 * reason, and NaN never leaves this package.
 *
 * <p>Numeric conventions: sums over cells are compensated ({@link Sum}); AUROC is an exact integer
 * numerator over 2 * positives * negatives; per-cell terms use the same floating-point expressions as
 * scikit-learn so that results agree with it to about 1e-15 relative.
 */
public final class TableEvaluator {
  /** Slot of AUROC. */
  public static final int AUROC = 0;
  /** Slot of AUPRC. */
  public static final int AUPRC = 1;
  /** Slot of the Brier score. */
  public static final int BRIER = 2;
  /** Slot of the log loss. */
  public static final int LOG_LOSS = 3;
  /** Slot of ECE. */
  public static final int ECE = 4;
  /** Slot of MCE. */
  public static final int MCE = 5;
  /** Slot of the calibration slope. */
  public static final int SLOPE = 6;
  /** Slot of the calibration intercept. */
  public static final int INTERCEPT = 7;
  /** Number of scalar slots; threshold j's metric k is in slot {@code SCALARS + 7 j + k}. */
  public static final int SCALARS = 8;
  /** Metrics per threshold: sensitivity, specificity, ppv, npv, f1, alert rate, net benefit. */
  public static final int PER_THRESHOLD = 7;

  /** Smallest clipped probability (DESIGN: p' = clip(p, 1e-15, 1 - 1e-15)). */
  public static final double CLIP = 1e-15;

  static final String NO_POSITIVES_ONE_CLASS = "one class only (no positives)";
  static final String NO_NEGATIVES_ONE_CLASS = "one class only (no negatives)";
  static final String NO_POSITIVES = "no positives";
  static final String NO_NEGATIVES = "no negatives";
  static final String NO_PREDICTED_POSITIVES = "no predicted positives at this threshold";
  static final String NO_PREDICTED_NEGATIVES = "no predicted negatives at this threshold";
  static final String NO_F1 = "no positives and no predicted positives at this threshold";
  static final String NET_BENEFIT_AT_ONE = "net benefit is undefined at threshold 1 (t / (1 - t) is infinite)";

  final ScoreTable table;
  final int d;
  final double[] thresholds;
  final int bins;
  final double[] x;
  final double[] expNegX;
  final double[] lossPos;
  final double[] lossNeg;
  final double[] sqPos;
  final double[] sqNeg;
  final int[] bin;
  final int[] thresholdStart;

  /** Prepares the per-cell terms of {@code table}. */
  public TableEvaluator(ScoreTable table, double[] thresholds, int bins) {
    this.table = table;
    this.d = table.size;
    this.thresholds = thresholds.clone();
    this.bins = bins;
    double[] s = table.score;
    x = new double[d];
    expNegX = new double[d];
    lossPos = new double[d];
    lossNeg = new double[d];
    sqPos = new double[d];
    sqNeg = new double[d];
    bin = new int[d];
    double width = 1.0 / bins;
    int edge = 1; // next inner edge k, e_k = k * (1.0 / B)
    for (int i = 0; i < d; i++) {
      double p = s[i];
      double pc = Math.min(Math.max(p, CLIP), 1 - CLIP);
      x[i] = Math.log(pc / (1 - pc));
      expNegX[i] = Math.exp(-x[i]);
      lossPos[i] = -Math.log(pc);
      lossNeg[i] = -Math.log(1 - pc);
      double r = 1 - p;
      sqPos[i] = r * r;
      sqNeg[i] = p * p;
      while (edge < bins && edge * width < p) {
        edge++;
      }
      bin[i] = edge - 1; // number of inner edges strictly below p
    }
    thresholdStart = new int[this.thresholds.length];
    for (int j = 0; j < this.thresholds.length; j++) {
      thresholdStart[j] = firstAtOrAbove(s, this.thresholds[j]);
    }
  }

  /**
   * An evaluator of {@code sub}, a table whose cell i has the score of {@code parent}'s cell
   * {@code parentCell[i]} (a subgroup of the parent's cases): the per-cell terms are gathered from the
   * parent instead of recomputed, and are bit-identical to what the plain constructor computes.
   */
  public TableEvaluator(ScoreTable sub, TableEvaluator parent, int[] parentCell) {
    this.table = sub;
    this.d = sub.size;
    this.thresholds = parent.thresholds;
    this.bins = parent.bins;
    x = new double[d];
    expNegX = new double[d];
    lossPos = new double[d];
    lossNeg = new double[d];
    sqPos = new double[d];
    sqNeg = new double[d];
    bin = new int[d];
    for (int i = 0; i < d; i++) {
      int c = parentCell[i];
      x[i] = parent.x[c];
      expNegX[i] = parent.expNegX[c];
      lossPos[i] = parent.lossPos[c];
      lossNeg[i] = parent.lossNeg[c];
      sqPos[i] = parent.sqPos[c];
      sqNeg[i] = parent.sqNeg[c];
      bin[i] = parent.bin[c];
    }
    thresholdStart = new int[thresholds.length];
    for (int j = 0; j < thresholds.length; j++) {
      thresholdStart[j] = firstAtOrAbove(sub.score, thresholds[j]);
    }
  }

  private static int firstAtOrAbove(double[] s, double t) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The table being evaluated. */
  public ScoreTable table() {
    return table;
  }

  /** Number of slots. */
  public int slots() {
    return SCALARS + PER_THRESHOLD * thresholds.length;
  }

  /** The calibration bin of each cell. */
  public int[] cellBins() {
    return bin;
  }

  /**
   * Evaluates every slot for the counts {@code pos}/{@code neg} over this table's cells.
   *
   * @param values receives each slot's value, NaN when undefined
   * @param reasons receives null for a defined slot, else the reason
   * @param fitStart starting points for the fits {slope a, slope b, intercept a}, or null
   * @param fitOut receives the fitted {slope a, slope b, intercept a, standard error of slope b} (NaN when
   *     undefined), or null
   * @param fitTolerance the fits' convergence tolerance ({@link LogisticFit#TOLERANCE} for point estimates)
   */
  public void evaluate(long[] pos, long[] neg, double[] values, String[] reasons, double[] fitStart,
      double[] fitOut, double fitTolerance) {
    Arrays.fill(reasons, null);
    long m = 0;
    long n0 = 0;
    for (int i = 0; i < d; i++) {
      m += pos[i];
      n0 += neg[i];
    }
    long n = m + n0;
    double dn = n;

    // AUROC: sum over positives of (negatives below + half the tied negatives) / (m n0)
    if (m == 0 || n0 == 0) {
      set(values, reasons, AUROC, m == 0 ? NO_POSITIVES_ONE_CLASS : NO_NEGATIVES_ONE_CLASS);
    } else {
      values[AUROC] = auroc(pos, neg, d, m, n0);
    }

    // AUPRC (scikit-learn's average_precision_score): sum over distinct scores, descending, of
    // (recall_k - recall_{k-1}) * precision_k
    if (m == 0) {
      set(values, reasons, AUPRC, NO_POSITIVES);
    } else {
      Sum ap = new Sum();
      long tp = 0;
      long fp = 0;
      double dm = m;
      for (int i = d - 1; i >= 0; i--) {
        long p = pos[i];
        long prev = tp;
        tp += p;
        fp += neg[i];
        if (p != 0) {
          ap.add((tp / dm - prev / dm) * ((double) tp / (double) (tp + fp)));
        }
      }
      values[AUPRC] = ap.value();
    }

    // Brier, log loss, ECE/MCE
    Sum brier = new Sum();
    Sum loss = new Sum();
    long[] binN = new long[bins];
    long[] binY = new long[bins];
    double[] binP = new double[bins];
    double[] binC = new double[bins];
    double[] s = table.score;
    for (int i = 0; i < d; i++) {
      long p = pos[i];
      long q = neg[i];
      if ((p | q) == 0) {
        continue;
      }
      brier.add(p * sqPos[i] + q * sqNeg[i]);
      loss.add(p * lossPos[i] + q * lossNeg[i]);
      int b = bin[i];
      long c = p + q;
      binN[b] += c;
      binY[b] += p;
      // compensated per-bin sum of scores (Neumaier, inlined)
      double term = s[i] * c;
      double t = binP[b] + term;
      if (Math.abs(binP[b]) >= Math.abs(term)) {
        binC[b] += (binP[b] - t) + term;
      } else {
        binC[b] += (term - t) + binP[b];
      }
      binP[b] = t;
    }
    values[BRIER] = brier.value() / dn;
    values[LOG_LOSS] = loss.value() / dn;
    Sum ece = new Sum();
    double mce = 0;
    for (int b = 0; b < bins; b++) {
      long c = binN[b];
      if (c == 0) {
        continue;
      }
      double dc = c;
      double gap = Math.abs(binY[b] / dc - (binP[b] + binC[b]) / dc);
      ece.add(dc / dn * gap);
      mce = Math.max(mce, gap);
    }
    values[ECE] = ece.value();
    values[MCE] = mce;

    // logistic recalibration fits: the offset fit first (cheap: no exponential per cell), then the slope
    // fit started from (its intercept, slope 1), the maximum of the likelihood restricted to b = 1
    double[] fit = new double[fitOut == null ? 2 : 3];
    String why = LogisticFit.intercept(expNegX, pos, neg, d, fitStart == null ? 0.0 : fitStart[2], fit,
        fitTolerance);
    double interceptA = fit[0];
    if (why == null) {
      values[INTERCEPT] = interceptA;
    } else {
      set(values, reasons, INTERCEPT, why);
    }
    if (fitOut != null) {
      fitOut[2] = why == null ? interceptA : Double.NaN;
    }
    double[] slopeStart = fitStart != null ? fitStart : why == null ? new double[] {interceptA, 1.0} : null;
    why = LogisticFit.slope(x, pos, neg, d, slopeStart, fit, fitTolerance);
    if (why == null) {
      values[SLOPE] = fit[1];
      if (fitOut != null) {
        fitOut[0] = fit[0];
        fitOut[1] = fit[1];
        fitOut[3] = fit[2];
      }
    } else {
      set(values, reasons, SLOPE, why);
      if (fitOut != null) {
        fitOut[0] = Double.NaN;
        fitOut[1] = Double.NaN;
        fitOut[3] = Double.NaN;
      }
    }

    // thresholds: TP and FP at p >= t from a descending walk
    int tcount = thresholds.length;
    if (tcount > 0) {
      long[] tps = new long[tcount];
      long[] fps = new long[tcount];
      countAtThresholds(pos, neg, tps, fps);
      for (int j = 0; j < tcount; j++) {
        thresholdMetrics(thresholds[j], tps[j], fps[j], m, n0, values, reasons, SCALARS + PER_THRESHOLD * j);
      }
    }
  }

  /**
   * The AUROC of counts over ascending cells (NaN with one class): an exact integer numerator, twice the
   * number of (positive, negative) pairs ordered correctly plus the tied pairs, over 2 m n0.
   */
  public static double auroc(long[] pos, long[] neg, int d, long m, long n0) {
    if (m == 0 || n0 == 0) {
      return Double.NaN;
    }
    if ((double) m * n0 < 2e18) {
      long below = 0;
      long num2 = 0;
      for (int i = 0; i < d; i++) {
        long p = pos[i];
        if (p != 0) {
          num2 += p * (2 * below + neg[i]);
        }
        below += neg[i];
      }
      return num2 / (2.0 * m * n0);
    }
    long below = 0;
    Sum num2 = new Sum();
    for (int i = 0; i < d; i++) {
      num2.add((double) pos[i] * (2.0 * below + neg[i]));
      below += neg[i];
    }
    return num2.value() / (2.0 * m * n0);
  }

  /** TP and FP (cases with score &gt;= t_j) for every threshold. */
  public void countAtThresholds(long[] pos, long[] neg, long[] tps, long[] fps) {
    int j = thresholds.length - 1;
    while (j >= 0 && thresholdStart[j] == d) {
      tps[j] = 0;
      fps[j] = 0;
      j--;
    }
    long tp = 0;
    long fp = 0;
    for (int i = d - 1; i >= 0 && j >= 0; i--) {
      tp += pos[i];
      fp += neg[i];
      while (j >= 0 && thresholdStart[j] == i) {
        tps[j] = tp;
        fps[j] = fp;
        j--;
      }
    }
  }

  /** Writes the seven threshold metrics from confusion counts into slots {@code base..base+6}. */
  static void thresholdMetrics(double t, long tp, long fp, long m, long n0, double[] values, String[] reasons,
      int base) {
    long fn = m - tp;
    long tn = n0 - fp;
    double dn = m + n0;
    if (m == 0) {
      set(values, reasons, base, NO_POSITIVES);
    } else {
      values[base] = (double) tp / (double) m;
    }
    if (n0 == 0) {
      set(values, reasons, base + 1, NO_NEGATIVES);
    } else {
      values[base + 1] = (double) tn / (double) n0;
    }
    if (tp + fp == 0) {
      set(values, reasons, base + 2, NO_PREDICTED_POSITIVES);
    } else {
      values[base + 2] = (double) tp / (double) (tp + fp);
    }
    if (tn + fn == 0) {
      set(values, reasons, base + 3, NO_PREDICTED_NEGATIVES);
    } else {
      values[base + 3] = (double) tn / (double) (tn + fn);
    }
    long f1d = 2 * tp + fp + fn;
    if (f1d == 0) {
      set(values, reasons, base + 4, NO_F1);
    } else {
      values[base + 4] = (double) (2 * tp) / (double) f1d;
    }
    values[base + 5] = (tp + fp) / dn;
    if (t == 1.0) {
      set(values, reasons, base + 6, NET_BENEFIT_AT_ONE);
    } else {
      values[base + 6] = tp / dn - fp / dn * (t / (1 - t));
    }
  }

  private static void set(double[] values, String[] reasons, int slot, String reason) {
    values[slot] = Double.NaN;
    reasons[slot] = reason;
  }
}
