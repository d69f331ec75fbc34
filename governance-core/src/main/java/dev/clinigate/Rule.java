package dev.clinigate;

/**
 * One rule of a promotion policy. Closed set: {@link MetricRule} and {@link GapRule}.
 *
 * <p>Java 17 code can switch on {@link #type()}.
 */
public sealed interface Rule permits MetricRule, GapRule {

  /** The kinds of rule. */
  enum Type {
    /** A bound on a metric, overall, per subgroup, per feature, or against a baseline. */
    METRIC,
    /** A bound on the spread of a metric across subgroups. */
    GAP
  }

  /** The rule's id, unique within its policy. */
  String id();

  /** How strictly the rule is enforced. */
  Enforcement enforcement();

  /** Whether insufficient data (a subgroup below its minimum size) blocks. */
  boolean failOnInsufficientData();

  /** The kind of rule. */
  Type type();

  /** Validates a rule id: non-empty, letters, digits, '-', '_' and '.'. */
  static String checkId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      throw new IllegalArgumentException("a rule id must start with a letter or digit and use only letters, "
          + "digits, '-', '_' and '.', found \"" + id + "\"");
    }
    return id;
  }
}
