package dev.clinigate.internal;

import static dev.clinigate.internal.GovernanceText.missingResult;
import static dev.clinigate.internal.GovernanceText.string;

import dev.clinigate.Enforcement;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Transition;
import dev.clinigate.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The stage check of a promotion policy: the transition the evidence requests ({@code stage.current ->
 * stage.target}) against the one the policy governs.
 *
 * <p>Design note: a metrics-only evidence file says nothing about stages; the check is then reported, not
 * blocking. Evidence that names a stage is held to it, and a partial or mismatched stage blocks (the check
 * is {@code hard}: it can never be waived).
 */
final class StageCheck {
  private final PromotionPolicy policy;
  private final JsonObject root;

  StageCheck(PromotionPolicy policy, Evidence evidence) {
    this.policy = policy;
    this.root = evidence.json();
  }

  Optional<RuleResult> stage() {
    if (policy.transition().isEmpty()) {
      return Optional.empty();
    }
    Transition t = policy.transition().get();
    JsonObject bound = JsonObject.builder().put("from", t.from()).put("to", t.to()).build();
    String governs = t.from() + " -> " + t.to();
    String remedy = "request " + governs + " (stage.current \"" + t.from() + "\", stage.target \"" + t.to()
        + "\"), or evaluate with the policy that governs the requested transition";
    JsonObject stage = MetricSetView.object(root, "stage");
    String current = stage == null ? null : string(stage, "current");
    String target = stage == null ? null : string(stage, "target");
    if (stage == null) {
      // Design note: a metrics-only evidence file (e.g. straight from 'clinigate metrics') says nothing about
      // stages; the stage check is then reported, not blocking. Evidence that names a stage is held to it,
      // and a partial or mismatched stage blocks.
      return Optional.of(Results.insufficient("stage", Enforcement.HARD, false, bound, Optional.empty(),
          "The evidence does not name the model's stage (stage.current and stage.target), so the transition "
              + governs + " was not checked.", ""));
    }
    if (current == null || target == null) {
      String what = current == null ? "does not name the model's current stage (stage.current)"
          : "does not name the requested stage (stage.target)";
      return Optional.of(missingResult("stage", Enforcement.HARD, bound, Optional.empty(), "The evidence " + what
          + ", so the transition " + governs + " cannot be checked; the rule fails closed.", "record stage.current \""
          + t.from() + "\" and stage.target \"" + t.to() + "\" in the evidence"));
    }
    int c = t.indexOf(current);
    int g = t.indexOf(target);
    String requested = current + " -> " + target;
    for (String s : List.of(current, target)) {
      if (t.indexOf(s) < 0) {
        return Optional.of(Results.of("stage", Enforcement.HARD, Status.FAIL, OptionalDouble.empty(), bound,
            Optional.empty(), "Stage \"" + s + "\" is not one of the policy's stages (" + String.join(", ", t.stages())
            + ").", remedy));
      }
    }
    int f = t.indexOf(t.from());
    int to = t.indexOf(t.to());
    if (c == f && g == to) {
      return Optional.of(Results.of("stage", Enforcement.HARD, Status.PASS, OptionalDouble.empty(), bound,
          Optional.empty(), "The model moves from " + t.stages().get(f) + " to " + t.stages().get(to)
          + ", the transition this policy governs.", ""));
    }
    String message;
    if (g <= c) {
      message = "The evidence requests " + requested + ", which does not move forward; this policy governs " + governs
          + ".";
    } else {
      List<String> skipped = new ArrayList<>();
      for (int k = c + 1; k < g; k++) {
        if (!(k > f && k < to)) {
          skipped.add(t.stages().get(k));
        }
      }
      message = skipped.isEmpty()
          ? "The evidence requests " + requested + ", but this policy governs " + governs + "."
          : "The evidence requests " + requested + ", which skips " + String.join(" and ", skipped)
              + "; this policy governs " + governs + ".";
    }
    return Optional.of(Results.of("stage", Enforcement.HARD, Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), message, remedy));
  }
}
