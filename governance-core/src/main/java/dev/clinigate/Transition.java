package dev.clinigate;

import java.util.Objects;

/**
 * The stage transition a promotion policy governs, e.g. staging to production.
 *
 * @param from the stage the model is in
 * @param to the stage it is promoted to
 */
public record Transition(String from, String to) {
  /** Validates. */
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transition must change stage, found " + from + " -> " + to);
    }
  }
}
