package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * DeLong's variance (single and paired) against a direct O(n^2) implementation of DeLong, DeLong and
 * Clarke-Pearson (1988): placements from the kernel psi(x, y) = 1 if x &gt; y, 1/2 if x = y, 0 otherwise.
 */
class DeLongTest {

  /** {auc, variance} straight from the 1988 paper's definitions. */
  static double[] direct(int[] y, double[] p) {
    int m = 0;
    for (int v : y) {
      m += v;
    }
    int n0 = y.length - m;
    double[] v10 = new double[m];
    double[] v01 = new double[n0];
    int a = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1) {
        continue;
      }
      int b = 0;
      for (int j = 0; j < y.length; j++) {
        if (y[j] == 0) {
          double psi = p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
          v10[a] += psi / n0;
          v01[b] += psi / m;
          b++;
        }
      }
      a++;
    }
    double auc = 0;
    for (double v : v10) {
      auc += v / m;
    }
    double s10 = 0;
    for (double v : v10) {
      s10 += (v - auc) * (v - auc) / (m - 1);
    }
    double s01 = 0;
    for (double v : v01) {
      s01 += (v - auc) * (v - auc) / (n0 - 1);
    }
    return new double[] {auc, s10 / m + s01 / n0};
  }

  /** Paired: {aucA - aucB, variance of the difference}. */
  static double[] directPaired(int[] y, double[] pa, double[] pb) {
    int m = 0;
    for (int v : y) {
      m += v;
    }
    int n0 = y.length - m;
    double[][] v10 = new double[2][m];
    double[][] v01 = new double[2][n0];
    double[][] scores = {pa, pb};
    for (int k = 0; k < 2; k++) {
      double[] p = scores[k];
      int a = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] != 1) {
          continue;
        }
        int b = 0;
        for (int j = 0; j < y.length; j++) {
          if (y[j] == 0) {
            double psi = p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
            v10[k][a] += psi / n0;
            v01[k][b] += psi / m;
            b++;
          }
        }
        a++;
      }
    }
    double[] auc = new double[2];
    for (int k = 0; k < 2; k++) {
      for (double v : v10[k]) {
        auc[k] += v / m;
      }
    }
    double[][] s10 = new double[2][2];
    double[][] s01 = new double[2][2];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < m; i++) {
          s10[r][c] += (v10[r][i] - auc[r]) * (v10[c][i] - auc[c]) / (m - 1);
        }
        for (int j = 0; j < n0; j++) {
          s01[r][c] += (v01[r][j] - auc[r]) * (v01[c][j] - auc[c]) / (n0 - 1);
        }
      }
    }
    double var = (s10[0][0] + s10[1][1] - 2 * s10[0][1]) / m + (s01[0][0] + s01[1][1] - 2 * s01[0][1]) / n0;
    return new double[] {auc[0] - auc[1], var};
  }

  static int[] labels(SplittableRandom r, int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < 2 ? i : i < 4 ? i - 2 : r.nextDouble() < 0.35 ? 1 : 0; // at least 2 of each class
    }
    return y;
  }

  static double[] scores(SplittableRandom r, int[] y, int decimals) {
    double scale = Math.pow(10, decimals);
    double[] p = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      p[i] = Math.round((0.25 * y[i] + 0.75 * r.nextDouble()) * scale) / scale;
    }
    return p;
  }

  @Property(tries = 60)
  void variance_randomTiedData_matchesDirectFormula(@ForAll @IntRange(min = 4, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 4) int decimals, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = labels(r, n);
    double[] p = scores(r, y, decimals);
    double[] expected = direct(y, p);
    Interval iv = BinaryMetrics.aurocInterval(y, p);
    assertEquals(expected[0], iv.point().orElseThrow(), 1e-13);
    if (expected[1] > 1e-20) { // the direct sums round a true 0 (complete separation) to ~1e-33
      double se = Math.sqrt(expected[1]);
      assertEquals(Math.max(0, expected[0] - 1.959963984540054 * se), iv.lower95().orElseThrow(), 1e-12);
      assertEquals(Math.min(1, expected[0] + 1.959963984540054 * se), iv.upper95().orElseThrow(), 1e-12);
    } else {
      assertFalse(iv.isDefined());
    }
  }

  @Property(tries = 60)
  void paired_randomTiedData_matchesDirectFormula(@ForAll @IntRange(min = 4, max = 150) int n,
      @ForAll @IntRange(min = 1, max = 3) int decimals, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = labels(r, n);
    double[] a = scores(r, y, decimals);
    double[] b = scores(r, y, decimals);
    double[] expected = directPaired(y, a, b);
    MetricDifference d = MetricsComparison.of(y, a, b).difference("auroc").orElseThrow();
    assertEquals(MetricDifference.Method.PAIRED_DELONG, d.method());
    assertEquals(expected[0], d.difference().orElseThrow(), 1e-13);
    if (expected[1] > 1e-12) {
      double se = Math.sqrt(expected[1]);
      assertEquals(se, d.standardError().orElseThrow(), 1e-12 + 1e-9 * se);
      double z = expected[0] / se;
      assertEquals(z, d.z().orElseThrow(), 1e-9 * Math.max(1, Math.abs(z)));
      assertEquals(Erf.erfc(Math.abs(z) / Math.sqrt(2)), d.pValue().orElseThrow(), 1e-9);
      assertEquals(Math.max(-1, expected[0] - 1.959963984540054 * se), d.lower95().orElseThrow(), 1e-12);
    }
  }

  @Test
  void variance_hanleyMcNeilRatingData_publishedAuc() {
    // Hanley and McNeil (1982), Radiology 143:29-36, table 1: 58 normal and 51 abnormal CT images rated
    // 1 (definitely normal) .. 5 (definitely abnormal); published area 0.893.
    int[] normal = {33, 6, 6, 11, 2};
    int[] abnormal = {3, 2, 2, 11, 33};
    int n = 109;
    int[] y = new int[n];
    double[] p = new double[n];
    int i = 0;
    for (int rating = 0; rating < 5; rating++) {
      for (int k = 0; k < normal[rating]; k++, i++) {
        y[i] = 0;
        p[i] = rating / 4.0;
      }
      for (int k = 0; k < abnormal[rating]; k++, i++) {
        y[i] = 1;
        p[i] = rating / 4.0;
      }
    }
    Interval iv = BinaryMetrics.aurocInterval(y, p);
    assertEquals(0.893, iv.point().orElseThrow(), 0.0005);
    double[] expected = direct(y, p);
    double se = (iv.upper95().orElseThrow() - iv.point().orElseThrow()) / 1.959963984540054;
    assertEquals(Math.sqrt(expected[1]), se, 1e-12);
    // DeLong's nonparametric SE is close to Hanley and McNeil's exponential approximation (0.032)
    assertEquals(0.032, se, 0.003);
  }

  @Test
  void paired_identicalScores_undefinedIntervalWithReason() {
    int[] y = {0, 1, 0, 1, 1, 0};
    double[] p = {0.1, 0.7, 0.4, 0.6, 0.3, 0.2};
    MetricDifference d = MetricsComparison.of(y, p, p).difference("auroc").orElseThrow();
    assertEquals(0.0, d.difference().orElseThrow(), 0);
    assertEquals("the DeLong variance of the difference is 0 (the two scores rank every pair alike)",
        d.lower95().reason().orElseThrow());
    assertTrue(d.pValue().reason().isPresent());
  }

  @Test
  void interval_fewerThanTwoOfAClass_undefined() {
    Interval iv = BinaryMetrics.aurocInterval(new int[] {0, 1, 0}, new double[] {0.2, 0.9, 0.5});
    assertEquals(1.0, iv.point().orElseThrow(), 0);
    assertEquals("DeLong's variance needs at least 2 positives and 2 negatives", iv.lower95().reason().orElseThrow());
  }
}
