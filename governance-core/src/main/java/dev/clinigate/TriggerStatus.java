package dev.clinigate;

/** The state of one rollback trigger at the end of a window sequence. */
public enum TriggerStatus {
  /** Judged and within its bounds (or not breached often enough to fire). */
  PASS,
  /** A {@code severity: rollback} trigger fired: the verdict is ROLLBACK. */
  FIRED,
  /** A {@code severity: alert} trigger fired: a notification, never a rollback. */
  ALERT,
  /** A rollback trigger fired inside the cooldown after an earlier rollback: reported, not acted on. */
  SUPPRESSED,
  /** The latest windows could not be judged (too few cases, an undefined metric, no windows). */
  INCONCLUSIVE
}
