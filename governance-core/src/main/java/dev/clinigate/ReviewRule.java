package dev.clinigate;

import java.util.List;
import java.util.Objects;

/**
 * One ordered rule of a {@link ReviewPolicy}: when the condition holds, the inference takes the route;
 * for REVIEW and SECONDARY_REVIEW only reviewers with one of the {@code approvers} roles (any role when
 * empty) can clear it by approving.
 *
 * @param id the rule id
 * @param when the typed condition as written, e.g. {@code score >= threshold[urgent] && decision[reject]}
 * @param route the route
 * @param approvers roles that may approve, in policy order
 */
public record ReviewRule(String id, String when, Route route, List<String> approvers) {
  /** Validates and copies. */
  public ReviewRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(route, "route");
    approvers = List.copyOf(approvers);
  }
}
