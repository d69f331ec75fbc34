package dev.clinigate;

/** The state of one rollback trigger at the end of a window sequence. */
public enum TriggerStatus {
  /** Judged and within its bounds (or not breached often enough to fire). */
  PASS,
  /** A {@code severity: rollback} trigger fired: the verdict is ROLLBACK, or DISABLE without a deployable version. */
  FIRED,
  /** A {@code severity: alert} trigger fired: a notification, never a rollback. */
  ALERT,
  /** A {@code severity: reapprove} trigger fired: the model stays, a new promotion decision is required. */
  REAPPROVE,
  /**
   * A rollback trigger fired inside the cooldown after an earlier rollback: the version deployed since then
   * also breaches and rolling back again is not allowed, so the verdict is DISABLE.
   */
  SUPPRESSED,
  /** The latest windows could not be judged (too few cases, an undefined metric, no windows). */
  INCONCLUSIVE
}
