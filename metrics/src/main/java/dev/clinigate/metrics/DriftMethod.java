package dev.clinigate.metrics;

import java.util.Optional;

/**
 * The drift statistics a data contract or a gate can bound ({@code drift: {method: psi, max: 0.2}}),
 * with the ids used in YAML and JSON.
 *
 * <pre>{@code
 * DriftMethod m = DriftMethod.fromId("js_distance").orElseThrow();
 * OptionalDouble v = drift.value(m);   // empty when undefined or not applicable
 * }</pre>
 */
public enum DriftMethod {
  /** Population stability index over the reference's quantile bins (numeric) or categories. */
  PSI("psi"),
  /** Two-sample Kolmogorov-Smirnov statistic (numeric features only). */
  KS("ks"),
  /** 1-Wasserstein (earth mover's) distance, in the feature's unit (numeric features only). */
  WASSERSTEIN("wasserstein"),
  /** Jensen-Shannon distance, base 2, over the PSI bins' or categories' proportions. */
  JS_DISTANCE("js_distance"),
  /** Chi-square statistic of the test of homogeneity (categorical features only). */
  CHI2("chi2");

  private final String id;

  DriftMethod(String id) {
    this.id = id;
  }

  /** The id used in policies, contracts and JSON, e.g. {@code js_distance}. */
  public String id() {
    return id;
  }

  /** The method with this id ({@code psi}, {@code ks}, ...), if any; ids are case-sensitive. */
  public static Optional<DriftMethod> fromId(String id) {
    for (DriftMethod m : values()) {
      if (m.id.equals(id)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
