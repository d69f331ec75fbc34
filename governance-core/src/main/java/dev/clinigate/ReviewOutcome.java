package dev.clinigate;

import java.util.Objects;

/**
 * The fast result of routing one inference ({@link ReviewPolicy#route(Inference)}): shared, precomputed
 * instances, so routing allocates nothing. {@link ReviewPolicy#evaluate(Inference)} adds the explanation
 * and audit fields.
 *
 * @param route the route
 * @param ruleId the rule that decided: a rule id, {@code default}, or {@code require:<field>} for a missing
 *     required field
 * @param reason why
 * @param proceed whether downstream action may proceed now: true for AUTO, and for REVIEW or
 *     SECONDARY_REVIEW once a qualified reviewer approved; never for BLOCK
 */
public record ReviewOutcome(Route route, String ruleId, Reason reason, boolean proceed) {
  /** Why an inference took its route. */
  public enum Reason {
    /** A rule (or the default) routed it and no review is involved (AUTO or BLOCK). */
    MATCHED,
    /** A review route, not yet reviewed. */
    AWAITING_REVIEW,
    /** A review route, approved by a qualified reviewer. */
    APPROVED,
    /** A review route, approved by a reviewer whose role may not approve. */
    APPROVER_NOT_QUALIFIED,
    /** A review route, and the reviewer overrode or rejected the output. */
    NOT_APPROVED,
    /** A required field is missing: BLOCK. */
    MISSING_FIELD,
    /** A rule's condition could not be evaluated (a field it needs is missing): BLOCK. */
    UNDEFINED_CONDITION
  }

  /** Validates. */
  public ReviewOutcome {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reason, "reason");
    if (route == Route.BLOCK && proceed) {
      throw new IllegalArgumentException("a BLOCK never proceeds");
    }
  }

  /** The CLI exit code: 0 when the action may proceed, else 1. */
  public int exitCode() {
    return proceed ? 0 : 1;
  }
}
