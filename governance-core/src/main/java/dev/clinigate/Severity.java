package dev.clinigate;

import java.util.Locale;

/** What a fired rollback trigger does. */
public enum Severity {
  /** The trigger rolls the model back (the verdict becomes ROLLBACK). */
  ROLLBACK,
  /** The trigger only notifies: it is reported as an alert and never rolls back. */
  ALERT;

  /** The YAML spelling: {@code rollback} or {@code alert}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
