package dev.clinigate.internal;

import dev.clinigate.Condition;
import dev.clinigate.internal.expr.Expression;
import java.util.Objects;
import java.util.function.Function;

/**
 * The evaluator's way to a {@link Condition}'s compiled expression, which the public class keeps private
 * so that no internal type appears in its signature. {@code Condition} installs the accessor in its static
 * initializer; holding a {@code Condition} therefore guarantees the accessor is present.
 */
public final class ConditionAccess {
  private static volatile Function<Condition, Expression> accessor;

  private ConditionAccess() {}

  /** Installs the accessor; called once, by {@code Condition}'s static initializer. */
  public static void install(Function<Condition, Expression> f) {
    if (accessor != null) {
      throw new IllegalStateException("the condition accessor is already installed");
    }
    accessor = Objects.requireNonNull(f, "f");
  }

  /** The compiled expression of a condition. */
  public static Expression expression(Condition c) {
    return accessor.apply(c);
  }
}
