package dev.clinigate.metrics;

import dev.clinigate.InputException;
import dev.clinigate.metrics.internal.InputCheck;
import dev.clinigate.metrics.internal.StreamingAccumulator;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-size, mergeable partial state of the streaming metrics, for data that is never in one JVM at
 * once (one state per Spark/Flink partition, merged at the end): n, positives, prevalence, Brier, log
 * loss, ECE, MCE, the calibration curve, Spiegelhalter's test, observed/expected and every threshold
 * metric. Memory is O(bins + thresholds), whatever the number of cases.
 *
 * <pre>{@code
 * MetricsOptions options = MetricsOptions.defaults().withThresholds(0.3, 0.5);
 * StreamingMetricsState a = StreamingMetricsState.create(options);   // partition 1
 * StreamingMetricsState b = StreamingMetricsState.create(options);   // partition 2
 * a.accept(1, 0.83);
 * b.accept(0, 0.12);
 * a.merge(b);
 * MetricsReport report = a.toReport();
 * }</pre>
 *
 * <p>AUROC, AUPRC and the logistic calibration fits depend on the joint order of all scores: they are
 * reported undefined here (with that reason), as is AUROC's interval. Use {@link ExactMetricsState}
 * (mergeable, memory O(distinct scores)) or {@link BinaryMetrics} (arrays) for them. Counts merge
 * exactly; floating-point sums are compensated and agree with a single pass to about 1e-15 relative.
 * Bootstrap settings in the options are ignored. Not thread-safe: use one state per thread and merge.
 */
public final class StreamingMetricsState {
  private final StreamingAccumulator acc;
  private final String source;
  private long rows;

  private StreamingMetricsState(MetricsOptions options, String source) {
    this.acc = new StreamingAccumulator(options);
    this.source = source;
  }

  /** An empty state for these thresholds and bins. */
  public static StreamingMetricsState create(MetricsOptions options) {
    return new StreamingMetricsState(Objects.requireNonNull(options, "options"), "predictions");
  }

  /** An empty state whose error messages name the input {@code source}. */
  public static StreamingMetricsState create(MetricsOptions options, String source) {
    return new StreamingMetricsState(Objects.requireNonNull(options, "options"), Objects.requireNonNull(source,
        "source"));
  }

  /**
   * Adds one case. The row in an error message counts the calls to {@code accept} on this state.
   *
   * @throws InputException when the label is not 0/1 or the score is NaN or outside [0, 1] (the state is
   *     unchanged)
   */
  public void accept(int label, double score) {
    long row = rows++;
    boolean badLabel = (label & ~1) != 0;
    boolean badScore = !(score >= 0.0 && score <= 1.0);
    if (badLabel || badScore) {
      InputCheck.Problems p = new InputCheck.Problems(source);
      if (badLabel) {
        p.badLabel(row, Integer.toString(label));
      }
      if (badScore) {
        p.badScore(row, score);
      }
      p.throwIfAny();
    }
    acc.accept(label, score);
  }

  /** Adds one case; {@code true} is the positive class. */
  public void accept(boolean label, double score) {
    accept(label ? 1 : 0, score);
  }

  /**
   * Adds every case of {@code other} (which is unchanged).
   *
   * @throws IllegalArgumentException when the states have different thresholds or bins
   */
  public void merge(StreamingMetricsState other) {
    acc.merge(other.acc);
    rows += other.rows;
  }

  /** Number of cases accepted (including merged ones). */
  public long n() {
    return acc.n();
  }

  /**
   * The report of the cases so far (no groups, no bootstrap).
   *
   * @throws IllegalStateException when no case was accepted
   */
  public MetricsReport toReport() {
    return new MetricsReport(acc.toMetrics(), List.of(), acc.options());
  }
}
