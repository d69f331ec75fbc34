package dev.clinigate.internal.expr;

import java.util.List;

/** The syntax tree of a condition. Every node knows its span in the condition text. */
sealed interface Node {
  int start();

  int end();

  /** A number literal. */
  record Num(double value, int start, int end) implements Node {}

  /** {@code true} or {@code false}. */
  record Bool(boolean value, int start, int end) implements Node {}

  /** A variable. */
  record Ref(Reference ref, int start, int end) implements Node {}

  /** {@code !x} or {@code -x}. */
  record Unary(String op, Node operand, int start, int end) implements Node {}

  /** {@code a op b} for the logical, comparison and arithmetic operators. */
  record Binary(String op, Node left, Node right, int start, int end) implements Node {}

  /** {@code min(a, b, ...)}, {@code max(a, b, ...)}, {@code abs(a)}. */
  record Call(String function, List<Node> args, int start, int end) implements Node {}

  /** {@code worst(metric by column)} or {@code best(metric by column)}. */
  record Group(String function, Reference metric, String column, int start, int end) implements Node {}
}
