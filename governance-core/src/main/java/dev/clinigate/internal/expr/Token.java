package dev.clinigate.internal.expr;

/**
 * A lexical token of a condition.
 *
 * @param kind what it is
 * @param text the text (for {@code BRACKET}, the content between the brackets)
 * @param start 0-based start offset in the condition
 * @param end 0-based offset just after the token
 */
record Token(Kind kind, String text, int start, int end) {
  enum Kind { NUMBER, IDENT, OP, BRACKET, EOF }

  boolean is(String op) {
    return kind == Kind.OP && text.equals(op);
  }
}
