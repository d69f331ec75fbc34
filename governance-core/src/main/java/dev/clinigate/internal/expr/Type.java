package dev.clinigate.internal.expr;

/** The two types of the condition language. */
public enum Type {
  /** A finite number. */
  NUMBER,
  /** true or false. */
  BOOLEAN;

  /** "a number" or "true/false", for messages. */
  String describe() {
    return this == NUMBER ? "a number" : "true/false";
  }
}
