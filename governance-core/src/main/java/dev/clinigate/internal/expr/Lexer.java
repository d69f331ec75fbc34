package dev.clinigate.internal.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits a condition into tokens. A bracket selector ({@code [site=east]}) is one token. */
final class Lexer {
  private static final String HINT = "a condition uses numbers, true/false, metric references, comparisons "
      + "(< <= > >= == !=), && || !, + - * / and min max abs worst best";

  private Lexer() {}

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
        while (i < n && isDigit(s.charAt(i))) {
          i++;
        }
        if (i < n && s.charAt(i) == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
          i++;
          while (i < n && isDigit(s.charAt(i))) {
            i++;
          }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
          int j = i + 1;
          if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
          }
          if (j < n && isDigit(s.charAt(j))) {
            i = j;
            while (i < n && isDigit(s.charAt(i))) {
              i++;
            }
          }
        }
        out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start, i));
        continue;
      }
      if (isLetter(c)) {
        while (i < n && (isLetter(s.charAt(i)) || isDigit(s.charAt(i)))) {
          i++;
        }
        out.add(new Token(Token.Kind.IDENT, s.substring(start, i), start, i));
        continue;
      }
      if (c == '[') {
        int close = s.indexOf(']', i + 1);
        int nested = s.indexOf('[', i + 1);
        if (close < 0) {
          throw new ExprException(i, "'[' is never closed", "write a selector such as ece[site=east]");
        }
        if (nested >= 0 && nested < close) {
          throw new ExprException(nested, "a selector cannot contain '['", "write a selector such as ece[site=east]");
        }
        out.add(new Token(Token.Kind.BRACKET, s.substring(i + 1, close), i, close + 1));
        i = close + 1;
        continue;
      }
      String two = i + 1 < n ? s.substring(i, i + 2) : "";
      if (two.equals("&&") || two.equals("||") || two.equals("<=") || two.equals(">=") || two.equals("==")
          || two.equals("!=")) {
        out.add(new Token(Token.Kind.OP, two, i, i + 2));
        i += 2;
        continue;
      }
      switch (c) {
        case '!', '<', '>', '+', '-', '*', '/', '(', ')', ',', '@', '.' -> {
          out.add(new Token(Token.Kind.OP, String.valueOf(c), i, i + 1));
          i++;
        }
        case '&' -> throw new ExprException(i, "unexpected '&'", "write && for \"and\"");
        case '|' -> throw new ExprException(i, "unexpected '|'", "write || for \"or\"");
        case '=' -> throw new ExprException(i, "unexpected '='", "write == to compare, or >= / <=");
        case ']' -> throw new ExprException(i, "unexpected ']'", "a selector is written ece[site=east]");
        default -> throw new ExprException(i, "unexpected character '" + new String(Character.toChars(s.codePointAt(i)))
            + "'", HINT);
      }
    }
    out.add(new Token(Token.Kind.EOF, "", n, n));
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
}
