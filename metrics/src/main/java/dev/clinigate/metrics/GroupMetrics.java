package dev.clinigate.metrics;

import java.util.Objects;

/**
 * The metrics of one subgroup: the cases whose group column has a given value.
 *
 * @param value the group value, e.g. {@code "east"}
 * @param metrics every metric computed on the group's cases alone
 */
public record GroupMetrics(String value, SubsetMetrics metrics) {
  /** Validates. */
  public GroupMetrics {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(metrics, "metrics");
  }
}
