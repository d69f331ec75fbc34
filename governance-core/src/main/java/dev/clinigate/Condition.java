package dev.clinigate;

import dev.clinigate.internal.ConditionAccess;
import dev.clinigate.internal.MetricVocabulary;
import dev.clinigate.internal.expr.ExprException;
import dev.clinigate.internal.expr.Expression;
import java.util.Optional;

/**
 * A typed condition over the evidence's metrics, as written in a gate's {@code when:}. The grammar
 * (docs/policy-language.md) has numbers, {@code true}/{@code false}, metric references ({@code auroc},
 * {@code sensitivity@0.5}, {@code auroc.lower95}, {@code ece[site=east]}, {@code psi[creatinine]},
 * {@code n}), {@code worst(ece by site)} and {@code best(...)}, comparisons, {@code && || !},
 * {@code + - * /} and {@code min max abs}.
 *
 * <pre>{@code
 * Condition c = Condition.parse("auroc >= 0.78 || n >= 5000");
 * }</pre>
 *
 * <p>Parsing type-checks the condition; it must be true or false. Instances are immutable and thread-safe.
 */
public final class Condition {
  static {
    ConditionAccess.install(c -> c.expression);
  }

  private final Expression expression;

  private Condition(Expression expression) {
    this.expression = expression;
  }

  /**
   * Parses and type-checks a condition.
   *
   * @throws SyntaxError naming the problem and its offset in the text
   */
  public static Condition parse(String text) {
    try {
      return new Condition(Expression.compile(text, MetricVocabulary.INSTANCE));
    } catch (ExprException e) {
      throw new SyntaxError(e.getMessage(), e.offset(), e.hint(), e.unknownNameValue());
    }
  }

  /** The condition as written. */
  public String text() {
    return expression.text();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition c && c.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }

  /** A condition that does not parse or type-check. */
  public static final class SyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String hint;
    private final String unknownName;

    SyntaxError(String message, int offset, String hint, Optional<String> unknownName) {
      super(message);
      this.offset = Math.max(0, offset);
      this.hint = hint;
      this.unknownName = unknownName.orElse(null);
    }

    /** The 0-based index in the condition text where the problem is. */
    public int offset() {
      return offset;
    }

    /** What to do about it, or "". */
    public String hint() {
      return hint;
    }

    /** The unknown metric or function name, when that is the problem. */
    public Optional<String> unknownName() {
      return Optional.ofNullable(unknownName);
    }
  }
}
