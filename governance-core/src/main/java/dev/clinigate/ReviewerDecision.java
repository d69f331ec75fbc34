package dev.clinigate;

import java.util.Locale;
import java.util.Optional;

/** What a reviewing clinician did with a model output. */
public enum ReviewerDecision {
  /** Agreed with the model output. */
  APPROVE,
  /** Replaced the model output with their own. */
  OVERRIDE,
  /** Rejected the model output. */
  REJECT,
  /** Deferred: looked at it and decided nothing yet (e.g. awaiting a prior study); the review is still pending. */
  DEFER;

  /** The JSON/YAML spelling: {@code approve}, {@code override}, {@code reject}, {@code defer}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The decision with this spelling, if any. */
  public static Optional<ReviewerDecision> parse(String s) {
    for (ReviewerDecision d : values()) {
      if (d.jsonName().equals(s)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
