package dev.clinigate.metrics.internal;

/**
 * DeLong's variance of the AUROC (DeLong, DeLong and Clarke-Pearson, 1988) computed with the placement
 * values of Sun and Xu (2014, "Fast implementation of DeLong's algorithm for comparing the areas under
 * correlated receiver operating characteristic curves", IEEE Signal Processing Letters 21(11)).
 *
 * <p>Design note: the placement of a positive with score s is V10(s) = (negatives below s + 1/2
 * negatives at s) / n0, and of a negative V01(s) = (positives above s + 1/2 positives at s) / n1; Sun
 * and Xu obtain them from midranks after one sort. Cases with the same score share a placement, so over
 * the distinct-score table the whole computation is O(cells) after the sort, and the AUROC's variance
 * S10 / n1 + S01 / n0 (S10, S01 the sample variances of the placements) comes at almost no extra cost.
 * The 95% interval is AUROC +- 1.959963984540054 * SE, clipped to [0, 1]. It is undefined with fewer
 * than two cases of a class (a sample variance needs two) and when the variance is exactly 0 (complete
 * separation, or a single distinct score): a zero-width interval would overstate certainty.
 */
public final class DeLong {
  /** The 0.975 quantile of the standard normal distribution. */
  public static final double Z975 = 1.959963984540054;

  /** Reason: fewer than two cases of a class. */
  public static final String TOO_FEW = "DeLong's variance needs at least 2 positives and 2 negatives";
  /** Reason: zero variance. */
  public static final String ZERO_VARIANCE =
      "DeLong's variance is 0 (complete separation or a single distinct score), so no interval is reported";

  private DeLong() {}

  /** Positive placements V10 per cell (meaningful where the cell has positives). */
  public static double[] positivePlacements(ScoreTable t) {
    double[] v = new double[t.size];
    double n0 = t.negatives;
    long below = 0;
    for (int i = 0; i < t.size; i++) {
      v[i] = (below + 0.5 * t.neg[i]) / n0;
      below += t.neg[i];
    }
    return v;
  }

  /** Negative placements V01 per cell (meaningful where the cell has negatives). */
  public static double[] negativePlacements(ScoreTable t) {
    double[] v = new double[t.size];
    double n1 = t.positives;
    long above = 0;
    for (int i = t.size - 1; i >= 0; i--) {
      v[i] = (above + 0.5 * t.pos[i]) / n1;
      above += t.pos[i];
    }
    return v;
  }

  /**
   * DeLong's variance of the AUROC {@code auc} of table {@code t}; requires at least 2 positives and
   * 2 negatives.
   */
  public static double variance(ScoreTable t, double auc) {
    double[] v10 = positivePlacements(t);
    double[] v01 = negativePlacements(t);
    Sum s10 = new Sum();
    Sum s01 = new Sum();
    for (int i = 0; i < t.size; i++) {
      if (t.pos[i] != 0) {
        double dv = v10[i] - auc;
        s10.add(t.pos[i] * (dv * dv));
      }
      if (t.neg[i] != 0) {
        double dv = v01[i] - auc;
        s01.add(t.neg[i] * (dv * dv));
      }
    }
    double m = t.positives;
    double n0 = t.negatives;
    return s10.value() / (m - 1) / m + s01.value() / (n0 - 1) / n0;
  }

  /**
   * Paired DeLong for two score vectors on the same cases.
   *
   * @param labels each case's label (0/1)
   * @param cellA each case's cell in {@code a}
   * @param cellB each case's cell in {@code b}
   * @return {aucA, aucB, variance of aucA - aucB}
   */
  public static double[] paired(int[] labels, ScoreTable a, int[] cellA, double aucA, ScoreTable b, int[] cellB,
      double aucB) {
    double[] v10a = positivePlacements(a);
    double[] v01a = negativePlacements(a);
    double[] v10b = positivePlacements(b);
    double[] v01b = negativePlacements(b);
    // Var(A - B) = Var(A) + Var(B) - 2 Cov(A, B); summing the squared differences of the centred
    // placements gives it directly and can never come out negative through cancellation
    Sum p = new Sum();
    Sum q = new Sum();
    for (int k = 0; k < labels.length; k++) {
      if (labels[k] == 1) {
        double dd = (v10a[cellA[k]] - aucA) - (v10b[cellB[k]] - aucB);
        p.add(dd * dd);
      } else {
        double dd = (v01a[cellA[k]] - aucA) - (v01b[cellB[k]] - aucB);
        q.add(dd * dd);
      }
    }
    double m = a.positives;
    double n0 = a.negatives;
    double s10 = p.value() / (m - 1);
    double s01 = q.value() / (n0 - 1);
    return new double[] {aucA, aucB, s10 / m + s01 / n0};
  }
}
