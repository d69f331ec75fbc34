package dev.clinigate.contracts.internal;

/**
 * Allocation-free parsing of decimal numbers from a char range.
 *
 * <p>Design note: the accepted syntax is {@code [+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?} with
 * at least one mantissa digit and no whitespace; "NaN", "Infinity", hex and Java's {@code d}/{@code f}
 * suffixes are not numbers. Results equal {@link Double#parseDouble(String)} exactly: when the
 * significand has at most 18 digits, fits in 2^53 and the decimal exponent is within [-22, 22], one
 * correctly rounded IEEE multiplication or division by an exact power of ten gives the correctly
 * rounded value (Clinger's fast path); every other input falls back to {@code Double.parseDouble}.
 * A value that overflows to infinity is not a finite number and parses to NaN. Short plain decimals
 * (the bulk of clinical data) take a shorter path without exponent or significance bookkeeping.
 */
public final class Numbers {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long MAX_EXACT = 1L << 53;

  private Numbers() {}

  /** The finite double written in {@code b[off, end)}, or NaN if the text is not a finite decimal number. */
  public static double parseDouble(char[] b, int off, int end) {
    if (end - off <= 17) {
      double v = parseShort(b, off, end);
      if (v == v) {
        return v;
      }
    }
    return parseGeneral(b, off, end);
  }

  /**
   * The common case without bookkeeping: at most 17 chars, so at most 17 digits and the significand
   * cannot overflow a long. Returns NaN when the text is not {@code [+-]?digits[.digits]} with a
   * significand up to 2^53 and at most 22 fraction digits; the general parser then decides.
   */
  private static double parseShort(char[] b, int off, int end) {
    int i = off;
    if (i == end) {
      return Double.NaN;
    }
    char c = b[i];
    boolean negative = c == '-';
    if (negative || c == '+') {
      i++;
    }
    long mantissa = 0;
    int start = i;
    int d;
    while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      i++;
    }
    int intDigits = i - start;
    int fraction = 0;
    if (i < end && b[i] == '.') {
      i++;
      int f = i;
      while (i < end && (d = b[i] - '0') >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        i++;
      }
      fraction = i - f;
    }
    if (i != end || intDigits + fraction == 0 || mantissa > MAX_EXACT) {
      return Double.NaN;
    }
    double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
    return negative ? -v : v;
  }

  private static double parseGeneral(char[] b, int off, int end) {
    int i = off;
    if (i >= end) {
      return Double.NaN;
    }
    boolean negative = false;
    char c = b[i];
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int exp10 = 0;
    boolean truncated = false;
    int digits = 0;
    while (i < end && (c = b[i]) >= '0' && c <= '9') {
      digits++;
      if (significant < 18) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        exp10++;
        truncated |= c != '0';
      }
      i++;
    }
    if (i < end && b[i] == '.') {
      i++;
      while (i < end && (c = b[i]) >= '0' && c <= '9') {
        digits++;
        if (significant < 18) {
          mantissa = mantissa * 10 + (c - '0');
          exp10--;
          if (mantissa != 0) {
            significant++;
          }
        } else {
          truncated |= c != '0';
        }
        i++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < end && ((c = b[i]) == 'e' || c == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < end && ((c = b[i]) == '-' || c == '+')) {
        expNegative = c == '-';
        i++;
      }
      int expDigits = 0;
      int exp = 0;
      while (i < end && (c = b[i]) >= '0' && c <= '9') {
        if (exp < 100_000) {
          exp = exp * 10 + (c - '0');
        }
        expDigits++;
        i++;
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      exp10 += expNegative ? -exp : exp;
    }
    if (i != end) {
      return Double.NaN;
    }
    double v;
    if (!truncated && mantissa <= MAX_EXACT && exp10 >= -22 && exp10 <= 22) {
      v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
    } else if (mantissa == 0 && !truncated) {
      v = 0.0;
    } else {
      // the sign is applied below, once (abs also turns -0.0 from an underflow into 0.0)
      v = Math.abs(Double.parseDouble(new String(b, off, end - off)));
    }
    if (!Double.isFinite(v)) {
      return Double.NaN;
    }
    return negative ? -v : v;
  }

  /** Whether {@code b[off, end)} is an integer literal: {@code [+-]? [0-9]+}. */
  public static boolean isInteger(char[] b, int off, int end) {
    int i = off;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    if (i >= end) {
      return false;
    }
    for (; i < end; i++) {
      char c = b[i];
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses a whole string with {@link #parseDouble(char[], int, int)}. */
  public static double parseDouble(String s) {
    return parseDouble(s.toCharArray(), 0, s.length());
  }
}
