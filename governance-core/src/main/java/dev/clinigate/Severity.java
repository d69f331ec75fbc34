package dev.clinigate;

import java.util.Locale;

/** What a fired rollback trigger does. */
public enum Severity {
  /** The trigger rolls the model back (the verdict becomes ROLLBACK, or DISABLE without a deployable version). */
  ROLLBACK,
  /** The trigger only notifies: it is reported as an alert and never rolls back. */
  ALERT,
  /**
   * The trigger forces re-approval: the model stays deployed and the verdict becomes REAPPROVE (a new
   * promotion decision is required), unless a rollback is due.
   */
  REAPPROVE;

  /** The YAML spelling: {@code rollback}, {@code alert} or {@code reapprove}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
