package dev.clinigate.internal.expr;

import java.util.List;

/**
 * Compiles a type-checked {@link Expression} into a tree of small node objects over a host's input type,
 * for conditions that sit in a request path (review policies). No maps, boxing, reflection or allocation
 * during evaluation.
 *
 * <p>Semantics match {@link Expression#evaluate}: no short-circuit, and an undefined value anywhere makes
 * the whole condition undefined (so that a rule fails closed). Truth values are {@code 1} (true), {@code 0}
 * (false) and {@code -1} (undefined); an undefined number is NaN. Arithmetic ({@code + - * /}) is not
 * compiled: {@link Expression} computes it in decimal, which would allocate; the host rejects it.
 */
public final class Compiled {
  private Compiled() {}

  /** A compiled condition: 1 true, 0 false, -1 undefined. */
  @FunctionalInterface
  public interface Bool<T> {
    /** Evaluates on one input. */
    int test(T in);
  }

  /** A compiled number: NaN when undefined. */
  @FunctionalInterface
  public interface Num<T> {
    /** Evaluates on one input. */
    double value(T in);
  }

  /** Binds references to the host's input. */
  public interface Binder<T> {
    /** A numeric reference. */
    Num<T> number(Reference ref);

    /** A true/false reference. */
    Bool<T> bool(Reference ref);

    /** Whether a reference is true/false (else a number). */
    boolean isBoolean(Reference ref);
  }

  /**
   * Compiles an expression.
   *
   * @throws ExprException located at an arithmetic operator or a group aggregate, which are not compiled
   */
  public static <T> Bool<T> compile(Expression e, Binder<T> binder) {
    return bool(Parser.parse(e.text()), binder);
  }

  private static <T> Bool<T> bool(Node n, Binder<T> binder) {
    if (n instanceof Node.Bool b) {
      int v = b.value() ? 1 : 0;
      return in -> v;
    }
    if (n instanceof Node.Ref r) {
      return binder.bool(r.ref());
    }
    if (n instanceof Node.Unary u) {
      Bool<T> x = bool(u.operand(), binder);
      return in -> {
        int v = x.test(in);
        return v < 0 ? -1 : 1 - v;
      };
    }
    Node.Binary b = (Node.Binary) n;
    switch (b.op()) {
      case "&&" -> {
        Bool<T> l = bool(b.left(), binder);
        Bool<T> r = bool(b.right(), binder);
        return in -> {
          int x = l.test(in);
          int y = r.test(in);
          return x < 0 || y < 0 ? -1 : x & y;
        };
      }
      case "||" -> {
        Bool<T> l = bool(b.left(), binder);
        Bool<T> r = bool(b.right(), binder);
        return in -> {
          int x = l.test(in);
          int y = r.test(in);
          return x < 0 || y < 0 ? -1 : x | y;
        };
      }
      default -> {
        return comparison(b, binder);
      }
    }
  }

  private static <T> Bool<T> comparison(Node.Binary b, Binder<T> binder) {
    if (isBoolean(b.left(), binder)) {
      Bool<T> l = bool(b.left(), binder);
      Bool<T> r = bool(b.right(), binder);
      boolean eq = b.op().equals("==");
      return in -> {
        int x = l.test(in);
        int y = r.test(in);
        return x < 0 || y < 0 ? -1 : (x == y) == eq ? 1 : 0;
      };
    }
    Num<T> l = num(b.left(), binder);
    Num<T> r = num(b.right(), binder);
    return switch (b.op()) {
      case "<" -> in -> cmp(l.value(in), r.value(in), 0);
      case "<=" -> in -> cmp(l.value(in), r.value(in), 1);
      case ">" -> in -> cmp(l.value(in), r.value(in), 2);
      case ">=" -> in -> cmp(l.value(in), r.value(in), 3);
      case "==" -> in -> cmp(l.value(in), r.value(in), 4);
      default -> in -> cmp(l.value(in), r.value(in), 5);
    };
  }

  private static int cmp(double a, double b, int op) {
    if (a != a || b != b) {
      return -1;
    }
    boolean out = switch (op) {
      case 0 -> a < b;
      case 1 -> a <= b;
      case 2 -> a > b;
      case 3 -> a >= b;
      case 4 -> a == b;
      default -> a != b;
    };
    return out ? 1 : 0;
  }

  /** Whether a node is true/false (the expression was type-checked, so the shape tells). */
  private static <T> boolean isBoolean(Node n, Binder<T> binder) {
    if (n instanceof Node.Bool) {
      return true;
    }
    if (n instanceof Node.Unary u) {
      return u.op().equals("!");
    }
    if (n instanceof Node.Binary b) {
      return !List.of("+", "-", "*", "/").contains(b.op());
    }
    if (n instanceof Node.Ref r) {
      return binder.isBoolean(r.ref());
    }
    return false;
  }

  private static <T> Num<T> num(Node n, Binder<T> binder) {
    if (n instanceof Node.Num x) {
      double v = x.value();
      return in -> v;
    }
    if (n instanceof Node.Ref r) {
      return binder.number(r.ref());
    }
    if (n instanceof Node.Unary u) {
      Num<T> x = num(u.operand(), binder);
      return in -> {
        double v = x.value(in);
        return v == 0.0 ? 0.0 : -v;
      };
    }
    if (n instanceof Node.Call c) {
      @SuppressWarnings("unchecked")
      Num<T>[] args = new Num[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = num(c.args().get(i), binder);
      }
      return switch (c.function()) {
        case "abs" -> in -> Math.abs(args[0].value(in));
        case "min" -> in -> {
          double acc = args[0].value(in);
          for (int i = 1; i < args.length; i++) {
            acc = Math.min(acc, args[i].value(in));
          }
          return acc;
        };
        default -> in -> {
          double acc = args[0].value(in);
          for (int i = 1; i < args.length; i++) {
            acc = Math.max(acc, args[i].value(in));
          }
          return acc;
        };
      };
    }
    if (n instanceof Node.Group g) {
      throw new ExprException(g.start(), g.function() + "(...) is not available here", "");
    }
    Node.Binary b = (Node.Binary) n;
    throw new ExprException(b.left().end(), "arithmetic ('" + b.op() + "') is not available in review conditions",
        "compare fields with bounds directly, e.g. score >= threshold[urgent]; compute derived values in the host");
  }
}
