package dev.clinigate.testkit.internal;

import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.Suggest;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a suite's inputs and expectations fit the kind of the policy it names. The JSON Schema accepts
 * the keys of every kind (a suite does not declare its kind: the policy file does); this check then rejects,
 * with a location and a "did you mean", the keys and verdicts of another kind, e.g. {@code route} in a suite of
 * a rollback policy.
 */
final class KindCheck {
  private static final List<String> INPUTS = List.of("evidence", "windows", "inference");
  private static final Map<String, String> EXPECTATION_KIND = Map.ofEntries(
      Map.entry("rules", "PromotionPolicy"),
      Map.entry("triggers", "RollbackPolicy"), Map.entry("rollbackTo", "RollbackPolicy"),
      Map.entry("inconclusive", "RollbackPolicy"), Map.entry("disableReason", "RollbackPolicy"),
      Map.entry("route", "ReviewPolicy"), Map.entry("rule", "ReviewPolicy"), Map.entry("reason", "ReviewPolicy"),
      Map.entry("proceed", "ReviewPolicy"), Map.entry("approvers", "ReviewPolicy"),
      Map.entry("messageContains", "ReviewPolicy"));

  private KindCheck() {}

  /** The input key of a kind's cases. */
  static String inputKey(Policy.Kind kind) {
    return switch (kind) {
      case PROMOTION_POLICY -> "evidence";
      case ROLLBACK_POLICY -> "windows";
      case REVIEW_POLICY -> "inference";
    };
  }

  private static String inputForm(Policy.Kind kind) {
    return switch (kind) {
      case PROMOTION_POLICY -> "a file (JSON or YAML) or a mapping";
      case ROLLBACK_POLICY -> "a JSON Lines file or a list of windows";
      case REVIEW_POLICY -> "a JSON file or a mapping";
    };
  }

  /** The expectation keys of a kind, in documentation order. */
  static List<String> expectations(Policy.Kind kind) {
    return switch (kind) {
      case PROMOTION_POLICY -> List.of("verdict", "rules");
      case ROLLBACK_POLICY -> List.of("verdict", "triggers", "rollbackTo", "disableReason", "inconclusive");
      case REVIEW_POLICY -> List.of("route", "rule", "reason", "proceed", "approvers", "messageContains");
    };
  }

  private static List<String> verdicts(Policy.Kind kind) {
    return switch (kind) {
      case PROMOTION_POLICY -> List.of("GO", "NO_GO");
      case ROLLBACK_POLICY -> List.of("HOLD", "REAPPROVE", "ROLLBACK", "DISABLE");
      case REVIEW_POLICY -> List.of();
    };
  }

  /** The key of this kind that does the job of another kind's key, if there is one. */
  private static String counterpart(Policy.Kind kind, String key) {
    return switch (kind) {
      case PROMOTION_POLICY -> switch (key) {
        case "triggers", "rule" -> "rules";
        case "route" -> "verdict";
        default -> null;
      };
      case ROLLBACK_POLICY -> switch (key) {
        case "rules", "rule" -> "triggers";
        case "route" -> "verdict";
        default -> null;
      };
      case REVIEW_POLICY -> switch (key) {
        case "rules", "triggers" -> "rule";
        case "verdict" -> "route";
        default -> null;
      };
    };
  }

  /** Every input, expectation key and verdict of the suite that does not fit the kind, located. */
  static List<Problem> check(JsonDocument doc, JsonObject spec, Policy.Kind kind, String policyDisplay) {
    List<Problem> problems = new ArrayList<>();
    String a = article(kind) + " (" + policyDisplay + ")";
    inputs(doc, "$.spec", spec, kind, a, problems);
    if (spec.get("cases").orElse(null) instanceof JsonArray cases) {
      for (int i = 0; i < cases.size(); i++) {
        String path = Json.indexPath("$.spec.cases", i);
        JsonObject c = (JsonObject) cases.get(i);
        inputs(doc, path, c, kind, a, problems);
        if (!(c.get("expect").orElse(null) instanceof JsonObject expect)) {
          continue;
        }
        List<String> allowed = expectations(kind);
        String theirs = " (" + article(kind) + "'s cases expect: " + String.join(", ", allowed) + ")";
        for (Map.Entry<String, JsonValue> e : expect.members().entrySet()) {
          String key = e.getKey();
          String at = Json.childPath(path + ".expect", key);
          if (!allowed.contains(key)) {
            String other = counterpart(kind, key);
            String hint = other != null ? "did you mean \"" + other + "\"?" + theirs
                : EXPECTATION_KIND.containsKey(key)
                    ? key + " is an expectation of " + article(EXPECTATION_KIND.get(key)) + theirs
                    : "remove it" + theirs;
            problems.add(located(doc, at, "expectation \"" + key + "\" does not apply to " + a, hint));
          } else if (key.equals("verdict") && e.getValue() instanceof JsonString v
              && !verdicts(kind).contains(v.value())) {
            String owner = v.value().equals("GO") || v.value().equals("NO_GO") ? "PromotionPolicy" : "RollbackPolicy";
            List<String> vs = verdicts(kind);
            String list = String.join(", ", vs.subList(0, vs.size() - 1)) + " or " + vs.get(vs.size() - 1);
            problems.add(doc.problem(at, "verdict must be " + list + " for "
                + article(kind) + ", found \"" + v.value() + "\"", Suggest.hint(v.value(), verdicts(kind),
                    v.value() + " is a verdict of " + article(owner))));
          }
        }
      }
    }
    return problems;
  }

  private static void inputs(JsonDocument doc, String path, JsonObject o, Policy.Kind kind, String a,
      List<Problem> problems) {
    String mine = inputKey(kind);
    for (String key : INPUTS) {
      if (!key.equals(mine) && o.has(key)) {
        problems.add(located(doc, Json.childPath(path, key), "\"" + key + "\" does not apply to " + a + ": its "
            + "cases read " + mine, "did you mean \"" + mine + "\"? (" + mine + ": " + inputForm(kind) + ")"));
      }
    }
  }

  private static String article(Policy.Kind kind) {
    return article(kind.yamlName());
  }

  private static String article(String kind) {
    return "a " + kind;
  }

  /** A problem about a key: at the key when the document knows where it is, else at its value. */
  private static Problem located(JsonDocument doc, String path, String message, String hint) {
    Problem p = doc.problem(path + "#key", message, hint);
    if (p.line() == 0) {
      p = doc.problem(path, message, hint);
    }
    return new Problem(p.source(), p.line(), p.column(), path, p.message(), p.hint(), p.sourceLine());
  }
}
