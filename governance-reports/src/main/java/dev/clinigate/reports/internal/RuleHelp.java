package dev.clinigate.reports.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.ReportItem;
import dev.clinigate.reports.ReportRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each rule id of a report means, for SARIF's rule help (GitHub code scanning shows it beside every alert):
 * a gate or trigger is described from the compiled policy (its keys and bound, its enforcement or severity), the
 * rules of contracts, policy tests, input errors and {@code validate} by fixed text.
 */
public final class RuleHelp {
  /** The rule id of an input error that stopped a run. */
  public static final String INPUT_ERROR = "clinigate.input-error";
  /** The rule id of a document {@code validate} found no problem in. */
  public static final String VALID = "clinigate.valid";
  /** The rule id of a problem {@code validate} found. */
  public static final String INVALID = "clinigate.invalid";

  private static final String DOCS = "https://github.com/clinigate/clinigate/blob/main/docs/";

  private static final Map<String, String[]> FIXED = Map.ofEntries(
      Map.entry(INPUT_ERROR, new String[] {"clinigate could not use its input",
          "An input (policy, contract, suite, evidence, data file or option) is unusable, so nothing was evaluated "
              + "and the run counts as failed (exit 2). The message is clinigate's error, located at the offending "
              + "file, line and column; errors about data never quote a value of the data.",
          "Fix the input at the location the error names, following its hint, and run again. A policy or suite can "
              + "be checked without evidence with 'clinigate validate FILE'."}),
      Map.entry(VALID, new String[] {"the document is valid",
          "clinigate validate found no problem in the document (schema, references, extends, meaning).",
          "Nothing to do."}),
      Map.entry(INVALID, new String[] {"a problem in a policy, contract or policy test suite",
          "clinigate validate checks a PromotionPolicy, RollbackPolicy, ReviewPolicy (with the base it extends), a "
              + "DataContract or a PolicyTest suite without evidence: its schema, the rules and metrics it names, "
              + "contradictory bounds and typed conditions. Every problem is reported, located at its file, line "
              + "and column.",
          "Edit the document at the location given, following the hint; 'clinigate validate FILE' is quick enough "
              + "for a pre-commit hook."}),
      Map.entry("policy-test.case", new String[] {"a policy test case",
          "A case of a PolicyTest suite: it runs the policy on the case's input and compares the outcome with the "
              + "case's expectation.", "Nothing to do when it passes."}),
      Map.entry("policy-test.failed", new String[] {"a policy test case failed",
          "The policy's outcome on the case's input differs from what the case expects: either the policy no longer "
              + "does what its authors intended, or the expectation is out of date.",
          "Read the differences in the message; fix the policy, or update the case after a reviewed change of "
              + "intent. See docs/policy-tests.md."}),
      Map.entry("policy-test.error", new String[] {"a policy test case is in error",
          "The case could not run: its input is missing or unusable, or it names a rule, trigger or path the "
              + "policy or input does not have.",
          "Fix the case at the location given. See docs/policy-tests.md."}),
      Map.entry("policy-test.invalid", new String[] {"a policy test suite is invalid",
          "The suite is not a valid PolicyTest (schema), its policy cannot be loaded, or its expectations do not fit "
              + "the kind of policy it tests; none of its cases ran.",
          "Fix the suite (or its policy) at the location given; 'clinigate validate SUITE' shows every problem."}),
      Map.entry("policy-test.suite", new String[] {"a policy test suite failed as a whole",
          "The suite cannot pass as written, e.g. it has no cases: a suite that tests nothing cannot pass.",
          "Add cases under spec.cases. See docs/policy-tests.md."}),
      Map.entry("policy-test.untested", new String[] {"a policy has no test suite",
          "With --require-tests (or requireTests in the Maven plugin), every PromotionPolicy, RollbackPolicy and "
              + "ReviewPolicy found must be tested by a PolicyTest suite.",
          "Add a PolicyTest suite whose spec.policy names the policy. See docs/policy-tests.md."}),
      Map.entry("policy-test.coverage", new String[] {"policy rule coverage",
          "The share of outcomes of a policy's rules that its suites drive: each gate and subject to a pass and "
              + "to a failure, each trigger to a pass and fired, each review rule matched and not matched. It fails "
              + "under the minimum (--coverage-min).",
          "Add cases for the uncovered outcomes listed in the message. See docs/policy-tests.md."}),
      Map.entry("feature", new String[] {"every rule of a declared feature holds",
          "A feature declared in the data contract passed all of its rules on the data.", "Nothing to do."}));

  private static final Map<String, String> CONTRACT = Map.ofEntries(
      Map.entry("required", "a required column is absent from the data"),
      Map.entry("type", "a value is not of the feature's declared type"),
      Map.entry("range", "a numeric value lies outside the feature's inclusive range"),
      Map.entry("allowed", "a value is not one of the feature's allowed values"),
      Map.entry("pattern", "a value does not match the feature's pattern"),
      Map.entry("unique", "a value of a unique feature occurs more than once"),
      Map.entry("maxMissing", "the missing rate exceeds maxMissing (or a non-nullable feature has a missing value)"),
      Map.entry("maxMissingBy", "the missing rate within a subgroup exceeds maxMissingBy.max"),
      Map.entry("rows", "the row count is outside rows {min, max}"),
      Map.entry("freshness", "the newest value of the freshness column is too old, or freshness could not be "
          + "evaluated (no evaluation time given)"),
      Map.entry("primaryKey", "the primary key is missing in a row or not unique"),
      Map.entry("drift", "drift against the reference exceeds the bound, or could not be evaluated"),
      Map.entry("availableAt", "a model input is only available after the outcome (leakage)"),
      Map.entry("allowedAtInference", "a model input is marked allowedAtInference: false"),
      Map.entry("phi", "a model input is a phi: true column"),
      Map.entry("undeclaredInput", "a model input is not declared in the contract"));

  private RuleHelp() {}

  /** The rule ids of the items, in first-use order. */
  private static Set<String> ids(List<ReportItem> items) {
    Set<String> ids = new LinkedHashSet<>();
    items.forEach(i -> ids.add(i.ruleId()));
    return ids;
  }

  /** Help for the fixed rule ids among the items (policy tests, input errors, validate, contract features). */
  public static List<ReportRule> fixed(List<ReportItem> items) {
    List<ReportRule> out = new ArrayList<>();
    for (String id : ids(items)) {
      String[] t = FIXED.get(id);
      if (t != null) {
        out.add(new ReportRule(id, t[0], t[1], t[2], t[2]));
      }
    }
    return out;
  }

  /** Help for the rule ids of a promotion decision, from the compiled policy ({@code PromotionPolicy.toJson()}). */
  public static List<ReportRule> promotion(String policy, JsonObject policyJson, List<ReportItem> items) {
    JsonObject spec = obj(policyJson, "spec");
    List<ReportRule> out = new ArrayList<>();
    for (String id : ids(items)) {
      Optional<JsonObject> gate = byId(spec, "gates", id);
      if (gate.isPresent()) {
        String enforcement = str(gate.get(), "enforcement").orElse("mandatory");
        String what = pairs(gate.get());
        String effect = switch (enforcement) {
          case "hard" -> "A hard gate blocks promotion when it fails or its evidence is missing, and can never be "
              + "waived.";
          case "advisory" -> "An advisory gate is reported but never blocks promotion.";
          default -> "A mandatory gate blocks promotion when it fails or its evidence is missing, unless an "
              + "authorised, unexpired waiver in the evidence covers it.";
        };
        String help = "Each result names the subject, the observed value and the bound. A FAIL or MISSING result "
            + "blocks the decision: improve the model or supply the missing evidence (e.g. from 'clinigate metrics')"
            + (enforcement.equals("mandatory") ? ", or record a waiver from a role the policy's waivers allow" : "")
            + ". Change the bound only through the policy's governance review.";
        out.add(new ReportRule(id, policy + " gate " + id + ": " + what,
            "Promotion gate " + id + " of policy " + policy + " (" + what + "). " + effect, help,
            "**Gate `" + id + "`** of policy " + policy + ": `" + what + "`.\n\n" + effect + "\n\n" + help
                + "\n\nSee [the policy language](" + DOCS + "policy-language.md)."));
      } else {
        String[] t = switch (id.startsWith("requires.") ? "requires" : id) {
          case "stage" -> new String[] {"the transition between stages",
              "The evidence's stage must match the policy's transition (from and to stages): "
                  + json(spec, "transition") + "."};
          case "approvals" -> new String[] {"the required approvals",
              "The evidence must hold current approvals from the roles the policy requires, with separation of duties "
                  + "where the policy asks for it: " + json(spec, "approvals") + "."};
          case "requires" -> new String[] {"the requirement " + id.substring("requires.".length()),
              "The evidence must satisfy the policy's requirements (artifacts with their SHA-256, contracts passed, "
                  + "approved dataset sources, shadow and canary periods): " + json(spec, "requires") + "."};
          default -> new String[] {"rule " + id, "Rule " + id + " of the policy."};
        };
        String help = "A FAIL or MISSING result blocks promotion: supply the evidence the message asks for.";
        out.add(new ReportRule(id, policy + ": " + t[0], t[1], help, t[1] + "\n\n" + help
            + "\n\nSee [the evidence format](" + DOCS + "evidence.md)."));
      }
    }
    return out;
  }

  /** Help for the trigger ids of a rollback decision, from the compiled policy ({@code RollbackPolicy.toJson()}). */
  public static List<ReportRule> rollback(String policy, JsonObject policyJson, List<ReportItem> items) {
    JsonObject spec = obj(policyJson, "spec");
    List<ReportRule> out = new ArrayList<>();
    for (String id : ids(items)) {
      Optional<JsonObject> trigger = byId(spec, "triggers", id).or(() -> byId(obj(spec, "probation"), "triggers", id));
      String help = "A FIRED trigger of severity rollback rolls the model back to the policy's lastKnownGood version "
          + "(or, when a rollback is suppressed by the cooldown, disables it); one of severity reapprove asks for a "
          + "new approval; an alert asks for a look. Investigate the monitoring windows the message names before "
          + "changing the trigger.";
      if (trigger.isPresent()) {
        String severity = str(trigger.get(), "severity").orElse("rollback");
        String what = pairs(trigger.get());
        String full = "Rollback trigger " + id + " of policy " + policy + " (" + what + "), severity " + severity
            + ": it fires when the monitoring windows breach its bound.";
        out.add(new ReportRule(id, policy + " trigger " + id + ": " + what, full, help, "**Trigger `" + id
            + "`** of policy " + policy + ": `" + what + "`, severity " + severity + ".\n\n" + help + "\n\nSee [rollback "
            + "policies](" + DOCS + "rollback-and-review.md)."));
      } else {
        String full = "Check " + id + " of rollback policy " + policy + (spec.has(id) ? ": " + json(spec, id) : "")
            + ".";
        out.add(new ReportRule(id, policy + ": " + id, full, help, full + "\n\n" + help));
      }
    }
    return out;
  }

  /** Help for the rule ids of a contract result. */
  public static List<ReportRule> contract(String contract, List<ReportItem> items) {
    List<ReportRule> out = new ArrayList<>(fixed(items));
    for (String id : ids(items)) {
      String what = CONTRACT.get(id);
      if (what != null) {
        String help = "Fix the data at its source (the extract or the pipeline that produced it), or, after review, "
            + "the contract. Values of phi columns never appear in the messages.";
        out.add(new ReportRule(id, contract + ": " + id, "Data contract rule " + id + ": it fails when " + what + ".",
            help, "**Contract rule `" + id + "`**: it fails when " + what + ".\n\n" + help + "\n\nSee [data contracts]("
                + DOCS + "contracts.md)."));
      }
    }
    return out;
  }

  /** The generic help of a rule id no report described. */
  public static ReportRule generic(String id, String group) {
    String full = "Rule " + id + " of " + group + ".";
    String help = "Read the result's message; it says what was found and what was expected.";
    return new ReportRule(id, group + ": " + id, full, help, help);
  }

  private static Optional<JsonObject> byId(JsonObject spec, String key, String id) {
    if (spec.get(key).orElse(null) instanceof JsonArray a) {
      for (JsonValue v : a.elements()) {
        if (v instanceof JsonObject o && str(o, "id").equals(Optional.of(id))) {
          return Optional.of(o);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code metric: ece, by: ["sex"], max: 0.08}: the keys of a gate or trigger but its id, in their order. */
  private static String pairs(JsonObject o) {
    List<String> parts = new ArrayList<>();
    o.members().forEach((k, v) -> {
      if (!k.equals("id")) {
        parts.add(k + ": " + (v instanceof JsonString s ? s.value() : Json.compact(v)));
      }
    });
    return String.join(", ", parts);
  }

  private static String json(JsonObject o, String key) {
    return o.get(key).map(Json::compact).orElse("not set");
  }

  private static JsonObject obj(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonObject v ? v : JsonObject.empty();
  }

  private static Optional<String> str(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }
}
