package dev.clinigate.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the suites of a policy drove one entry (a rule for one subject, a trigger, a required field) to each
 * of its two sides. The sides by policy kind:
 *
 * <table>
 *   <caption>the two sides</caption>
 *   <tr><th>kind</th><th>entry</th><th>{@code pass}</th><th>{@code fail}</th></tr>
 *   <tr><td>PromotionPolicy</td><td>rule (and subject)</td><td>a {@code PASS} result</td>
 *       <td>a failing result: one that blocks, or {@code ADVISORY} / {@code WAIVED}</td></tr>
 *   <tr><td>RollbackPolicy</td><td>trigger, {@code probation:<id>}</td><td>judged and not fired ({@code PASS})</td>
 *       <td>fired as its severity says: {@code FIRED} or {@code SUPPRESSED} for a rollback trigger, {@code REAPPROVE}
 *       for a reapprove trigger, {@code ALERT} for an alert trigger</td></tr>
 *   <tr><td>ReviewPolicy</td><td>rule, {@code default}</td><td>evaluated and not matched (an earlier-matching
 *       rule never reaches it)</td><td>matched: it decided the route</td></tr>
 *   <tr><td>ReviewPolicy</td><td>{@code require:<field>}, {@code requireWhenReviewed:<field>}</td>
 *       <td>checked and present</td><td>missing: the inference is blocked</td></tr>
 * </table>
 *
 * @param id the rule, trigger or field id
 * @param subject the subject (e.g. {@code site=east}) of a promotion rule judged per subgroup; empty for a rule
 *     judged on the whole set, for a rule no case produced a result for, and for rollback and review entries
 * @param pass some case reached the entry's passing side (see above)
 * @param fail some case reached the entry's failing side: failed, fired or matched (see above)
 */
public record RuleCoverage(String id, Optional<String> subject, boolean pass, boolean fail) {
  /** Validates. */
  public RuleCoverage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
  }

  /** The label used in reports: the id, with the subject in brackets when there is one. */
  public String label() {
    return subject.map(s -> id + " [" + s + "]").orElse(id);
  }

  /** How many of the two sides were covered: 0, 1 or 2. */
  public int covered() {
    return (pass ? 1 : 0) + (fail ? 1 : 0);
  }
}
