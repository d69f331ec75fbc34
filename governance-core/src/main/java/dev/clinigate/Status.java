package dev.clinigate;

/**
 * The outcome of one rule (or one subject of a subgroup rule).
 *
 * <p>Whether a status blocks the decision is decided by the rule's {@link Enforcement}, and recorded in
 * {@link RuleResult#blocking()}: {@code FAIL} and {@code MISSING} block unless the rule is advisory;
 * {@code INSUFFICIENT_DATA} blocks only when the rule says {@code onInsufficientData: fail};
 * {@code PASS}, {@code WAIVED} and {@code ADVISORY} never block.
 */
public enum Status {
  /** The evidence satisfies the rule. */
  PASS,
  /** The evidence breaches the rule's bound. */
  FAIL,
  /** The evidence the rule needs is absent, null, or not a finite number: fails closed. */
  MISSING,
  /** Too little data to judge (e.g. a subgroup below its minimum size). */
  INSUFFICIENT_DATA,
  /** Failed, but an authorised, unexpired waiver in the evidence covers it. */
  WAIVED,
  /** Failed (or could not be evaluated) on a non-blocking, advisory rule. */
  ADVISORY
}
