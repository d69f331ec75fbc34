package dev.clinigate.internal.expr;

/** Supplies the values of references when a condition is evaluated. */
public interface Resolver {
  /** The value of a reference (checked at compile time by the {@link Vocabulary}). */
  Value value(Reference ref);

  /** The value of a group aggregate such as {@code worst(ece by site)}. */
  Value group(String function, Reference metric, String column);
}
