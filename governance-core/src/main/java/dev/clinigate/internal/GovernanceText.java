package dev.clinigate.internal;

import dev.clinigate.Enforcement;
import dev.clinigate.RuleResult;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import java.util.Optional;

/**
 * Helpers the governance checks ({@link StageCheck}, {@link RequirementChecks}, {@link ApprovalChecks},
 * {@link WaiverChecks}) share: reading strings from the evidence and shaping messages.
 */
final class GovernanceText {
  private GovernanceText() {}

  static RuleResult missingResult(String id, Enforcement enforcement, JsonObject bound, Optional<String> subject,
      String message, String remedy) {
    return Results.missing(id, enforcement, bound, subject, message, remedy);
  }

  static String string(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }

  /** A string member in its display form ({@link Identity#clean}), or null when absent, blank or invisible. */
  static String nonBlank(JsonObject o, String key) {
    return Identity.clean(string(o, key)).orElse(null);
  }

  /** Ends a message with a period, unless it already ends with one inside a closing quote. */
  static String sentence(String s) {
    return s.endsWith(".") || s.endsWith(".\"") || s.endsWith("?\"") || s.endsWith("!\"") ? s : s + ".";
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The model's author ({@code model.author}), when the evidence names one. */
  static Optional<String> modelAuthor(JsonObject root) {
    JsonObject model = MetricSetView.object(root, "model");
    return Optional.ofNullable(model == null ? null : nonBlank(model, "author"));
  }
}
