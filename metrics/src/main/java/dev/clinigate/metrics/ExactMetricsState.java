package dev.clinigate.metrics;

import dev.clinigate.InputException;
import dev.clinigate.metrics.internal.InputCheck;
import dev.clinigate.metrics.internal.ScoreCounter;
import dev.clinigate.metrics.internal.ScoreTable;
import dev.clinigate.metrics.internal.SubsetComputation;
import java.util.List;
import java.util.Objects;

/**
 * A mergeable partial state that gives every metric exactly, AUROC, AUPRC and the calibration fits
 * included: the number of negatives and positives per distinct score. Memory is O(distinct scores)
 * (24 bytes each plus a hash table), so it suits scores with limited precision (a model emitting 4
 * decimals has at most 10,001 distinct scores) or moderate data.
 *
 * <pre>{@code
 * ExactMetricsState a = ExactMetricsState.create();
 * ExactMetricsState b = ExactMetricsState.create();
 * a.accept(1, 0.83);
 * b.accept(0, 0.12);
 * a.merge(b);
 * MetricsReport report = a.toReport(MetricsOptions.defaults().withBootstrap(1000, 1L));
 * }</pre>
 *
 * <p>Design note: every metric is a function of the distinct-score table, so the report equals,
 * bit for bit, {@link BinaryMetrics} on the concatenated arrays with the same options, however the
 * cases were partitioned and in whatever order they were accepted or merged (intervals included).
 * Not thread-safe: use one state per thread and merge.
 */
public final class ExactMetricsState {
  private final ScoreCounter counter = new ScoreCounter();
  private final String source;
  private long rows;

  private ExactMetricsState(String source) {
    this.source = source;
  }

  /** An empty state. */
  public static ExactMetricsState create() {
    return new ExactMetricsState("predictions");
  }

  /** An empty state whose error messages name the input {@code source}. */
  public static ExactMetricsState create(String source) {
    return new ExactMetricsState(Objects.requireNonNull(source, "source"));
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
    counter.add(score, label, 1);
  }

  /** Adds one case; {@code true} is the positive class. */
  public void accept(boolean label, double score) {
    accept(label ? 1 : 0, score);
  }

  /**
   * Adds {@code count} cases with the same label and score at once, e.g. the rows of one distinct
   * (score, label) cell aggregated by a distributed engine; the same as {@code count} calls to
   * {@link #accept(int, double)}. An error message names the first of these cases.
   *
   * @throws InputException when the label is not 0/1 or the score is NaN or outside [0, 1] (the state is
   *     unchanged)
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public void accept(int label, double score, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, found " + count);
    }
    if (count == 0) {
      return;
    }
    accept(label, score); // validates and counts the first case
    if (count > 1) {
      counter.add(score, label, count - 1);
      rows += count - 1;
    }
  }

  /** Adds every case of {@code other} (which is unchanged). */
  public void merge(ExactMetricsState other) {
    counter.addAll(other.counter);
    rows += other.rows;
  }

  /** Number of distinct scores seen. */
  public int distinctScores() {
    return counter.size();
  }

  /**
   * The report of the cases so far with default options.
   *
   * @throws IllegalStateException when no case was accepted
   */
  public MetricsReport toReport() {
    return toReport(MetricsOptions.defaults());
  }

  /**
   * The report of the cases so far (no groups).
   *
   * @throws IllegalStateException when no case was accepted
   */
  public MetricsReport toReport(MetricsOptions options) {
    Objects.requireNonNull(options, "options");
    ScoreTable table = counter.toTable();
    if (table.n() == 0) {
      throw new IllegalStateException("no cases: a metrics report needs at least one case");
    }
    return new MetricsReport(new SubsetComputation(table, options).toMetricsWithCurves(), List.of(), options);
  }
}
