package dev.clinigate;

/**
 * One gate of a promotion policy. Closed set: {@link MetricRule}, {@link GapRule},
 * {@link ConditionRule} and {@link NetBenefitRule}.
 *
 * <p>Java 17 code can switch on {@link #type()}.
 */
public sealed interface Rule permits MetricRule, GapRule, ConditionRule, NetBenefitRule {

  /** The kinds of rule. */
  enum Type {
    /** A bound on a metric, overall, per subgroup, per feature, or against a baseline. */
    METRIC,
    /** A bound on the spread of a metric across subgroups. */
    GAP,
    /** A typed condition that must be true. */
    CONDITION,
    /** Net benefit above treat-all and treat-none over a range of thresholds. */
    NET_BENEFIT
  }

  /** The rule's id, unique within its policy. */
  String id();

  /** How strictly the rule is enforced. */
  Enforcement enforcement();

  /** Whether insufficient data (a subgroup below its minimum size) blocks. */
  boolean failOnInsufficientData();

  /** The kind of rule. */
  Type type();

  /**
   * Validates a gate id: letters, digits, '-', '_' and '.', starting with a letter or digit, and not one of
   * the ids reserved for the policy's other checks ({@code stage}, {@code approvals}, ids starting with
   * {@code requires.}).
   */
  static String checkId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      throw new IllegalArgumentException("a rule id must start with a letter or digit and use only letters, "
          + "digits, '-', '_' and '.', found \"" + id + "\"");
    }
    if (isReserved(id)) {
      throw new IllegalArgumentException("the id \"" + id + "\" is reserved for the policy's own checks");
    }
    return id;
  }

  /** Whether an id is reserved: {@code stage}, {@code approvals}, or starting with {@code requires.}. */
  static boolean isReserved(String id) {
    return id.equals("stage") || id.equals("approvals") || id.startsWith("requires.");
  }
}
