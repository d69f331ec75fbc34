package dev.clinigate;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The stage transition a promotion policy governs, e.g. staging to production, over an ordered list of
 * stages ({@link #DEFAULT_STAGES} unless the policy declares its own {@code spec.stages}). Stage names
 * compare case-insensitively.
 *
 * <p>The evidence names the model's current stage and the requested target ({@code stage.current},
 * {@code stage.target}); the check {@code stage} passes only when they are this transition's
 * {@code from} and {@code to}. A request that jumps over a stage this transition does not jump over is
 * reported as a skipped stage.
 *
 * @param from the stage the model is in
 * @param to the stage it is promoted to, later than {@code from} in {@code stages}
 * @param stages the stages in promotion order (at least two, distinct)
 */
public record Transition(String from, String to, List<String> stages) {
  /** Development, staging, shadow, canary, production. */
  public static final List<String> DEFAULT_STAGES = List.of("development", "staging", "shadow", "canary",
      "production");

  /** Validates and copies. */
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    stages = List.copyOf(stages);
    if (stages.size() < 2) {
      throw new IllegalArgumentException("stages must list at least two stages, found " + stages);
    }
    Set<String> seen = new HashSet<>();
    for (String s : stages) {
      if (!seen.add(s.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("stages list \"" + s + "\" twice");
      }
    }
    int f = indexIn(stages, from);
    int t = indexIn(stages, to);
    if (f < 0) {
      throw new IllegalArgumentException("transition from \"" + from + "\" is not one of the stages " + stages);
    }
    if (t < 0) {
      throw new IllegalArgumentException("transition to \"" + to + "\" is not one of the stages " + stages);
    }
    if (t <= f) {
      throw new IllegalArgumentException("a promotion must move forward, but " + to + " does not come after "
          + from + " in " + stages);
    }
  }

  /** A transition over {@link #DEFAULT_STAGES}. */
  public Transition(String from, String to) {
    this(from, to, DEFAULT_STAGES);
  }

  /** The position of a stage (case-insensitive), or -1. */
  public int indexOf(String stage) {
    return indexIn(stages, stage);
  }

  private static int indexIn(List<String> stages, String stage) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).equalsIgnoreCase(stage)) {
        return i;
      }
    }
    return -1;
  }
}
