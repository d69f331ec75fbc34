package dev.clinigate.internal.expr;

import dev.clinigate.internal.ShortestDecimal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser of the condition grammar:
 * <pre>
 * or      := and ('||' and)*
 * and     := not ('&amp;&amp;' not)*
 * not     := '!' not | cmp
 * cmp     := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)?
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := '-' unary | primary
 * primary := NUMBER | 'true' | 'false' | '(' or ')' | call | reference
 * call    := ('min' | 'max') '(' or (',' or)+ ')' | 'abs' '(' or ')' | ('worst' | 'best') '(' reference 'by' NAME ')'
 * reference := NAME ('@' NUMBER)? ('[' selector ']')? ('.' NAME)?
 * </pre>
 * Comparisons do not chain ({@code a < b < c} is an error). Nesting is bounded by {@link #MAX_DEPTH}.
 */
final class Parser {
  /** Deepest nesting of parentheses, calls and prefix operators. */
  static final int MAX_DEPTH = 32;
  private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");
  private static final Set<String> FUNCTIONS = Set.of("min", "max", "abs", "worst", "best");

  private final List<Token> tokens;
  private int pos;
  private int depth;

  private Parser(String text) {
    this.tokens = Lexer.lex(text);
  }

  static Node parse(String text) {
    Parser p = new Parser(text);
    if (p.peek().kind() == Token.Kind.EOF) {
      throw new ExprException(0, "the condition is empty", "write e.g. auroc >= 0.78");
    }
    Node n = p.or();
    Token t = p.peek();
    if (t.kind() != Token.Kind.EOF) {
      String hint = t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.NUMBER || t.is("(")
          ? "join conditions with && or ||" : "";
      throw new ExprException(t.start(), "unexpected " + describe(t) + " after a complete condition", hint);
    }
    return n;
  }

  private Node or() {
    Node left = and();
    while (peek().is("||")) {
      next();
      Node right = and();
      left = new Node.Binary("||", left, right, left.start(), right.end());
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (peek().is("&&")) {
      next();
      Node right = not();
      left = new Node.Binary("&&", left, right, left.start(), right.end());
    }
    return left;
  }

  private Node not() {
    if (peek().is("!")) {
      Token bang = next();
      enter(bang);
      Node operand = not();
      depth--;
      return new Node.Unary("!", operand, bang.start(), operand.end());
    }
    return cmp();
  }

  private Node cmp() {
    Node left = sum();
    Token t = peek();
    if (t.kind() == Token.Kind.OP && COMPARISONS.contains(t.text())) {
      next();
      Node right = sum();
      Token again = peek();
      if (again.kind() == Token.Kind.OP && COMPARISONS.contains(again.text())) {
        throw new ExprException(again.start(), "comparisons cannot be chained", "write a < b && b < c");
      }
      return new Node.Binary(t.text(), left, right, left.start(), right.end());
    }
    return left;
  }

  private Node sum() {
    Node left = product();
    while (peek().is("+") || peek().is("-")) {
      String op = next().text();
      Node right = product();
      left = new Node.Binary(op, left, right, left.start(), right.end());
    }
    return left;
  }

  private Node product() {
    Node left = unary();
    while (peek().is("*") || peek().is("/")) {
      String op = next().text();
      Node right = unary();
      left = new Node.Binary(op, left, right, left.start(), right.end());
    }
    return left;
  }

  private Node unary() {
    if (peek().is("-")) {
      Token minus = next();
      enter(minus);
      Node operand = unary();
      depth--;
      return new Node.Unary("-", operand, minus.start(), operand.end());
    }
    return primary();
  }

  /**
   * The value of a number literal. Design note: a literal is compared with evidence values as the exact
   * decimal it is, so it must be the decimal of a double (at most 17 significant digits, within the range
   * of doubles): then comparing the doubles is comparing the decimals, because evidence values are read
   * the same way. A literal that a double would change ({@code 1e-999999999} would become 0,
   * {@code 0.30000000000000001} would become 0.3, {@code 1e999} is infinite) is a policy error, never a
   * silently different bound.
   */
  private static double literal(Token t) {
    String text = t.text();
    BigDecimal exact;
    try {
      exact = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ExprException(t.start(), "number " + text + " is out of range", HINT_EXACT);
    }
    double v = Double.parseDouble(text);
    if (!Double.isFinite(v)) {
      throw new ExprException(t.start(), "number " + text + " is too large", HINT_EXACT);
    }
    if (new BigDecimal(ShortestDecimal.toString(v)).compareTo(exact) != 0) {
      throw new ExprException(t.start(), "number " + text + " cannot be compared exactly: it would be read as "
          + ShortestDecimal.toString(v), HINT_EXACT);
    }
    return v;
  }

  private static final String HINT_EXACT = "write a decimal of at most 15 significant digits, 0 or between 1e-300 and 1e300 "
      + "in magnitude, e.g. 0.05";

  private Node primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER -> {
        return new Node.Num(literal(t), t.start(), t.end());
      }
      case IDENT -> {
        if (t.text().equals("true") || t.text().equals("false")) {
          return new Node.Bool(t.text().equals("true"), t.start(), t.end());
        }
        if (peek().is("(")) {
          return call(t);
        }
        return reference(t);
      }
      case OP -> {
        if (t.is("(")) {
          enter(t);
          Node inner = or();
          Token close = expect(")", "')' to close the '(' at column " + (t.start() + 1) + " of the condition");
          depth--;
          return widen(inner, t.start(), close.end());
        }
        throw new ExprException(t.start(), "unexpected " + describe(t) + ", expected a value",
            "a value is a number, true/false, a metric such as auroc, or (...)");
      }
      case EOF -> throw new ExprException(t.start(), "the condition ends too early, expected a value",
          "complete the condition, e.g. auroc >= 0.78");
      default -> throw new ExprException(t.start(), "unexpected " + describe(t) + ", expected a value",
          "write a selector after a metric name, e.g. ece[site=east]");
    }
  }

  /** A parenthesised node spans its parentheses, so that explanations quote them. */
  private static Node widen(Node n, int start, int end) {
    if (n instanceof Node.Num x) {
      return new Node.Num(x.value(), start, end);
    }
    if (n instanceof Node.Bool x) {
      return new Node.Bool(x.value(), start, end);
    }
    if (n instanceof Node.Ref x) {
      return new Node.Ref(x.ref(), start, end);
    }
    if (n instanceof Node.Unary x) {
      return new Node.Unary(x.op(), x.operand(), start, end);
    }
    if (n instanceof Node.Binary x) {
      return new Node.Binary(x.op(), x.left(), x.right(), start, end);
    }
    if (n instanceof Node.Call x) {
      return new Node.Call(x.function(), x.args(), start, end);
    }
    Node.Group x = (Node.Group) n;
    return new Node.Group(x.function(), x.metric(), x.column(), start, end);
  }

  private Node call(Token name) {
    String fn = name.text();
    if (!FUNCTIONS.contains(fn)) {
      throw ExprException.unknownName(name.start(), "unknown function \"" + fn + "\"",
          "functions: min, max, abs, worst, best", fn);
    }
    Token open = next(); // '('
    enter(open);
    if (fn.equals("worst") || fn.equals("best")) {
      Token metric = next();
      if (metric.kind() != Token.Kind.IDENT) {
        throw new ExprException(metric.start(), fn + "(...) needs a metric, found " + describe(metric),
            "write " + fn + "(ece by site)");
      }
      Node.Ref ref = reference(metric);
      Token by = next();
      if (by.kind() != Token.Kind.IDENT || !by.text().equals("by")) {
        throw new ExprException(by.start(), "expected 'by' and a group column, found " + describe(by),
            "write " + fn + "(" + ref.ref().text() + " by site)");
      }
      Token column = next();
      if (column.kind() != Token.Kind.IDENT) {
        throw new ExprException(column.start(), "expected a group column after 'by', found " + describe(column),
            "write " + fn + "(" + ref.ref().text() + " by site)");
      }
      Token close = expect(")", "')' to close " + fn + "(");
      depth--;
      return new Node.Group(fn, ref.ref(), column.text(), name.start(), close.end());
    }
    List<Node> args = new ArrayList<>();
    args.add(or());
    while (peek().is(",")) {
      next();
      args.add(or());
    }
    Token close = expect(")", "')' to close " + fn + "(");
    depth--;
    if (fn.equals("abs") && args.size() != 1) {
      throw new ExprException(name.start(), "abs takes one argument, found " + args.size(), "write abs(x)");
    }
    if (!fn.equals("abs") && args.size() < 2) {
      throw new ExprException(name.start(), fn + " takes at least two arguments, found " + args.size(),
          "write " + fn + "(a, b)");
    }
    return new Node.Call(fn, List.copyOf(args), name.start(), close.end());
  }

  private Node.Ref reference(Token name) {
    if (FUNCTIONS.contains(name.text()) || name.text().equals("by")) {
      throw new ExprException(name.start(), "\"" + name.text() + "\" is a reserved word",
          name.text().equals("by") ? "'by' is only used inside worst(...) and best(...)"
              : "call it: " + name.text() + "(...)");
    }
    StringBuilder text = new StringBuilder(name.text());
    Optional<String> at = Optional.empty();
    Optional<String> selector = Optional.empty();
    Optional<String> qualifier = Optional.empty();
    int end = name.end();
    if (peek().is("@") && peek().start() == end) {
      next();
      Token num = next();
      if (num.kind() != Token.Kind.NUMBER || num.start() != end + 1) {
        throw new ExprException(num.start(), "expected a threshold right after '@', found " + describe(num),
            "write e.g. sensitivity@0.5");
      }
      at = Optional.of(num.text());
      text.append('@').append(num.text());
      end = num.end();
    }
    if (peek().kind() == Token.Kind.BRACKET && peek().start() == end) {
      Token b = next();
      selector = Optional.of(b.text().strip());
      text.append('[').append(b.text().strip()).append(']');
      end = b.end();
    }
    if (peek().is(".") && peek().start() == end) {
      next();
      Token q = next();
      if (q.kind() != Token.Kind.IDENT || q.start() != end + 1) {
        throw new ExprException(q.start(), "expected a name right after '.', found " + describe(q),
            "write e.g. auroc.lower95");
      }
      qualifier = Optional.of(q.text());
      text.append('.').append(q.text());
      end = q.end();
    }
    return new Node.Ref(new Reference(name.text(), at, selector, qualifier, text.toString()), name.start(), end);
  }

  private void enter(Token t) {
    depth++;
    if (depth > MAX_DEPTH) {
      throw new ExprException(t.start(), "the condition nests deeper than " + MAX_DEPTH + " levels",
          "simplify it, or split it into several gates");
    }
  }

  private Token expect(String op, String what) {
    Token t = next();
    if (!t.is(op)) {
      throw new ExprException(t.start(), "expected " + what + ", found " + describe(t), "");
    }
    return t;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Token.Kind.EOF) {
      pos++;
    }
    return t;
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "the end of the condition";
      case BRACKET -> "'[" + t.text() + "]'";
      default -> "'" + t.text() + "'";
    };
  }
}
