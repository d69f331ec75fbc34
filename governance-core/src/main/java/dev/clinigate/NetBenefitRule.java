package dev.clinigate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decision-curve usefulness over a range of thresholds ({@code netBenefit: {from, to, step?, bound?}}): at
 * every threshold t of the evidence's {@code thresholds} within [from, to], the model's net benefit must be
 * above both default strategies, treating everyone ({@code net_benefit_treat_all} at t) and treating no one
 * (0). The range's required thresholds (both ends, and every {@code from + k·step} when a step is given)
 * must be in the evidence: one that is absent makes the rule {@code MISSING}, never a pass.
 *
 * <pre>{@code
 * new NetBenefitRule("useful", 0.1, 0.3, OptionalDouble.of(0.05), MetricRef.Statistic.POINT,
 *     Optional.empty(), Enforcement.MANDATORY);
 * }</pre>
 *
 * @param id unique rule id
 * @param from the lowest threshold of the range, in [0, 1)
 * @param to the highest threshold of the range, in [from, 1)
 * @param step the grid of thresholds the evidence must report, if declared (&gt; 0)
 * @param bound which net benefit is compared: {@code POINT} or {@code LOWER95} (the bootstrap interval's
 *     lower bound, {@code intervals["net_benefit@t"].lower95})
 * @param cohort the validation cohort whose report is read ({@code temporal} or {@code external}), or empty
 * @param enforcement advisory, mandatory or hard
 */
public record NetBenefitRule(String id, double from, double to, OptionalDouble step, MetricRef.Statistic bound,
    Optional<String> cohort, Enforcement enforcement) implements Rule {

  /** At most this many grid thresholds (a step that would list more is a policy error). */
  public static final int MAX_GRID = 1000;

  /** Validates. */
  public NetBenefitRule {
    Rule.checkId(id);
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(cohort, "cohort");
    Objects.requireNonNull(enforcement, "enforcement");
    if (!(from >= 0 && from < 1) || !(to >= from && to < 1)) {
      throw new IllegalArgumentException("rule " + id + ": netBenefit needs 0 <= from <= to < 1, found from "
          + NumberText.plain(from) + " and to " + NumberText.plain(to));
    }
    if (step.isPresent() && !(step.getAsDouble() > 0 && Double.isFinite(step.getAsDouble()))) {
      throw new IllegalArgumentException("rule " + id + ": netBenefit step must be > 0");
    }
    if (bound == MetricRef.Statistic.UPPER95) {
      throw new IllegalArgumentException("rule " + id + ": netBenefit bound must be point or lower95");
    }
    if (cohort.isPresent() && !MetricRule.COHORTS.contains(cohort.get())) {
      throw new IllegalArgumentException("rule " + id + ": on must be validation.temporal or validation.external");
    }
    if (step.isPresent() && requiredCount(from, to, step.getAsDouble()) > MAX_GRID) {
      throw new IllegalArgumentException("rule " + id + ": netBenefit step " + NumberText.plain(step.getAsDouble())
          + " lists more than " + MAX_GRID + " thresholds");
    }
  }

  private static long requiredCount(double from, double to, double step) {
    BigDecimal span = new BigDecimal(NumberText.plain(to)).subtract(new BigDecimal(NumberText.plain(from)));
    return span.divideToIntegralValue(new BigDecimal(NumberText.plain(step))).longValue() + 2;
  }

  /**
   * The thresholds the evidence must report, ascending: {@code from}, {@code from + k·step} below
   * {@code to} (computed on the decimals as written, so 0.1 + 2·0.05 is exactly 0.2), and {@code to}.
   */
  public List<Double> requiredThresholds() {
    List<Double> out = new ArrayList<>();
    out.add(from);
    if (step.isPresent()) {
      BigDecimal lo = new BigDecimal(NumberText.plain(from));
      BigDecimal hi = new BigDecimal(NumberText.plain(to));
      BigDecimal s = new BigDecimal(NumberText.plain(step.getAsDouble()));
      for (BigDecimal t = lo.add(s); t.compareTo(hi) < 0; t = t.add(s)) {
        out.add(t.doubleValue());
      }
    }
    if (to != from) {
      out.add(to);
    }
    return List.copyOf(out);
  }

  @Override
  public boolean failOnInsufficientData() {
    return false;
  }

  @Override
  public Type type() {
    return Type.NET_BENEFIT;
  }
}
