package dev.clinigate;

import java.util.Objects;

/**
 * A gate that holds when a typed condition over the metrics is true ({@code when:} in YAML). A condition
 * that reads a missing metric is {@link Status#MISSING}: it fails closed, never silently true or false.
 *
 * <pre>{@code
 * new ConditionRule("custom", Condition.parse("auroc >= 0.78 || n >= 5000"), Enforcement.MANDATORY);
 * }</pre>
 *
 * @param id unique rule id
 * @param condition the condition that must be true
 * @param enforcement advisory, mandatory or hard
 */
public record ConditionRule(String id, Condition condition, Enforcement enforcement) implements Rule {
  /** Validates. */
  public ConditionRule {
    Rule.checkId(id);
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(enforcement, "enforcement");
  }

  @Override
  public boolean failOnInsufficientData() {
    return false;
  }

  @Override
  public Type type() {
    return Type.CONDITION;
  }
}
