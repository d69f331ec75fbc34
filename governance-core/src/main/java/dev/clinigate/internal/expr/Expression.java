package dev.clinigate.internal.expr;

import dev.clinigate.NumberText;
import dev.clinigate.internal.Numbers;
import dev.clinigate.internal.ShortestDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled condition of clinigate's small expression language: numbers, true/false, references
 * resolved by the host ({@code auroc}, {@code sensitivity@0.5}, {@code ece[site=east]},
 * {@code auroc.lower95}), group aggregates ({@code worst(ece by site)}), comparisons, {@code && || !},
 * {@code + - * /} and {@code min max abs}. No general-purpose engine, no reflection, no side effects.
 *
 * <pre>{@code
 * Expression e = Expression.compile("auroc >= 0.78 || n >= 5000", vocabulary);
 * Expression.Evaluation r = e.evaluate(resolver);
 * // r.clauses(): ["auroc 0.714 >= 0.78 is false", "n 40000 >= 5000 is true"]
 * }</pre>
 *
 * <p>Design notes. Compiling type-checks the whole tree (the result must be true/false) and bounds the
 * text to {@link #MAX_LENGTH} characters and the nesting to 32 levels, so that a policy cannot make the
 * loader or the evaluator work without bound. Evaluation never short-circuits: every clause is evaluated
 * and explained, and an undefined value anywhere (a missing metric, a division by zero) makes the whole
 * condition undefined, so that the rule fails closed instead of being silently true or false. Arithmetic
 * is decimal on the numbers as they print ({@code 0.1 + 0.2 == 0.3} is true), like clinigate's gaps.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Expression {
  /** Longest condition accepted, in characters. */
  public static final int MAX_LENGTH = 1000;

  private final String text;
  private final Node root;

  private Expression(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Parses and type-checks a condition.
   *
   * @throws ExprException located at the offending offset
   */
  public static Expression compile(String text, Vocabulary vocabulary) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(vocabulary, "vocabulary");
    if (text.length() > MAX_LENGTH) {
      throw new ExprException(MAX_LENGTH, "the condition has " + text.length() + " characters, more than the "
          + MAX_LENGTH + " allowed", "split it into several gates");
    }
    Node root = Parser.parse(text);
    Expression e = new Expression(text, root);
    Type t = e.check(root, vocabulary);
    if (t != Type.BOOLEAN) {
      throw new ExprException(root.start(), "a condition must be true or false, but " + e.source(root) + " is "
          + t.describe(), "compare it with a bound, e.g. " + e.source(root) + " >= 0.78");
    }
    return e;
  }

  /** The condition as written. */
  public String text() {
    return text;
  }

  /** Every reference in the condition (group aggregates give their metric), in source order. */
  public List<Reference> references() {
    List<Reference> out = new ArrayList<>();
    collect(root, out);
    return List.copyOf(out);
  }

  private static void collect(Node n, List<Reference> out) {
    if (n instanceof Node.Ref r) {
      out.add(r.ref());
    } else if (n instanceof Node.Group g) {
      out.add(g.metric());
    } else if (n instanceof Node.Unary u) {
      collect(u.operand(), out);
    } else if (n instanceof Node.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (n instanceof Node.Call c) {
      c.args().forEach(a -> collect(a, out));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // type checking

  private Type check(Node n, Vocabulary vocabulary) {
    if (n instanceof Node.Num) {
      return Type.NUMBER;
    }
    if (n instanceof Node.Bool) {
      return Type.BOOLEAN;
    }
    if (n instanceof Node.Ref r) {
      try {
        return Objects.requireNonNull(vocabulary.typeOf(r.ref()), "type");
      } catch (ExprException e) {
        throw e.offset() < 0 ? e.at(r.start()) : e;
      }
    }
    if (n instanceof Node.Group g) {
      try {
        vocabulary.checkGroup(g.function(), g.metric(), g.column());
      } catch (ExprException e) {
        throw e.offset() < 0 ? e.at(g.start()) : e;
      }
      return Type.NUMBER;
    }
    if (n instanceof Node.Unary u) {
      Type t = check(u.operand(), vocabulary);
      Type want = u.op().equals("!") ? Type.BOOLEAN : Type.NUMBER;
      if (t != want) {
        throw new ExprException(u.operand().start(), "'" + u.op() + "' needs " + want.describe() + ", but "
            + source(u.operand()) + " is " + t.describe(), hintFor(want));
      }
      return want;
    }
    if (n instanceof Node.Call c) {
      for (Node a : c.args()) {
        Type t = check(a, vocabulary);
        if (t != Type.NUMBER) {
          throw new ExprException(a.start(), c.function() + "(...) needs numbers, but " + source(a) + " is "
              + t.describe(), "");
        }
      }
      return Type.NUMBER;
    }
    Node.Binary b = (Node.Binary) n;
    Type l = check(b.left(), vocabulary);
    Type r = check(b.right(), vocabulary);
    switch (b.op()) {
      case "&&", "||" -> {
        requireType(b, b.left(), l, Type.BOOLEAN);
        requireType(b, b.right(), r, Type.BOOLEAN);
        return Type.BOOLEAN;
      }
      case "==", "!=" -> {
        literalInDomain(b.left(), b.right(), vocabulary);
        literalInDomain(b.right(), b.left(), vocabulary);
        if (l != r) {
          throw new ExprException(b.right().start(), "'" + b.op() + "' compares values of one type, but "
              + source(b.left()) + " is " + l.describe() + " and " + source(b.right()) + " is " + r.describe(), "");
        }
        return Type.BOOLEAN;
      }
      case "<", "<=", ">", ">=" -> {
        requireType(b, b.left(), l, Type.NUMBER);
        requireType(b, b.right(), r, Type.NUMBER);
        literalInDomain(b.left(), b.right(), vocabulary);
        literalInDomain(b.right(), b.left(), vocabulary);
        return Type.BOOLEAN;
      }
      default -> {
        requireType(b, b.left(), l, Type.NUMBER);
        requireType(b, b.right(), r, Type.NUMBER);
        return Type.NUMBER;
      }
    }
  }

  /**
   * A reference compared with a literal outside its domain ({@code score >= 15}, {@code auroc >= 7}) is a
   * typo for a value in it (15% for 0.15): the comparison would hold for every input or for none.
   */
  private static void literalInDomain(Node ref, Node literal, Vocabulary vocabulary) {
    double value;
    if (literal instanceof Node.Num n) {
      value = n.value();
    } else if (literal instanceof Node.Unary u && u.op().equals("-") && u.operand() instanceof Node.Num n) {
      value = -n.value();
    } else {
      return;
    }
    if (ref instanceof Node.Ref r) {
      java.util.Optional<dev.clinigate.Domain> d = vocabulary.domain(r.ref());
      if (d.isPresent() && (value < d.get().min() || value > d.get().max())) {
        throw new ExprException(literal.start(), r.ref().text() + " is compared with " + NumberText.plain(value)
            + ", outside its domain " + d.get().text(), "write the bound within " + d.get().text()
            + (d.get().isProbability() ? " (a proportion, not a percentage: 0.15 for 15%)" : ""));
      }
    }
  }

  private void requireType(Node.Binary b, Node side, Type actual, Type want) {
    if (actual != want) {
      String verb = want == Type.BOOLEAN ? " needs true/false on both sides" : (b.op().matches("[<>]=?")
          ? " compares numbers" : " needs numbers");
      throw new ExprException(side.start(), "'" + b.op() + "'" + verb + ", but " + source(side) + " is "
          + actual.describe(), hintFor(want));
    }
  }

  private static String hintFor(Type want) {
    return want == Type.BOOLEAN ? "compare a number with a bound, e.g. auroc >= 0.78" : "";
  }

  private String source(Node n) {
    return text.substring(n.start(), n.end()).strip();
  }

  // ---------------------------------------------------------------------------------------------------
  // evaluation

  /**
   * The outcome of evaluating a condition.
   *
   * @param result the value: true/false, or undefined
   * @param clauses every comparison whose sides are defined, explained with its observed values, in source
   *     order ({@code auroc 0.714 >= 0.78 is false})
   * @param undefined why the condition is undefined (each reason once, in source order); empty when defined
   */
  public record Evaluation(Value result, List<String> clauses, List<String> undefined) {
    /** Copies. */
    public Evaluation {
      Objects.requireNonNull(result, "result");
      clauses = List.copyOf(clauses);
      undefined = List.copyOf(undefined);
    }
  }

  /** Evaluates every clause against the resolver's values. */
  public Evaluation evaluate(Resolver resolver) {
    List<String> clauses = new ArrayList<>();
    Set<String> undefined = new LinkedHashSet<>();
    Value v = eval(root, resolver, clauses, undefined);
    return new Evaluation(v, clauses, new ArrayList<>(undefined));
  }

  private Value eval(Node n, Resolver r, List<String> clauses, Set<String> undefined) {
    if (n instanceof Node.Num x) {
      return Value.of(x.value());
    }
    if (n instanceof Node.Bool x) {
      return Value.of(x.value());
    }
    if (n instanceof Node.Ref x) {
      return note(r.value(x.ref()), undefined);
    }
    if (n instanceof Node.Group x) {
      return note(r.group(x.function(), x.metric(), x.column()), undefined);
    }
    if (n instanceof Node.Unary x) {
      Value v = eval(x.operand(), r, clauses, undefined);
      if (!v.defined()) {
        return v;
      }
      return x.op().equals("!") ? Value.of(!v.bool()) : Value.of(v.number() == 0.0 ? 0.0 : -v.number());
    }
    if (n instanceof Node.Call x) {
      List<Value> args = new ArrayList<>();
      for (Node a : x.args()) {
        args.add(eval(a, r, clauses, undefined));
      }
      for (Value a : args) {
        if (!a.defined()) {
          return a;
        }
      }
      double acc = args.get(0).number();
      for (Value a : args) {
        acc = switch (x.function()) {
          case "min" -> Math.min(acc, a.number());
          case "max" -> Math.max(acc, a.number());
          default -> Math.abs(a.number());
        };
      }
      return Value.of(acc);
    }
    Node.Binary b = (Node.Binary) n;
    Value l = eval(b.left(), r, clauses, undefined);
    Value rv = eval(b.right(), r, clauses, undefined);
    if (!l.defined()) {
      return l;
    }
    if (!rv.defined()) {
      return rv;
    }
    switch (b.op()) {
      case "&&" -> {
        return Value.of(l.bool() && rv.bool());
      }
      case "||" -> {
        return Value.of(l.bool() || rv.bool());
      }
      case "<", "<=", ">", ">=", "==", "!=" -> {
        boolean out = compare(b.op(), l, rv);
        clauses.add(side(b.left(), l, b.right()) + " " + b.op() + " " + side(b.right(), rv, b.left()) + " is " + out);
        return Value.of(out);
      }
      default -> {
        return arithmetic(b, l.number(), rv.number(), undefined);
      }
    }
  }

  private static Value note(Value v, Set<String> undefined) {
    if (!v.defined()) {
      undefined.add(v.text());
    }
    return v;
  }

  private static boolean compare(String op, Value l, Value r) {
    if (l.kind() == Value.Kind.BOOLEAN) {
      return op.equals("==") == (l.bool() == r.bool());
    }
    double a = l.number();
    double b = r.number();
    return switch (op) {
      case "<" -> a < b;
      case "<=" -> a <= b;
      case ">" -> a > b;
      case ">=" -> a >= b;
      case "==" -> a == b;
      default -> a != b;
    };
  }

  private Value arithmetic(Node.Binary b, double x, double y, Set<String> undefined) {
    BigDecimal a = new BigDecimal(ShortestDecimal.toString(x));
    BigDecimal c = new BigDecimal(ShortestDecimal.toString(y));
    BigDecimal out;
    switch (b.op()) {
      case "+" -> out = a.add(c);
      case "-" -> out = a.subtract(c);
      case "*" -> out = a.multiply(c);
      default -> {
        if (y == 0.0) {
          Value v = Value.undefined(source(b) + " divides by zero");
          undefined.add(v.text());
          return v;
        }
        out = a.divide(c, MathContext.DECIMAL64);
      }
    }
    double d = out.doubleValue();
    if (!Double.isFinite(d)) {
      Value v = Value.undefined(source(b) + " is too large to compute");
      undefined.add(v.text());
      return v;
    }
    return Value.of(d);
  }

  /**
   * One side of a comparison for an explanation: literals as written, references with their value
   * ({@code auroc 0.714}), computed expressions with {@code =} ({@code abs(a - b) = 0.115}).
   */
  private String side(Node node, Value v, Node other) {
    if (node instanceof Node.Num || node instanceof Node.Bool) {
      return source(node);
    }
    String value;
    if (v.kind() == Value.Kind.BOOLEAN) {
      value = Boolean.toString(v.bool());
    } else if (v.number() == Math.rint(v.number()) && Math.abs(v.number()) < 1e15) {
      value = NumberText.plain(v.number());
    } else if (other instanceof Node.Num lit) {
      value = Numbers.observed(v.number(), lit.value());
    } else {
      value = Numbers.observed(v.number());
    }
    String sep = node instanceof Node.Ref || node instanceof Node.Group ? " " : " = ";
    return source(node) + sep + value + (v.text().isEmpty() ? "" : " (" + v.text() + ")");
  }

  @Override
  public String toString() {
    return text;
  }
}
