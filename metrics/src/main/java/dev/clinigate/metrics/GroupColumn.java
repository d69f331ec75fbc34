package dev.clinigate.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The subgroups of one group column, sorted by value ({@link String#compareTo}, so {@code "10"} sorts
 * before {@code "9"}). Rows whose value is null belong to no group of this column.
 *
 * @param column the column name, e.g. {@code "site"}
 * @param groups one entry per distinct non-null value, ascending
 */
public record GroupColumn(String column, List<GroupMetrics> groups) {
  /** Validates and copies. */
  public GroupColumn {
    Objects.requireNonNull(column, "column");
    groups = List.copyOf(groups);
  }

  /** The group with value {@code value}, if any case had it. */
  public Optional<GroupMetrics> group(String value) {
    for (GroupMetrics g : groups) {
      if (g.value().equals(value)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
