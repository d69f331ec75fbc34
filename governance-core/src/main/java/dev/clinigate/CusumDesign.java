package dev.clinigate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Choosing the threshold {@code h} of a {@link CusumTrigger} from a target in-control average run length
 * (ARL0: the mean number of windows until a false alarm when the model is calibrated).
 *
 * <p>In control, a window's observed events are Poisson with mean {@code E}, the window's expected events;
 * the estimate simulates {@code runs} CUSUM paths {@code S_t = max(0, S_{t-1} + O_t ln R - E (R - 1))} from
 * {@code S_0 = 0} until {@code S_t > h} and averages the run lengths. The generator is seeded (by default
 * {@link #DEFAULT_SEED}), so results are deterministic: the same arguments give the same number on every
 * machine. The standard error of the estimate is about {@code ARL0 / sqrt(runs)} (run lengths are roughly
 * geometric): 2.2% with the default 2,000 runs.
 *
 * <pre>{@code
 * double h = CusumDesign.thresholdFor(2.0, 5.0, 1000);   // R = 2, 5 expected events a window, ARL0 1000
 * double arl0 = CusumDesign.arl0(2.0, h, 5.0);           // about 1000
 * }</pre>
 *
 * <p>{@link #thresholdFor} uses common random numbers: every candidate {@code h} is judged on the same
 * simulated paths, so the estimated ARL0 is non-decreasing in {@code h} and the search is exact for those
 * paths. Thread-safe (stateless).
 */
public final class CusumDesign {
  /** The seed of the default simulation. */
  public static final long DEFAULT_SEED = 20261204L;
  /** The number of simulated runs by default. */
  public static final int DEFAULT_RUNS = 2000;
  /** The longest simulated run, in windows; a run-length target above it is rejected. */
  public static final long MAX_RUN_LENGTH = 10_000_000L;

  private CusumDesign() {}

  /** The estimated in-control ARL (windows until a false alarm) with the default seed and number of runs. */
  public static double arl0(double oddsRatio, double h, double expectedPerWindow) {
    return arl0(oddsRatio, h, expectedPerWindow, DEFAULT_SEED, DEFAULT_RUNS);
  }

  /**
   * The estimated in-control ARL: the mean number of windows until {@code S > h} over {@code runs}
   * simulated paths in which each window's observed events are Poisson({@code expectedPerWindow}).
   *
   * @param oddsRatio the trigger's odds ratio, positive and not 1
   * @param h the threshold, positive
   * @param expectedPerWindow the expected events of a typical window, positive
   * @param seed the simulation seed
   * @param runs the number of simulated paths, at least 1
   * @throws IllegalArgumentException for arguments outside those ranges, or a run longer than
   *     {@link #MAX_RUN_LENGTH} windows
   */
  public static double arl0(double oddsRatio, double h, double expectedPerWindow, long seed, int runs) {
    check(oddsRatio, expectedPerWindow, runs);
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("h must be positive, found " + h);
    }
    Path[] paths = paths(oddsRatio, expectedPerWindow, seed, runs);
    return meanRunLength(paths, h);
  }

  /** The smallest {@code h} whose estimated ARL0 reaches {@code targetArl0}, with the default seed and runs. */
  public static double thresholdFor(double oddsRatio, double expectedPerWindow, double targetArl0) {
    return thresholdFor(oddsRatio, expectedPerWindow, targetArl0, DEFAULT_SEED, DEFAULT_RUNS);
  }

  /**
   * The threshold {@code h} (to 1e-6) at which the estimated in-control ARL first reaches
   * {@code targetArl0} windows, found by bisection on common simulated paths.
   *
   * @param oddsRatio the trigger's odds ratio, positive and not 1
   * @param expectedPerWindow the expected events of a typical window, positive
   * @param targetArl0 the wanted mean number of windows until a false alarm, above 1 and at most
   *     {@link #MAX_RUN_LENGTH} / 10
   * @param seed the simulation seed
   * @param runs the number of simulated paths, at least 1
   * @throws IllegalArgumentException for arguments outside those ranges
   */
  public static double thresholdFor(double oddsRatio, double expectedPerWindow, double targetArl0, long seed,
      int runs) {
    check(oddsRatio, expectedPerWindow, runs);
    if (!(targetArl0 > 1) || targetArl0 > MAX_RUN_LENGTH / 10.0) {
      throw new IllegalArgumentException("targetArl0 must be above 1 and at most " + MAX_RUN_LENGTH / 10 + ", found "
          + targetArl0);
    }
    Path[] paths = paths(oddsRatio, expectedPerWindow, seed, runs);
    double lo = 0;
    double hi = 1;
    while (meanRunLength(paths, hi) < targetArl0) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-6) {
      double mid = (lo + hi) / 2;
      if (meanRunLength(paths, mid) >= targetArl0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static void check(double oddsRatio, double expectedPerWindow, int runs) {
    if (!(oddsRatio > 0) || oddsRatio == 1 || !Double.isFinite(oddsRatio)) {
      throw new IllegalArgumentException("oddsRatio must be positive and not 1, found " + oddsRatio);
    }
    if (!(expectedPerWindow > 0) || !Double.isFinite(expectedPerWindow)) {
      throw new IllegalArgumentException("expectedPerWindow must be positive, found " + expectedPerWindow);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, found " + runs);
    }
  }

  private static Path[] paths(double oddsRatio, double e, long seed, int runs) {
    SplittableRandom root = new SplittableRandom(seed);
    Path[] paths = new Path[runs];
    for (int i = 0; i < runs; i++) {
      paths[i] = new Path(root.split(), Math.log(oddsRatio), e * (oddsRatio - 1), e);
    }
    return paths;
  }

  private static double meanRunLength(Path[] paths, double h) {
    double sum = 0;
    for (Path p : paths) {
      sum += p.runLength(h);
    }
    return sum / paths.length;
  }

  /**
   * One simulated in-control path, extended on demand. It keeps its record highs of {@code S} and the
   * window at which each was reached, so the run length for any {@code h} already passed is a lookup: the
   * first window at which {@code S} exceeded {@code h}.
   */
  private static final class Path {
    private final SplittableRandom rng;
    private final double up;
    private final double down;
    private final double e;
    private double s;
    private long t;
    private double[] highs = new double[16];
    private long[] at = new long[16];
    private int records;

    Path(SplittableRandom rng, double up, double down, double e) {
      this.rng = rng;
      this.up = up;
      this.down = down;
      this.e = e;
    }

    long runLength(double h) {
      while (records == 0 || highs[records - 1] <= h) {
        step();
      }
      int i = Arrays.binarySearch(highs, 0, records, h);
      i = i >= 0 ? i + 1 : -i - 1; // the first record strictly above h
      return at[i];
    }

    private void step() {
      if (t >= MAX_RUN_LENGTH) {
        throw new IllegalArgumentException("a simulated in-control run exceeded " + MAX_RUN_LENGTH
            + " windows: choose a smaller h or target");
      }
      t++;
      s = Math.max(0, s + poisson() * up - down);
      if (s > 0 && (records == 0 || s > highs[records - 1])) {
        if (records == highs.length) {
          highs = Arrays.copyOf(highs, records * 2);
          at = Arrays.copyOf(at, records * 2);
        }
        highs[records] = s;
        at[records] = t;
        records++;
      }
    }

    /** Poisson(e) as a sum of Poisson draws of mean at most 16 (Knuth's method, exact, no underflow). */
    private int poisson() {
      int n = 0;
      double rest = e;
      while (rest > 0) {
        double m = Math.min(rest, 16);
        rest -= m;
        double limit = Math.exp(-m);
        double prod = rng.nextDouble();
        while (prod > limit) {
          n++;
          prod *= rng.nextDouble();
        }
      }
      return n;
    }
  }
}
