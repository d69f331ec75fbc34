package dev.clinigate.metrics;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.metrics.internal.Grouping;
import dev.clinigate.metrics.internal.InputCheck;
import dev.clinigate.metrics.internal.RadixSort;
import dev.clinigate.metrics.internal.ScoreTable;
import dev.clinigate.metrics.internal.SubsetComputation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Front door for binary-classification metrics: labels (0/1) and predicted probabilities in, an
 * immutable {@link MetricsReport} out.
 *
 * <pre>{@code
 * int[] labels = {0, 1, 1, 0, 1};
 * double[] scores = {0.1, 0.8, 0.35, 0.4, 0.9};
 * MetricsReport report = BinaryMetrics.of(labels, scores);      // thresholds {0.5}, 10 bins
 *
 * MetricsReport detailed = BinaryMetrics.builder(labels, scores)
 *     .source("predictions.csv")                               // names the input in error messages
 *     .thresholds(0.3, 0.5, 0.8)
 *     .bins(10)
 *     .group("sex", new String[] {"F", "M", "F", null, "M"})   // null: row in no "sex" group
 *     .bootstrap(1000, 42L)
 *     .build();
 * System.out.println(Json.prettyInOrder(detailed.toJson()));
 * }</pre>
 *
 * <h2>Definitions (DESIGN.md; equal to scikit-learn where it has the metric)</h2>
 * <ul>
 *   <li>{@code auroc}: area under the ROC curve, trapezoidal, ties count 1/2 ({@code roc_auc_score});
 *       undefined with one class.
 *   <li>{@code auprc}: average precision, step-wise ({@code average_precision_score}); undefined with no
 *       positives.
 *   <li>{@code brier}: mean (p - y)^2. {@code log_loss}: -mean(y ln p' + (1 - y) ln(1 - p')),
 *       p' = clip(p, 1e-15, 1 - 1e-15).
 *   <li>{@code ece}, {@code mce}: B equal-width bins with inner edges k * (1.0 / B) (k = 1..B-1),
 *       bin(p) = number of inner edges strictly below p ({@code calibration_curve(strategy='uniform')});
 *       ECE = sum over non-empty bins of (n_b / n) |mean(y_b) - mean(p_b)|, MCE = the largest gap.
 *   <li>{@code calibration_slope}: b in the maximum-likelihood logistic fit y ~ a + b logit(p');
 *       {@code calibration_intercept}: a in y ~ a + offset(logit(p')). Undefined when the fit does not
 *       exist (one class; for the slope also a single distinct score or classes (quasi-)separated by the
 *       score, which are checked exactly before fitting) or Newton's method does not converge in 100
 *       iterations. Convergence: Newton-Raphson (step-halving on the log-likelihood for large steps)
 *       stops after a step whose largest component is at most 1e-10 * max(1, |parameter|).
 *   <li>at each threshold t, a case is flagged iff p &gt;= t: sensitivity, specificity, ppv, npv, f1,
 *       alert rate (TP + FP) / n, net benefit TP / n - FP / n * t / (1 - t); each undefined when its
 *       denominator is 0 (net benefit at t = 1).
 *   <li>calibration extras: Spiegelhalter's z and two-sided p-value, observed/expected (sum y / sum p),
 *       and the calibration curve (one point per non-empty bin).
 *   <li>{@code ici}, {@code e50}, {@code e90}, {@code emax}: mean, median, 0.9 quantile and maximum of
 *       |p - s(p)| with s the lowess calibration curve, as R's {@code rms::val.prob} computes them
 *       (docs/metrics.md); {@code oe_ratio}: observed/expected under its policy name;
 *       {@code net_benefit_treat_all} at each threshold: prevalence - (1 - prevalence) t / (1 - t).
 * </ul>
 *
 * <h2>Intervals</h2>
 * The calibration slope and intercept always get Wald intervals from their fits' information (R's
 * {@code confint.default} of the {@code glm}), the O/E ratio exp(ln(O/E) +- 1.96 sqrt((1 - phi) / (n phi))).
 * AUROC always gets DeLong's 95% interval: AUROC +- 1.959963984540054 * SE with DeLong's variance
 * (computed with Sun and Xu's placement values in O(n log n)), clipped to [0, 1]; undefined with fewer
 * than 2 cases of a class or a variance of exactly 0 (e.g. complete separation). With
 * {@link Builder#bootstrap(int, long)} every other metric (not ICI and its quantiles) gets a stratified
 * percentile bootstrap interval: each replicate resamples the positives and the negatives separately with replacement,
 * the interval is the 2.5% and 97.5% quantiles of the replicate values (linear interpolation), and a
 * metric undefined in any replicate gets no interval. The generator is SplitMix64, written out in this
 * library, so the same seed gives the same intervals on every JVM; each subset (all cases, every group)
 * is resampled with a stream seeded by the same seed.
 *
 * <h2>Groups</h2>
 * Every metric is also computed per value of each group column. A null value leaves the row out of
 * that column's groups (like pandas' {@code groupby}); groups are sorted by value.
 *
 * <h2>Bad input</h2>
 * Inputs are validated before anything is computed; an {@link InputException} lists the first five bad
 * values with their rows (row = index + 1), e.g. {@code score must be within [0, 1], found 1.7 (row 42)}.
 * Invalid options (a threshold outside [0, 1], bins &lt; 1) throw {@link IllegalArgumentException}.
 *
 * <h2>Cost</h2>
 * One radix sort of the packed (score, label) keys, then O(distinct scores) per metric (the lowess curve
 * about 100 local fits of O(sqrt(distinct scores)) each); memory about 16 bytes per case (24 with group
 * columns and many distinct scores) plus about 80 bytes per distinct score. The groups' metrics are
 * computed in parallel (common fork-join pool); results do not depend on it. This class is
 * stateless and thread-safe; the builder is not, and it reads the caller's arrays when
 * {@link Builder#build()} runs (they are not copied).
 */
public final class BinaryMetrics {
  private BinaryMetrics() {}

  /** Every metric with default options (threshold 0.5, 10 bins, no bootstrap). */
  public static MetricsReport of(int[] labels, double[] scores) {
    return builder(labels, scores).build();
  }

  /** Every metric with default options; {@code true} is the positive class. */
  public static MetricsReport of(boolean[] labels, double[] scores) {
    return builder(labels, scores).build();
  }

  /** A builder for a report over {@code labels} (0/1) and {@code scores} (probabilities in [0, 1]). */
  public static Builder builder(int[] labels, double[] scores) {
    return new Builder(Objects.requireNonNull(labels, "labels"), null, Objects.requireNonNull(scores, "scores"));
  }

  /** A builder for a report over {@code labels} ({@code true} = positive) and {@code scores}. */
  public static Builder builder(boolean[] labels, double[] scores) {
    return new Builder(null, Objects.requireNonNull(labels, "labels"), Objects.requireNonNull(scores, "scores"));
  }

  /**
   * The AUROC alone (no other metric is computed).
   *
   * @throws InputException on bad input
   */
  public static MetricValue auroc(int[] labels, double[] scores) {
    return aurocInterval(labels, scores).point();
  }

  /**
   * The AUROC with DeLong's 95% interval (no other metric is computed).
   *
   * @throws InputException on bad input
   */
  public static Interval aurocInterval(int[] labels, double[] scores) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(scores, "scores");
    long[] keys = InputCheck.pack(labels, scores, Builder.DEFAULT_SOURCE);
    RadixSort.sort(keys, null);
    ScoreTable table = ScoreTable.fromSortedKeys(keys, 0, keys.length);
    return SubsetComputation.aurocWithDeLong(table);
  }

  /**
   * The calibration diagnostics alone with {@code bins} equal-width bins: Spiegelhalter's test,
   * observed/expected, the calibration curve, and ICI, E50, E90 and Emax against the lowess curve (no
   * other metric is computed).
   *
   * @throws InputException on bad input
   * @throws IllegalArgumentException when {@code bins < 1}
   */
  public static Calibration calibration(int[] labels, double[] scores, int bins) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(scores, "scores");
    MetricsOptions.defaults().withBins(bins); // validates bins
    long[] keys = InputCheck.pack(labels, scores, Builder.DEFAULT_SOURCE);
    RadixSort.sort(keys, null);
    return SubsetComputation.calibrationOf(ScoreTable.fromSortedKeys(keys, 0, keys.length), bins);
  }

  /** One group column as given: values, or codes into levels. */
  private record GroupInput(String[] values, int[] codes, String[] levels) {
    int length() {
      return values != null ? values.length : codes.length;
    }
  }

  /** Options for one report. Not thread-safe; use once. */
  public static final class Builder {
    static final String DEFAULT_SOURCE = "predictions";

    private final int[] intLabels;
    private final boolean[] boolLabels;
    private final double[] scores;
    private final Map<String, GroupInput> groups = new LinkedHashMap<>();
    private MetricsOptions options = MetricsOptions.defaults();
    private String source = DEFAULT_SOURCE;
    private int maxGroups = Limits.defaults().maxGroups();

    private Builder(int[] intLabels, boolean[] boolLabels, double[] scores) {
      this.intLabels = intLabels;
      this.boolLabels = boolLabels;
      this.scores = scores;
    }

    /** Names the input in error messages (e.g. the CSV file name); default {@code "predictions"}. */
    public Builder source(String name) {
      this.source = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The decision thresholds (any order, duplicates dropped, each in [0, 1]); replaces the default
     * {0.5}. No arguments means no threshold metrics.
     */
    public Builder thresholds(double... thresholds) {
      options = options.withThresholds(thresholds);
      return this;
    }

    /** The decision thresholds (any order, duplicates dropped, each in [0, 1]). */
    public Builder thresholds(List<Double> thresholds) {
      options = options.withThresholds(thresholds);
      return this;
    }

    /** Number of equal-width calibration bins (default 10). */
    public Builder bins(int bins) {
      options = options.withBins(bins);
      return this;
    }

    /**
     * Adds a group column: one value per case; a null value leaves the case out of this column's groups.
     * Columns are reported in the order added.
     *
     * @throws IllegalArgumentException when a column of that name was already added
     */
    public Builder group(String column, String[] values) {
      Objects.requireNonNull(values, "values");
      return addGroup(column, new GroupInput(values, null, null));
    }

    /**
     * Adds a pre-coded group column: case i is in group {@code levels[codes[i]]}, or in no group of this
     * column when {@code codes[i]} is -1 (a reader that codes values as it reads them need not keep one
     * string per case). Levels must be distinct and non-null; a level without cases forms no group. The
     * report is the same as with {@link #group(String, String[])} and the decoded values.
     *
     * @throws IllegalArgumentException when a column of that name was already added; when {@link #build()}
     *     runs, also when a code is outside [-1, levels.length) or levels repeat or are null
     */
    public Builder group(String column, int[] codes, String[] levels) {
      Objects.requireNonNull(codes, "codes");
      Objects.requireNonNull(levels, "levels");
      return addGroup(column, new GroupInput(null, codes, levels.clone()));
    }

    private Builder addGroup(String column, GroupInput input) {
      Objects.requireNonNull(column, "column");
      if (groups.containsKey(column)) {
        throw new IllegalArgumentException("group column \"" + column + "\" was already added");
      }
      groups.put(column, input);
      return this;
    }

    /**
     * Bootstraps percentile intervals for every metric but AUROC with {@code replicates} stratified
     * replicates from a stream seeded with {@code seed} (|seed| &lt;= 2^53).
     */
    public Builder bootstrap(int replicates, long seed) {
      options = options.withBootstrap(replicates, seed);
      return this;
    }

    /**
     * The most distinct values a group column may have (default {@link Limits#maxGroups()}, 10,000); a column
     * with more is an {@link InputException} from {@link #build()}, raised before per-group work starts.
     */
    public Builder maxGroups(int maxGroups) {
      if (maxGroups < 1) {
        throw new IllegalArgumentException("maxGroups must be at least 1, found " + maxGroups);
      }
      this.maxGroups = maxGroups;
      return this;
    }

    /** Replaces all options (thresholds, bins, bootstrap) at once. */
    public Builder options(MetricsOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Validates the input and computes the report.
     *
     * @throws InputException when a label is not 0/1, a score is NaN or outside [0, 1], the arrays
     *     differ in length or are empty, or a group column has the wrong length or too many distinct values
     */
    public MetricsReport build() {
      long[] keys = intLabels != null ? InputCheck.pack(intLabels, scores, source)
          : InputCheck.pack(boolLabels, scores, source);
      int n = keys.length;
      List<Problem> problems = new ArrayList<>();
      for (Map.Entry<String, GroupInput> g : groups.entrySet()) {
        if (g.getValue().length() != n) {
          problems.add(Problem.at(source, 0, 0, "group column \"" + g.getKey() + "\" must have one value per row, found "
              + g.getValue().length() + " values for " + n + " rows", "pass null for a row without a group value"));
        }
      }
      if (!problems.isEmpty()) {
        throw new InputException(problems);
      }
      int columnCount = groups.size();
      String[][] columnValues = new String[columnCount][];
      int[][] columnCodes = new int[columnCount][];
      String[][] columnLevels = new String[columnCount][];
      int ci = 0;
      for (GroupInput g : groups.values()) {
        columnValues[ci] = g.values;
        columnCodes[ci] = g.codes;
        columnLevels[ci] = g.levels;
        ci++;
      }
      Grouping grouping = groups.isEmpty() ? null : Grouping.of(columnValues, columnCodes, columnLevels,
          List.copyOf(groups.keySet()), maxGroups, source);
      // with few distinct scores, rows find their group cells by lookup (no payload in the sort); else the
      // group codes travel with the keys through the sort (see Grouping)
      boolean lookup = grouping != null && Grouping.fewDistinctScores(keys);
      int[] payload = grouping == null || lookup ? null : grouping.payload();
      RadixSort.sort(keys, payload);
      ScoreTable table = ScoreTable.fromSortedKeys(keys, 0, n);
      SubsetComputation all = new SubsetComputation(table, options);
      SubsetMetrics overall = all.toMetricsWithCurves();
      List<GroupColumn> columns = new ArrayList<>(groups.size());
      if (grouping != null) {
        Grouping.Group[][] byLookup = null;
        if (lookup) {
          byLookup = intLabels != null
              ? grouping.tablesByLookup(row -> ScoreTable.key(scores[row], intLabels[row]), table)
              : grouping.tablesByLookup(row -> ScoreTable.key(scores[row], boolLabels[row] ? 1 : 0), table);
          if (byLookup == null) {
            keys = intLabels != null ? InputCheck.pack(intLabels, scores, source)
                : InputCheck.pack(boolLabels, scores, source);
            payload = grouping.payload();
            RadixSort.sort(keys, payload);
          }
        }
        Grouping.Group[][] tables = byLookup != null ? byLookup : grouping.tables(keys, payload, table);
        // every group's metrics are independent of the others': compute them in parallel, collect in order
        List<int[]> jobs = new ArrayList<>();
        for (int c = 0; c < tables.length; c++) {
          for (int k = 0; k < tables[c].length; k++) {
            jobs.add(new int[] {c, k});
          }
        }
        SubsetMetrics[][] results = new SubsetMetrics[tables.length][];
        for (int c = 0; c < tables.length; c++) {
          results[c] = new SubsetMetrics[tables[c].length];
        }
        IntStream.range(0, jobs.size()).parallel().forEach(j -> {
          Grouping.Group g = tables[jobs.get(j)[0]][jobs.get(j)[1]];
          results[jobs.get(j)[0]][jobs.get(j)[1]] =
              new SubsetComputation(g.table, options, all, g.overallCell).toMetrics();
        });
        int c = 0;
        for (String column : groups.keySet()) {
          List<GroupMetrics> list = new ArrayList<>(tables[c].length);
          for (int k = 0; k < tables[c].length; k++) {
            list.add(new GroupMetrics(grouping.values[c][k], results[c][k]));
          }
          columns.add(new GroupColumn(column, list));
          c++;
        }
      }
      return new MetricsReport(overall, columns, options);
    }
  }
}
