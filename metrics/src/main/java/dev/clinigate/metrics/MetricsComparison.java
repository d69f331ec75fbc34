package dev.clinigate.metrics;

import dev.clinigate.InputException;
import dev.clinigate.json.JsonObject;
import dev.clinigate.metrics.internal.ComparisonComputation;
import dev.clinigate.metrics.internal.InputCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A candidate model compared with a baseline (e.g. production) on the same labelled cases: both
 * reports and, per metric, the paired difference candidate - baseline with its 95% interval. Immutable
 * and thread-safe. Used by non-inferiority gates such as "AUROC may drop by at most 0.01".
 *
 * <pre>{@code
 * MetricsComparison c = MetricsComparison.builder(labels, candidateScores, productionScores)
 *     .thresholds(0.3)
 *     .bootstrap(2000, 7L)
 *     .build();
 * MetricDifference auroc = c.difference("auroc").orElseThrow();  // paired DeLong
 * boolean nonInferior = auroc.lower95().orElse(Double.NEGATIVE_INFINITY) >= -0.01;
 * MetricDifference sens = c.difference("sensitivity@0.3").orElseThrow(); // paired bootstrap
 * }</pre>
 *
 * <p>The AUROC difference uses the paired DeLong test (Sun and Xu's fast algorithm). Every other metric
 * uses a paired stratified bootstrap when {@link Builder#bootstrap(int, long)} is set (the same resampled
 * cases for both models), otherwise only the point difference is given.
 */
public final class MetricsComparison {
  private final MetricsReport candidate;
  private final MetricsReport baseline;
  private final List<MetricDifference> differences;
  private final MetricsOptions options;

  private MetricsComparison(MetricsReport candidate, MetricsReport baseline, List<MetricDifference> differences,
      MetricsOptions options) {
    this.candidate = candidate;
    this.baseline = baseline;
    this.differences = differences;
    this.options = options;
  }

  /** Compares with default options (threshold 0.5, 10 bins, no bootstrap: only AUROC gets an interval). */
  public static MetricsComparison of(int[] labels, double[] candidate, double[] baseline) {
    return builder(labels, candidate, baseline).build();
  }

  /** A builder comparing {@code candidate} with {@code baseline} scores on the same {@code labels}. */
  public static Builder builder(int[] labels, double[] candidate, double[] baseline) {
    return new Builder(Objects.requireNonNull(labels, "labels"), Objects.requireNonNull(candidate, "candidate"),
        Objects.requireNonNull(baseline, "baseline"));
  }

  /** The candidate's report (no groups). */
  public MetricsReport candidate() {
    return candidate;
  }

  /** The baseline's report (no groups). */
  public MetricsReport baseline() {
    return baseline;
  }

  /** The options used. */
  public MetricsOptions options() {
    return options;
  }

  /** Every difference: AUROC, the other scalar metrics, then the threshold metrics by threshold. */
  public List<MetricDifference> differences() {
    return differences;
  }

  /** The difference of the metric {@code metric} ({@code "auroc"}, {@code "ece"}, {@code "ppv@0.8"}). */
  public Optional<MetricDifference> difference(String metric) {
    for (MetricDifference d : differences) {
      if (d.metric().equals(metric)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code {"auroc": {"candidate", "baseline", "difference", "se", "z", "lower95", "upper95", "p_value",
   * "method"}, "auprc": {...}, ..., "sensitivity@0.5": {...}, "bootstrap": {"replicates", "seed"}}}; the
   * {@code "bootstrap"} member only when bootstrapped.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    for (MetricDifference d : differences) {
      b.put(d.metric(), d.toJson());
    }
    if (options.bootstrapEnabled()) {
      b.put("bootstrap", JsonObject.builder()
          .put("replicates", options.bootstrapReplicates())
          .put("seed", options.bootstrapSeed())
          .build());
    }
    return b.build();
  }

  /** Options for one comparison. Not thread-safe; use once. */
  public static final class Builder {
    private final int[] labels;
    private final double[] candidate;
    private final double[] baseline;
    private MetricsOptions options = MetricsOptions.defaults();
    private String source = "predictions";

    private Builder(int[] labels, double[] candidate, double[] baseline) {
      this.labels = labels;
      this.candidate = candidate;
      this.baseline = baseline;
    }

    /**
     * Names the input in error messages; problems in the scores say {@code "<name> (candidate)"} or
     * {@code "<name> (baseline)"}.
     */
    public Builder source(String name) {
      this.source = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The decision thresholds (any order, duplicates dropped, each in [0, 1]). */
    public Builder thresholds(double... thresholds) {
      options = options.withThresholds(thresholds);
      return this;
    }

    /** Number of calibration bins (default 10). */
    public Builder bins(int bins) {
      options = options.withBins(bins);
      return this;
    }

    /** Paired bootstrap with {@code replicates} replicates from a stream seeded with {@code seed}. */
    public Builder bootstrap(int replicates, long seed) {
      options = options.withBootstrap(replicates, seed);
      return this;
    }

    /** Replaces all options at once. */
    public Builder options(MetricsOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Validates both score vectors and computes the comparison.
     *
     * @throws InputException on a bad label or score, or arrays of different lengths
     */
    public MetricsComparison build() {
      long[] a = InputCheck.pack(labels, candidate, source + " (candidate)");
      long[] b = InputCheck.pack(labels, baseline, source + " (baseline)");
      ComparisonComputation c = ComparisonComputation.compute(a, b, options);
      return new MetricsComparison(new MetricsReport(c.candidate, List.of(), options),
          new MetricsReport(c.baseline, List.of(), options), c.differences, options);
    }
  }
}
