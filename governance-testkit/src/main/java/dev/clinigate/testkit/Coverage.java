package dev.clinigate.testkit;

import dev.clinigate.Policy;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Rule coverage of one policy by all the suites that test it: for every entry (a rule, a subject of a subgroup
 * rule, a trigger, a required field), whether some case drove it to each of its two sides. The sides depend on
 * the policy's kind (see {@link RuleCoverage}):
 *
 * <ul>
 *   <li>{@code PromotionPolicy}: every rule and subject to {@code PASS} and to a failing outcome;
 *   <li>{@code RollbackPolicy}: every trigger (and {@code probation:<id>}) to {@code PASS} and to fired, as its
 *       severity says ({@code FIRED} or {@code SUPPRESSED} for a rollback trigger, {@code REAPPROVE} for a
 *       reapprove trigger, {@code ALERT} for an alert);
 *   <li>{@code ReviewPolicy}: every rule (and {@code default}, {@code require:<field>},
 *       {@code requireWhenReviewed:<field>}) to not matched and to matched.
 * </ul>
 *
 * The percentage is covered sides over all sides (two per entry).
 *
 * @param policyFile the policy file, as the suites name it
 * @param policyName the policy's {@code metadata.name}
 * @param kind the policy's kind, which names the two sides
 * @param rules one entry per rule and subject (trigger, required field), in policy order
 */
public record Coverage(String policyFile, String policyName, Policy.Kind kind, List<RuleCoverage> rules) {
  /** Validates. */
  public Coverage {
    Objects.requireNonNull(policyFile, "policyFile");
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(kind, "kind");
    rules = List.copyOf(rules);
  }

  /** Outcomes covered (each entry has two sides). */
  public int coveredOutcomes() {
    return rules.stream().mapToInt(RuleCoverage::covered).sum();
  }

  /** Outcomes to cover: twice the number of entries. */
  public int totalOutcomes() {
    return 2 * rules.size();
  }

  /** Covered outcomes as a percentage of all outcomes (100 for a policy without rules). */
  public double percent() {
    return rules.isEmpty() ? 100.0 : 100.0 * coveredOutcomes() / totalOutcomes();
  }

  /** The entries with a side no case reached. */
  public List<RuleCoverage> uncovered() {
    return rules.stream().filter(r -> r.covered() < 2).toList();
  }

  /**
   * What an entry misses, in this kind's words, e.g. {@code never driven to a failure}, {@code never fired},
   * {@code never matched}; empty when both sides are covered.
   */
  public String missing(RuleCoverage r) {
    if (r.covered() == 2) {
      return "";
    }
    boolean neither = !r.pass() && !r.fail();
    return switch (kind) {
      case PROMOTION_POLICY -> neither ? "never evaluated to PASS nor to a failure"
          : !r.pass() ? "never PASS" : "never driven to a failure";
      case ROLLBACK_POLICY -> neither ? "never judged to PASS nor fired"
          : !r.pass() ? "never PASS (judged without firing)" : "never fired";
      case REVIEW_POLICY -> r.id().startsWith("require:") || r.id().startsWith("requireWhenReviewed:")
          ? (neither ? "never checked" : !r.pass() ? "never checked and present" : "never missing")
          : neither ? "never evaluated to matched nor to not matched"
          : !r.pass() ? "never evaluated without matching" : "never matched";
    };
  }

  /**
   * The coverage as JSON: {@code {policy, name, kind, covered, total, percent, rules: [{id, subject, pass,
   * fail}]}}, where {@code pass} and {@code fail} are the two sides of {@link RuleCoverage}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>();
    for (RuleCoverage r : rules) {
      rs.add(JsonObject.builder().put("id", r.id()).put("subject", r.subject().orElse(null))
          .put("pass", r.pass()).put("fail", r.fail()).build());
    }
    return JsonObject.builder().put("policy", policyFile).put("name", policyName).put("kind", kind.yamlName())
        .put("covered", coveredOutcomes()).put("total", totalOutcomes())
        .put("percent", JsonValue.of(percent())).put("rules", new JsonArray(rs)).build();
  }

  /**
   * The coverage as text: a header line with the percentage, then one line per entry that misses a side, naming
   * the side that no case reached.
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "coverage %s (%s): %s%% (%d of %d outcomes)%n", policyName, policyFile,
        dev.clinigate.json.Json.fixed(percent(), 1), coveredOutcomes(), totalOutcomes()));
    for (RuleCoverage r : uncovered()) {
      b.append("  uncovered  ").append(r.label()).append(": ").append(missing(r)).append('\n');
    }
    return b.toString();
  }
}
