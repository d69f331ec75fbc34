package dev.clinigate.benchmarks.metrics;

/**
 * The synthetic benchmark data set, reproducible bit for bit in Python
 * ({@code benchmarks/python/sklearn_baseline.py} implements the same formulas with numpy).
 *
 * <p>Row i uses six uniforms u(i, k) = (mix64(SEED + (6 i + k + 1) * GAMMA) &gt;&gt;&gt; 11) * 2^-53,
 * k = 0..5, where mix64 is SplitMix64's finaliser. Label = u(i, 0) &lt; 0.2 (20% prevalence); score =
 * floor(((u(i, 1) + label * 0.6 * u(i, 2)) / 1.6) * 10000 + 0.5) / 10000 (4 decimals: at most 10,001
 * distinct values, many ties); groups: sex F/M by u(i, 3), age band 18-39/40-64/65+ by u(i, 4), site
 * east/north/south/west by u(i, 5) (9 groups in all). The continuous variant ({@link #continuous})
 * keeps the score unrounded: (u(i, 1) + label * 0.6 * u(i, 2)) / 1.6 (every score distinct in practice).
 */
public final class MetricsData {
  static final long SEED = 20240601L;
  static final long GAMMA = 0x9E3779B97F4A7C15L;

  final int[] labels;
  final double[] scores;
  final String[] sex;
  final String[] age;
  final String[] site;
  final int[] sexCode;
  final int[] ageCode;
  final int[] siteCode;
  static final String[] SEXES = {"F", "M"};
  static final String[] AGES = {"18-39", "40-64", "65+"};
  static final String[] SITES = {"east", "north", "south", "west"};

  private MetricsData(int n, boolean groups, boolean rounded) {
    labels = new int[n];
    scores = new double[n];
    sex = groups ? new String[n] : null;
    age = groups ? new String[n] : null;
    site = groups ? new String[n] : null;
    sexCode = groups ? new int[n] : null;
    ageCode = groups ? new int[n] : null;
    siteCode = groups ? new int[n] : null;
    for (int i = 0; i < n; i++) {
      int y = u(i, 0) < 0.2 ? 1 : 0;
      labels[i] = y;
      double raw = (u(i, 1) + y * 0.6 * u(i, 2)) / 1.6;
      scores[i] = rounded ? Math.floor(raw * 10000 + 0.5) / 10000 : raw;
      if (groups) {
        sexCode[i] = (int) (u(i, 3) * 2);
        ageCode[i] = (int) (u(i, 4) * 3);
        siteCode[i] = (int) (u(i, 5) * 4);
        sex[i] = SEXES[sexCode[i]];
        age[i] = AGES[ageCode[i]];
        site[i] = SITES[siteCode[i]];
      }
    }
  }

  /** {@code n} rows, with or without the group columns. */
  static MetricsData generate(int n, boolean groups) {
    return new MetricsData(n, groups, true);
  }

  /** {@code n} rows with continuous (unrounded) scores, with or without the group columns. */
  static MetricsData continuous(int n, boolean groups) {
    return new MetricsData(n, groups, false);
  }

  static double u(long i, int k) {
    long z = SEED + (6 * i + k + 1) * GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
