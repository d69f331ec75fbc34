package dev.clinigate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which roles may waive which rules, and for how long ({@code spec.waivers}).
 *
 * <p>A waiver in the evidence turns a {@link Status#FAIL} of a mandatory rule into {@link Status#WAIVED}
 * when its role is allowed to waive that rule, it has a justification, it runs no longer than
 * {@code maxDuration} from {@code granted} to {@code expires}, and the evaluation time lies within that
 * period. Hard rules, approvals and the stage check can never be waived; {@code MISSING} evidence is never
 * waived (only a measured failure is).
 *
 * @param maxDuration the longest allowed waiver
 * @param allow the grants, in policy order
 */
public record WaiverPolicy(Duration maxDuration, List<Grant> allow) {
  /** Validates and copies. */
  public WaiverPolicy {
    Objects.requireNonNull(maxDuration, "maxDuration");
    allow = List.copyOf(allow);
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive, found " + maxDuration);
    }
  }

  /**
   * One grant: a role and the rules it may waive.
   *
   * @param role the waiving role, e.g. {@code clinical-safety-officer}
   * @param rules the rule ids it may waive; {@code "*"} means every waivable rule
   */
  public record Grant(String role, List<String> rules) {
    /** Validates and copies. */
    public Grant {
      Objects.requireNonNull(role, "role");
      rules = List.copyOf(rules);
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("a waiver grant for " + role + " names no rules");
      }
    }

    /** Whether this grant covers the rule. */
    public boolean covers(String ruleId) {
      return rules.contains("*") || rules.contains(ruleId);
    }
  }

  /** The roles that may waive the rule, in policy order. */
  public List<String> rolesFor(String ruleId) {
    return allow.stream().filter(g -> g.covers(ruleId)).map(Grant::role).distinct().toList();
  }
}
