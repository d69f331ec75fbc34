package dev.clinigate.metrics.internal.drift;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity of two samples over K categories, as
 * {@code scipy.stats.chi2_contingency(table, correction=False)} computes it on the 2 x K table:
 * expected counts {@code row * column / total}, statistic {@code sum (observed - expected)^2 / expected},
 * {@code K - 1} degrees of freedom, p-value {@code Q(dof / 2, statistic / 2)} (the regularized upper
 * incomplete gamma function, commons-math3), which keeps small p-values accurate.
 */
public final class ChiSquare {
  private ChiSquare() {}

  /**
   * The test result.
   *
   * @param statistic chi-square statistic
   * @param dof degrees of freedom
   * @param pValue p-value
   */
  public record Result(double statistic, int dof, double pValue) {}

  /**
   * The test for two count vectors over the same categories (every category counted at least once
   * in one of them); null when a sample has no values (scipy: "expected frequencies has a zero
   * element").
   */
  public static Result homogeneity(long[] a, long[] b) {
    long rowA = 0;
    long rowB = 0;
    for (int k = 0; k < a.length; k++) {
      rowA += a[k];
      rowB += b[k];
    }
    if (rowA == 0 || rowB == 0) {
      return null;
    }
    int dof = a.length - 1;
    if (dof == 0) {
      return new Result(0.0, 0, 1.0);
    }
    double total = rowA + rowB;
    int k = a.length;
    double[] terms = new double[2 * k];
    for (int i = 0; i < k; i++) {
      long column = a[i] + b[i];
      double ea = (double) (rowA * column) / total;
      double eb = (double) (rowB * column) / total;
      terms[i] = (a[i] - ea) * (a[i] - ea) / ea;
      terms[k + i] = (b[i] - eb) * (b[i] - eb) / eb;
    }
    double statistic = NumpySum.sum(terms, 2 * k);
    double p = Gamma.regularizedGammaQ(dof / 2.0, statistic / 2.0);
    return new Result(statistic, dof, Math.min(1.0, Math.max(0.0, p)));
  }
}
