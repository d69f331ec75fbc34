package dev.clinigate.testkit;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Rule coverage of one policy by all the suites that test it: for every rule, and every subject of a
 * subgroup rule, whether some case drove it to {@code PASS} and whether some case drove it to a failing
 * outcome. Each rule (and subject) has two outcomes to cover; the percentage is covered outcomes over all
 * outcomes.
 *
 * @param policyFile the policy file, as the suites name it
 * @param policyName the policy's {@code metadata.name}
 * @param rules one entry per rule and subject, in policy order
 */
public record Coverage(String policyFile, String policyName, List<RuleCoverage> rules) {
  /** Validates. */
  public Coverage {
    Objects.requireNonNull(policyFile, "policyFile");
    Objects.requireNonNull(policyName, "policyName");
    rules = List.copyOf(rules);
  }

  /** Outcomes covered (each rule and subject has two: pass and fail). */
  public int coveredOutcomes() {
    return rules.stream().mapToInt(RuleCoverage::covered).sum();
  }

  /** Outcomes to cover: twice the number of rules and subjects. */
  public int totalOutcomes() {
    return 2 * rules.size();
  }

  /** Covered outcomes as a percentage of all outcomes (100 for a policy without rules). */
  public double percent() {
    return rules.isEmpty() ? 100.0 : 100.0 * coveredOutcomes() / totalOutcomes();
  }

  /** The entries with an outcome no case reached. */
  public List<RuleCoverage> uncovered() {
    return rules.stream().filter(r -> r.covered() < 2).toList();
  }

  /**
   * The coverage as JSON: {@code {policy, name, covered, total, percent, rules: [{id, subject, pass, fail}]}}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>();
    for (RuleCoverage r : rules) {
      rs.add(JsonObject.builder().put("id", r.id()).put("subject", r.subject().orElse(null))
          .put("pass", r.pass()).put("fail", r.fail()).build());
    }
    return JsonObject.builder().put("policy", policyFile).put("name", policyName)
        .put("covered", coveredOutcomes()).put("total", totalOutcomes())
        .put("percent", JsonValue.of(percent())).put("rules", new JsonArray(rs)).build();
  }

  /**
   * The coverage as text: a header line with the percentage, then one line per rule and subject that misses an
   * outcome, naming the side that no case reached.
   */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "coverage %s (%s): %.1f%% (%d of %d outcomes)%n", policyName, policyFile,
        percent(), coveredOutcomes(), totalOutcomes()));
    for (RuleCoverage r : uncovered()) {
      String missing = !r.pass() && !r.fail() ? "never evaluated to PASS nor to a failure"
          : !r.pass() ? "never PASS" : "never driven to a failure";
      b.append("  uncovered  ").append(r.label()).append(": ").append(missing).append('\n');
    }
    return b.toString();
  }
}
