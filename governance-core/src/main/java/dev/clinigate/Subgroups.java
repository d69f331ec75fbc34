package dev.clinigate;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * The subgroup columns a rule is evaluated over, and the smallest group it judges.
 *
 * @param by group columns, in the order results are reported (non-empty, distinct)
 * @param minGroupSize groups with fewer cases are {@link Status#INSUFFICIENT_DATA}; empty = no floor
 */
public record Subgroups(List<String> by, OptionalLong minGroupSize) {
  /** Validates and copies. */
  public Subgroups {
    by = List.copyOf(by);
    if (by.isEmpty()) {
      throw new IllegalArgumentException("by needs at least one group column");
    }
    if (new HashSet<>(by).size() != by.size()) {
      throw new IllegalArgumentException("by lists a group column twice: " + by);
    }
    if (minGroupSize.isPresent() && minGroupSize.getAsLong() < 1) {
      throw new IllegalArgumentException("minGroupSize must be at least 1, found " + minGroupSize.getAsLong());
    }
  }
}
