package dev.clinigate;

import java.util.Objects;
import java.util.Optional;

/**
 * A bound on one metric: overall, for every subgroup ({@code by}), for every drift feature, or relative
 * to a baseline model.
 *
 * <pre>{@code
 * new MetricRule("calibration", MetricRef.parse("ece"), Bounds.atMost(0.05),
 *     Optional.empty(), Optional.empty(), Enforcement.MANDATORY, false);
 * }</pre>
 *
 * @param id unique rule id
 * @param metric the metric (and statistic) read from the evidence
 * @param limits bounds the value must satisfy (may be empty when {@code baseline} is set)
 * @param subgroups when present, one result per group instead of one overall
 * @param baseline when present, the candidate must not be worse than the baseline by more than allowed
 * @param enforcement advisory, mandatory or hard
 * @param failOnInsufficientData whether a group below {@code minGroupSize} blocks
 * @param cohort the validation cohort whose report the rule reads ({@code temporal} or {@code external}:
 *     the evidence's {@code validation.<cohort>}, written {@code on: validation.external} in YAML), or empty
 *     for the evidence's own (development) report
 */
public record MetricRule(String id, MetricRef metric, Bounds limits, Optional<Subgroups> subgroups,
    Optional<BaselineComparison> baseline, Enforcement enforcement, boolean failOnInsufficientData,
    Optional<String> cohort) implements Rule {

  /** The validation cohorts a rule may read with {@code on: validation.<cohort>}. */
  public static final java.util.List<String> COHORTS = java.util.List.of("temporal", "external");

  /** A rule on the evidence's own report (no validation cohort). */
  public MetricRule(String id, MetricRef metric, Bounds limits, Optional<Subgroups> subgroups,
      Optional<BaselineComparison> baseline, Enforcement enforcement, boolean failOnInsufficientData) {
    this(id, metric, limits, subgroups, baseline, enforcement, failOnInsufficientData, Optional.empty());
  }

  /** Validates. */
  public MetricRule {
    Rule.checkId(id);
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(subgroups, "subgroups");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(enforcement, "enforcement");
    Objects.requireNonNull(cohort, "cohort");
    if (cohort.isPresent() && !COHORTS.contains(cohort.get())) {
      throw new IllegalArgumentException("rule " + id + ": on must be validation.temporal or validation.external, "
          + "found validation." + cohort.get());
    }
    if (cohort.isPresent() && (baseline.isPresent() || metric.isDriftMetric())) {
      throw new IllegalArgumentException("rule " + id + ": a validation cohort has no baseline or drift report; "
          + "on: validation." + cohort.get() + " takes a metric bound");
    }
    failOnInsufficientData = failOnInsufficientData && subgroups.isPresent(); // meaningless without groups
    if (!limits.isBounded() && baseline.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no bound: give min, max, between, maxDrop, "
          + "maxRelativeDrop or nonInferiorityMargin");
    }
    if (subgroups.isPresent() && metric.isDriftMetric()) {
      throw new IllegalArgumentException("rule " + id + ": drift metrics are per feature and take no 'by'");
    }
    if (baseline.isPresent() && Direction.of(metric.name()) == Direction.NONE) {
      throw new IllegalArgumentException("rule " + id + ": " + baseline.get().measure().key() + " needs a metric "
          + "where higher or lower is clearly better, and " + metric.name() + " is neither");
    }
    if (baseline.isPresent() && metric.isDriftMetric()) {
      throw new IllegalArgumentException("rule " + id + ": drift metrics are not compared with a baseline");
    }
    if (baseline.isPresent() && baseline.get().measure() == BaselineComparison.Measure.NON_INFERIORITY_MARGIN) {
      if (subgroups.isPresent()) {
        throw new IllegalArgumentException("rule " + id + ": nonInferiorityMargin reads the whole-set comparison "
            + "and takes no 'by'");
      }
      if (limits.isBounded()) {
        throw new IllegalArgumentException("rule " + id + ": nonInferiorityMargin cannot be combined with min, max "
            + "or between");
      }
      if (metric.statistic() != MetricRef.Statistic.POINT) {
        throw new IllegalArgumentException("rule " + id + ": nonInferiorityMargin always reads the 95% interval of "
            + "the difference and takes no bound");
      }
    }
  }

  @Override
  public Type type() {
    return Type.METRIC;
  }
}
