package dev.clinigate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cell-and-block lowess of {@link SmoothedCalibration} against a plain row-by-row implementation of
 * the same algorithm (R's {@code clowess} conventions: every row, ties copied, delta skipping), on data
 * with and without ties, for block sizes that put every boundary inside a block and beside one; and the
 * weighted type-7 quantiles against sorting the expanded rows.
 */
class SmoothedCalibrationTest {

  /** Row-level lowess (iter = 0) of sorted x: a direct transcription of the algorithm, for reference. */
  static double[] rowLowess(double[] x, double[] y) {
    int n = x.length;
    double[] ys = new double[n];
    if (n < 2) {
      ys[0] = y[0];
      return ys;
    }
    int ns = Math.max(2, Math.min(n, (int) (2.0 / 3.0 * n + 1e-7)));
    double range = x[n - 1] - x[0];
    double delta = 0.01 * range;
    int nleft = 0;
    int nright = ns - 1;
    int last = -1;
    int i = 0;
    while (true) {
      if (nright < n - 1) {
        double d1 = x[i] - x[nleft];
        double d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      double xs = x[i];
      double h = Math.max(xs - x[nleft], x[nright] - xs);
      double h9 = 0.999 * h;
      double h1 = 0.001 * h;
      double[] w = new double[n];
      double a = 0;
      int j = nleft;
      while (j < n) {
        double r = Math.abs(x[j] - xs);
        if (r <= h9) {
          w[j] = r <= h1 ? 1.0 : Math.pow(1 - Math.pow(r / h, 3), 3);
          a += w[j];
        } else if (x[j] > xs) {
          break;
        }
        j++;
      }
      int nrt = j - 1;
      for (j = nleft; j <= nrt; j++) {
        w[j] /= a;
      }
      if (h > 0) {
        double mean = 0;
        for (j = nleft; j <= nrt; j++) {
          mean += w[j] * x[j];
        }
        double b = xs - mean;
        double c = 0;
        for (j = nleft; j <= nrt; j++) {
          c += w[j] * (x[j] - mean) * (x[j] - mean);
        }
        if (Math.sqrt(c) > 0.001 * range) {
          b /= c;
          for (j = nleft; j <= nrt; j++) {
            w[j] *= b * (x[j] - mean) + 1.0;
          }
        }
      }
      double fit = 0;
      for (j = nleft; j <= nrt; j++) {
        fit += w[j] * y[j];
      }
      ys[i] = fit;
      if (last < i - 1) {
        double denom = x[i] - x[last];
        for (j = last + 1; j < i; j++) {
          double alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1.0 - alpha) * ys[last];
        }
      }
      last = i;
      double cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) {
          break;
        }
        if (x[i] == x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) {
        break;
      }
    }
    return ys;
  }

  /** Sorted rows: decimals > 0 rounds the scores (ties), tail adds a sparse tail beyond wide gaps. */
  static double[][] rows(Random rnd, int n, int decimals, boolean tail) {
    double[][] xy = new double[n][2];
    for (int i = 0; i < n; i++) {
      double p = tail && i % 50 == 0 ? 0.3 + 0.7 * rnd.nextDouble() : 0.25 * rnd.nextDouble() * rnd.nextDouble();
      if (decimals > 0) {
        double f = Math.pow(10, decimals);
        p = Math.floor(p * f + 0.5) / f;
      }
      xy[i][0] = p;
      xy[i][1] = rnd.nextDouble() < Math.min(1.0, p * 1.3) ? 1 : 0;
    }
    // R's order(x) keeps tied rows in input order; here ties are ordered by label (any order gives the
    // same fit, see SmoothedCalibration's design note, which this test exercises with both orders below)
    Arrays.sort(xy, (u, v) -> Double.compare(u[0], v[0]));
    return xy;
  }

  @Test
  void lowess_cellsAndBlocks_equalRowByRowAlgorithm() {
    Random rnd = new Random(18);
    int[][] shapes = {{1, 0}, {2, 0}, {3, 1}, {40, 1}, {500, 2}, {2000, 0}, {3000, 3}, {5000, 1}};
    for (int[] shape : shapes) {
      for (boolean tail : new boolean[] {false, true}) {
        double[][] xy = rows(rnd, shape[0], shape[1], tail);
        int n = xy.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = xy[i][0];
          y[i] = xy[i][1];
        }
        double[] expected = rowLowess(x, y);
        // the same rows as cells
        double[] cx = new double[n];
        long[] cc = new long[n];
        double[] cy = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (k > 0 && cx[k - 1] == x[i]) {
            cc[k - 1]++;
            cy[k - 1] += y[i];
          } else {
            cx[k] = x[i];
            cc[k] = 1;
            cy[k] = y[i];
            k++;
          }
        }
        for (int block : new int[] {1, 2, 7, 16, 64, 1 << 20}) {
          double[] fit = SmoothedCalibration.lowess(cx, cc, cy, k, block);
          int c = 0;
          for (int i = 0; i < n; i++) {
            if (i > 0 && x[i] != x[i - 1]) {
              c++;
            }
            double e = expected[i];
            assertTrue(Math.abs(fit[c] - e) <= 1e-12 * Math.abs(e) + 1e-15,
                "n=" + n + " decimals=" + shape[1] + " tail=" + tail + " block=" + block + " row " + i + ": expected "
                    + e + ", found " + fit[c]);
          }
        }
        // reversing the labels within every run of ties changes nothing (R's input order of ties)
        double[] yr = y.clone();
        for (int i = 0; i < n; ) {
          int j = i;
          while (j < n && x[j] == x[i]) {
            j++;
          }
          for (int a = i, b = j - 1; a < b; a++, b--) {
            double t = yr[a];
            yr[a] = yr[b];
            yr[b] = t;
          }
          i = j;
        }
        double[] reversed = rowLowess(x, yr);
        for (int i = 0; i < n; i++) {
          assertTrue(Math.abs(reversed[i] - expected[i]) <= 1e-12 * Math.abs(expected[i]) + 1e-15,
              "tie order changed the fit at row " + i);
        }
      }
    }
  }

  @Test
  void quantiles7_weightedValues_equalSortedRows() {
    Random rnd = new Random(7);
    for (int k : new int[] {1, 2, 3, 10, 1000, 20000}) {
      double[] v = new double[k];
      long[] c = new long[k];
      long n = 0;
      for (int i = 0; i < k; i++) {
        v[i] = i % 3 == 0 ? Math.floor(rnd.nextDouble() * 100) / 1000 : rnd.nextDouble() * rnd.nextDouble();
        c[i] = 1 + rnd.nextInt(i % 5 == 0 ? 40 : 2);
        n += c[i];
      }
      double[] rows = new double[(int) n];
      int r = 0;
      for (int i = 0; i < k; i++) {
        for (long t = 0; t < c[i]; t++) {
          rows[r++] = v[i];
        }
      }
      Arrays.sort(rows);
      double[] qs = {0.0, 0.5, 0.9, 1.0};
      double[] expected = new double[qs.length];
      for (int q = 0; q < qs.length; q++) {
        double h = (n - 1) * qs[q];
        int lo = (int) Math.floor(h);
        double g = h - lo;
        // R interpolates only between different order statistics (x[hi] != qs in quantile.default)
        expected[q] = lo + 1 < n && g > 0 && rows[lo + 1] != rows[lo] ? (1 - g) * rows[lo] + g * rows[lo + 1]
            : rows[lo];
      }
      assertArrayEquals(expected, SmoothedCalibration.quantiles7(v, c, k, n, qs), 0.0, "k=" + k);
    }
  }

  @Test
  void errors_smallExample_byHand() {
    // scores 0.2, 0.4, 0.4, 0.7 with labels 0, {0, 1}, 1: lowess (span 2 of 4 rows) fits 0, 0.5 and 1
    double[] e = SmoothedCalibration.errors(new double[] {0.2, 0.4, 0.7}, new long[] {0, 1, 1},
        new long[] {1, 1, 0}, 3);
    assertEquals(0.175, e[SmoothedCalibration.ICI], 1e-16);
    assertEquals(0.15, e[SmoothedCalibration.E50], 1e-16);
    assertEquals(0.27, e[SmoothedCalibration.E90], 1e-16);
    assertEquals(0.30000000000000004, e[SmoothedCalibration.EMAX], 0.0);
  }
}
