package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import java.util.Objects;

/**
 * A 95% confidence interval around a metric's point estimate.
 *
 * <p>The bounds are both defined or both undefined (with the same reason). DeLong intervals are
 * normal-theory intervals clipped to [0, 1]; bootstrap intervals are percentile intervals; Wald
 * intervals are normal-theory intervals from a fit's standard error.
 *
 * @param point the point estimate
 * @param lower95 lower bound of the 95% interval
 * @param upper95 upper bound of the 95% interval
 * @param method how the interval was computed
 */
public record Interval(MetricValue point, MetricValue lower95, MetricValue upper95, Method method) {

  /** How an interval was computed. */
  public enum Method {
    /** DeLong's variance of the AUROC (Sun and Xu's fast algorithm), normal approximation. */
    DELONG("delong"),
    /** Stratified percentile bootstrap. */
    BOOTSTRAP("bootstrap"),
    /**
     * Wald interval: estimate +- 1.959963984540054 * standard error (on the log scale for the O/E ratio),
     * the standard error from the maximum-likelihood fit's information (R's {@code confint.default}).
     */
    WALD("wald");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    /** The name used in JSON, e.g. {@code "delong"}. */
    public String id() {
      return id;
    }
  }

  /** Validates that the bounds are consistent. */
  public Interval {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(lower95, "lower95");
    Objects.requireNonNull(upper95, "upper95");
    Objects.requireNonNull(method, "method");
    if (lower95.isDefined() != upper95.isDefined()) {
      throw new IllegalArgumentException("interval bounds must be both defined or both undefined");
    }
    if (lower95.isDefined() && lower95.orElseThrow() > upper95.orElseThrow()) {
      throw new IllegalArgumentException("lower bound " + lower95 + " above upper bound " + upper95);
    }
  }

  /** An interval whose bounds are undefined for the given reason. */
  public static Interval undefined(MetricValue point, Method method, String reason) {
    MetricValue u = MetricValue.undefined(reason);
    return new Interval(point, u, u, method);
  }

  /**
   * The Wald interval of an observed/expected ratio: exp(ln(O/E) +- 1.959963984540054 sqrt((1 - phi) / (n phi))),
   * phi = positives / n (Riley et al. 2021; Debray et al. 2017); undefined without events or when O/E is.
   */
  public static Interval oeRatio(MetricValue observedExpected, long positives, long n) {
    if (!observedExpected.isDefined()) {
      return undefined(observedExpected, Method.WALD, observedExpected.reason().orElseThrow());
    }
    if (positives == 0) {
      return undefined(observedExpected, Method.WALD, "no observed events, so ln(O/E) is undefined");
    }
    double phi = (double) positives / (double) n;
    double se = Math.sqrt((1 - phi) / (n * phi));
    double log = Math.log(observedExpected.orElseThrow());
    double z = 1.959963984540054;
    return new Interval(observedExpected, MetricValue.of(Math.exp(log - z * se)), MetricValue.of(Math.exp(log + z * se)),
        Method.WALD);
  }

  /** Whether the bounds are defined. */
  public boolean isDefined() {
    return lower95.isDefined();
  }

  /**
   * {@code {"point", "lower95", "upper95", "method"}}, plus {@code "reason"} when the bounds are
   * undefined.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("point", point.toJson())
        .put("lower95", lower95.toJson())
        .put("upper95", upper95.toJson())
        .put("method", method.id());
    lower95.reason().ifPresent(r -> b.put("reason", r));
    return b.build();
  }
}
