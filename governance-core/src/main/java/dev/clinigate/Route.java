package dev.clinigate;

/** Where a {@link ReviewPolicy} sends one inference. */
public enum Route {
  /** Assistive only: no review gate. */
  AUTO,
  /** A qualified clinician must approve before escalation. */
  REVIEW,
  /** A second reviewer must decide (e.g. a high-confidence urgent flag was rejected, or an override escalates). */
  SECONDARY_REVIEW,
  /** Downstream action must not proceed (e.g. a required field is missing). */
  BLOCK
}
