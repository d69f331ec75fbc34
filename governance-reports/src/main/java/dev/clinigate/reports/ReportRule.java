package dev.clinigate.reports;

import java.util.Objects;

/**
 * What a rule id of a report means: SARIF's reporting descriptor ({@code shortDescription}, {@code fullDescription},
 * {@code help}), shown by GitHub code scanning beside every alert of the rule.
 *
 * @param id the rule id, as {@link ReportItem#ruleId()}
 * @param shortDescription one line, e.g. {@code readmission-risk v3 gate subgroup-calibration: ece at most 0.08}
 * @param fullDescription a paragraph: what the rule checks and why it matters
 * @param helpText how to act on a result of the rule, plain text
 * @param helpMarkdown the same help in Markdown
 */
public record ReportRule(String id, String shortDescription, String fullDescription, String helpText,
    String helpMarkdown) {
  /** Validates. */
  public ReportRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shortDescription, "shortDescription");
    Objects.requireNonNull(fullDescription, "fullDescription");
    Objects.requireNonNull(helpText, "helpText");
    Objects.requireNonNull(helpMarkdown, "helpMarkdown");
  }
}
