package dev.clinigate;

import java.util.Locale;

/** How strictly a rule is enforced. */
public enum Enforcement {
  /** Reported, never blocks. */
  ADVISORY,
  /** Blocks unless an authorised, unexpired waiver covers it. The default. */
  MANDATORY,
  /** Blocks and can never be waived. */
  HARD;

  /** The YAML spelling: {@code advisory}, {@code mandatory}, {@code hard}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
