package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import dev.clinigate.metrics.internal.ReportText;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An immutable, thread-safe metrics report: every metric for the whole data set ({@link #overall()})
 * and for every subgroup of every group column, with the options that produced it.
 *
 * <pre>{@code
 * MetricsReport report = BinaryMetrics.builder(labels, scores)
 *     .thresholds(0.3, 0.5)
 *     .group("site", site)
 *     .bootstrap(1000, 42L)
 *     .build();
 * double auroc = report.value("auroc").orElseThrow();
 * OptionalDouble lower = report.value("auroc.lower95");           // DeLong
 * OptionalDouble eceEast = report.group("site", "east").orElseThrow().value("ece");
 * String json = Json.prettyInOrder(report.toJson());             // the `metrics --format json` output
 * }</pre>
 *
 * @param overall metrics of all cases
 * @param groups one entry per group column, in the order the columns were given
 * @param options the options used (thresholds, bins, bootstrap replicates and seed)
 */
public record MetricsReport(SubsetMetrics overall, List<GroupColumn> groups, MetricsOptions options) {

  /** Validates and copies; group column names must be distinct. */
  public MetricsReport {
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(options, "options");
    groups = List.copyOf(groups);
    Set<String> seen = new HashSet<>();
    for (GroupColumn g : groups) {
      if (!seen.add(g.column())) {
        throw new IllegalArgumentException("group column \"" + g.column() + "\" appears twice");
      }
    }
  }

  /** Number of cases. */
  public long n() {
    return overall.n();
  }

  /** Number of positive cases. */
  public long positives() {
    return overall.positives();
  }

  /** The group column called {@code column}, if it was given. */
  public Optional<GroupColumn> groupColumn(String column) {
    for (GroupColumn g : groups) {
      if (g.column().equals(column)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The metrics of the group {@code column=value}, if that group has cases. */
  public Optional<SubsetMetrics> group(String column, String value) {
    return groupColumn(column).flatMap(c -> c.group(value)).map(GroupMetrics::metrics);
  }

  /**
   * The overall value a policy reference names, e.g. {@code "auroc"}, {@code "auroc.lower95"},
   * {@code "ece.upper95"}, {@code "sensitivity@0.3"}; see {@link SubsetMetrics#metric(String)}.
   *
   * @throws IllegalArgumentException when the reference is malformed or names an unknown metric
   */
  public MetricValue metric(String reference) {
    return overall.metric(reference);
  }

  /**
   * {@link #metric(String)} as an {@code OptionalDouble}, empty when undefined.
   *
   * @throws IllegalArgumentException when the reference is malformed or names an unknown metric
   */
  public OptionalDouble value(String reference) {
    return overall.value(reference);
  }

  /** The overall 95% interval of a metric ({@code "auroc"}, {@code "ece"}, ...), if computed. */
  public Optional<Interval> interval(String metric) {
    return overall.interval(metric);
  }

  /**
   * The report as JSON, in DESIGN.md's {@code metrics --format json} shape:
   * <pre>
   * {"n", "positives", "prevalence",
   *  "metrics": {"auroc", "auprc", "brier", "log_loss", "ece", "mce", "calibration_slope", "calibration_intercept"},
   *  "thresholds": [{"threshold", "sensitivity", "specificity", "ppv", "npv", "f1", "alert_rate", "net_benefit"}, ...],
   *  "calibration": {"bins", "spiegelhalter_z", "spiegelhalter_p", "observed_expected", "curve": [...]},
   *  "intervals": {"auroc": {"point", "lower95", "upper95", "method": "delong"}, "ece": {..., "method": "bootstrap"}, ...},
   *  "curves": {"max_points", "roc": [[fpr, tpr], ...], "pr": [[recall, precision], ...],
   *             "decision": [[t, net_benefit, net_benefit_treat_all], ...]},   (see {@link Curves})
   *  "bootstrap": {"replicates", "seed"},                 (only when bootstrapped)
   *  "groups": {"column": {"value": {same fields without "curves", "bootstrap" and "groups"}}}}   (only with group columns)
   * </pre>
   * Counts are JSON integers, other numbers full precision (the shortest round-trip decimal, {@link dev.clinigate.json.Json#number(double)}), undefined
   * values {@code null}.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    overall.appendJson(b);
    if (options.bootstrapEnabled()) {
      b.put("bootstrap", JsonObject.builder()
          .put("replicates", options.bootstrapReplicates())
          .put("seed", options.bootstrapSeed())
          .build());
    }
    if (!groups.isEmpty()) {
      JsonObject.Builder gs = JsonObject.builder();
      for (GroupColumn column : groups) {
        JsonObject.Builder c = JsonObject.builder();
        for (GroupMetrics g : column.groups()) {
          c.put(g.value(), g.metrics().toJson());
        }
        gs.put(column.column(), c.build());
      }
      b.put("groups", gs.build());
    }
    return b.build();
  }

  /**
   * A fixed-width, human-readable rendering (numbers with 4 decimals in {@code Locale.ROOT}, "n/a" for
   * undefined values), for terminals and logs. Not meant to be parsed: use {@link #toJson()}.
   */
  public String toText() {
    return ReportText.render(this);
  }
}
