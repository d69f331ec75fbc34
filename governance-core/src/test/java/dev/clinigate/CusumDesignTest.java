package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CusumDesign} against numbers computed independently: the Brook and Evans (1972) Markov-chain
 * approximation of the CUSUM's in-control ARL (solved here by Gaussian elimination) and a plain
 * simulation with another generator and seed.
 */
class CusumDesignTest {

  /** ARL0 by the Markov chain on {0} and {@code cells} cells of (0, h], Poisson(e) observed events. */
  static double markovArl0(double r, double h, double e, int cells) {
    int n = cells + 1;
    double w = h / cells;
    double up = Math.log(r);
    double down = e * (r - 1);
    int maxO = (int) Math.ceil(e + 12 * Math.sqrt(e) + 20);
    double[] pmf = new double[maxO + 1];
    pmf[0] = Math.exp(-e);
    for (int o = 1; o <= maxO; o++) {
      pmf[o] = pmf[o - 1] * e / o;
    }
    double[][] a = new double[n][n + 1]; // (I - Q) L = 1
    for (int i = 0; i < n; i++) {
      double s = i == 0 ? 0 : (i - 0.5) * w;
      a[i][i] += 1;
      a[i][n] = 1;
      for (int o = 0; o <= maxO; o++) {
        double next = s + o * up - down;
        if (next > h) {
          continue; // absorbed: an alarm
        }
        int j = next <= 0 ? 0 : Math.min(cells, (int) Math.ceil(next / w));
        a[i][j] -= pmf[o];
      }
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int i = c + 1; i < n; i++) {
        if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
          p = i;
        }
      }
      double[] tmp = a[c];
      a[c] = a[p];
      a[p] = tmp;
      for (int i = 0; i < n; i++) {
        if (i != c && a[i][c] != 0) {
          double f = a[i][c] / a[c][c];
          for (int k = c; k <= n; k++) {
            a[i][k] -= f * a[c][k];
          }
        }
      }
    }
    return a[0][n] / a[0][0];
  }

  /** A plain simulation with java.util.Random (another generator and seed). */
  static double bruteArl0(double r, double h, double e, long seed, int runs) {
    Random rng = new Random(seed);
    double total = 0;
    for (int i = 0; i < runs; i++) {
      double s = 0;
      long t = 0;
      while (s <= h) {
        t++;
        int o = 0; // Poisson by inversion
        double u = rng.nextDouble();
        double p = Math.exp(-e);
        double cdf = p;
        while (u > cdf) {
          o++;
          p *= e / o;
          cdf += p;
        }
        s = Math.max(0, s + o * Math.log(r) - e * (r - 1));
      }
      total += t;
    }
    return total / runs;
  }

  @Test
  void arl0_agreesWithMarkovChainApproximation() {
    double[][] cases = {{2, 3, 5}, {2, 4.5, 5}, {1.5, 2.5, 10}, {0.5, 3, 8}, {3, 2, 1}};
    for (double[] c : cases) {
      double markov = markovArl0(c[0], c[1], c[2], 800);
      double sim = CusumDesign.arl0(c[0], c[1], c[2], CusumDesign.DEFAULT_SEED, 20000);
      assertEquals(markov, sim, 0.03 * markov, "R " + c[0] + ", h " + c[1] + ", E " + c[2]);
    }
  }

  @Test
  void arl0_agreesWithPlainSimulationUnderAnotherSeed() {
    double brute = bruteArl0(2, 4, 5, 7L, 20000);
    double ours = CusumDesign.arl0(2, 4, 5, 99L, 20000);
    assertEquals(brute, ours, 0.04 * brute);
  }

  @Test
  void arl0_isDeterministic() {
    assertEquals(CusumDesign.arl0(2, 4.5, 5), CusumDesign.arl0(2, 4.5, 5));
  }

  @Test
  void thresholdFor_reachesTargetAndIsTheSmallestSuchH() {
    double h = CusumDesign.thresholdFor(2, 5, 500);
    assertTrue(CusumDesign.arl0(2, h, 5) >= 500, "h " + h);
    assertTrue(CusumDesign.arl0(2, h - 1e-3, 5) < 500, "h " + h);
    double markov = markovArl0(2, h, 5, 800);
    assertEquals(500, markov, 0.08 * 500, "Markov ARL0 at h " + h);
  }

  @Test
  void thresholdFor_invalidArguments_throw() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CusumDesign.thresholdFor(1, 5, 500));
    assertEquals("oddsRatio must be positive and not 1, found 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CusumDesign.arl0(2, 0, 5));
    assertEquals("h must be positive, found 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CusumDesign.thresholdFor(2, 5, 1));
    assertEquals("targetArl0 must be above 1 and at most 1000000, found 1.0", e.getMessage());
  }
}
