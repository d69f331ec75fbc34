package dev.clinigate.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a metrics computation reports besides the always-present metrics: the decision thresholds, the
 * number of calibration bins, and whether (and how) to bootstrap confidence intervals.
 *
 * <pre>{@code
 * MetricsOptions options = MetricsOptions.defaults()
 *     .withThresholds(0.3, 0.5, 0.8)
 *     .withBins(10)
 *     .withBootstrap(1000, 20240601L);
 * }</pre>
 *
 * <p>Thresholds are kept sorted ascending without duplicates (the report lists them in that order);
 * each must lie in [0, 1]. The default is one threshold, 0.5, ten calibration bins and no bootstrap.
 * AUROC's DeLong interval does not need the bootstrap and is always computed.
 *
 * @param thresholds decision thresholds t (a case is flagged positive iff score &gt;= t), sorted
 *     ascending, distinct, each in [0, 1]; may be empty
 * @param bins number B of equal-width calibration bins, 1 &lt;= B &lt;= 10,000
 * @param bootstrapReplicates number of bootstrap replicates, 0 = no bootstrap, at most 1,000,000
 * @param bootstrapSeed seed of the bootstrap's random stream, |seed| &lt;= 2^53 (recorded in the report;
 *     set to 0 when {@code bootstrapReplicates} is 0)
 */
public record MetricsOptions(List<Double> thresholds, int bins, int bootstrapReplicates, long bootstrapSeed) {
  /** Largest number of calibration bins accepted. */
  public static final int MAX_BINS = 10_000;
  /** Largest number of bootstrap replicates accepted. */
  public static final int MAX_REPLICATES = 1_000_000;

  /** Largest absolute seed accepted (2^53: JSON numbers are exact up to it). */
  public static final long MAX_SEED = 1L << 53;

  private static final MetricsOptions DEFAULTS = new MetricsOptions(List.of(0.5), 10, 0, 0L);

  /** Validates every option and normalises the thresholds (sorted ascending, duplicates dropped). */
  public MetricsOptions {
    Objects.requireNonNull(thresholds, "thresholds");
    TreeSet<Double> sorted = new TreeSet<>();
    for (Double t : thresholds) {
      Objects.requireNonNull(t, "threshold");
      if (!(t >= 0.0 && t <= 1.0)) {
        throw new IllegalArgumentException("threshold must be within [0, 1], found " + t);
      }
      sorted.add(t == 0.0 ? 0.0 : t); // -0.0 is the threshold 0
    }
    thresholds = List.copyOf(new ArrayList<>(sorted));
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be within [1, " + MAX_BINS + "], found " + bins);
    }
    if (bootstrapReplicates < 0 || bootstrapReplicates > MAX_REPLICATES) {
      throw new IllegalArgumentException(
          "bootstrap replicates must be within [0, " + MAX_REPLICATES + "], found " + bootstrapReplicates);
    }
    if (bootstrapReplicates == 0) {
      bootstrapSeed = 0L;
    }
    if (Math.abs(bootstrapSeed) > MAX_SEED) {
      throw new IllegalArgumentException("bootstrap seed must be within [-2^53, 2^53] so that JSON records it"
          + " exactly, found " + bootstrapSeed);
    }
  }

  /** One threshold (0.5), 10 bins, no bootstrap. */
  public static MetricsOptions defaults() {
    return DEFAULTS;
  }

  /** A copy with these thresholds (any order; duplicates dropped). */
  public MetricsOptions withThresholds(double... values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return new MetricsOptions(list, bins, bootstrapReplicates, bootstrapSeed);
  }

  /** A copy with these thresholds (any order; duplicates dropped). */
  public MetricsOptions withThresholds(List<Double> values) {
    return new MetricsOptions(values, bins, bootstrapReplicates, bootstrapSeed);
  }

  /** A copy with {@code b} calibration bins. */
  public MetricsOptions withBins(int b) {
    return new MetricsOptions(thresholds, b, bootstrapReplicates, bootstrapSeed);
  }

  /**
   * A copy that bootstraps percentile intervals with {@code replicates} stratified replicates drawn from
   * a stream seeded with {@code seed}.
   */
  public MetricsOptions withBootstrap(int replicates, long seed) {
    if (replicates < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be at least 1, found " + replicates);
    }
    return new MetricsOptions(thresholds, bins, replicates, seed);
  }

  /** A copy without bootstrap intervals. */
  public MetricsOptions withoutBootstrap() {
    return new MetricsOptions(thresholds, bins, 0, 0L);
  }

  /** Whether bootstrap intervals are computed. */
  public boolean bootstrapEnabled() {
    return bootstrapReplicates > 0;
  }

  /** The thresholds as a primitive array, ascending. */
  public double[] thresholdArray() {
    double[] a = new double[thresholds.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = thresholds.get(i);
    }
    return a;
  }
}
