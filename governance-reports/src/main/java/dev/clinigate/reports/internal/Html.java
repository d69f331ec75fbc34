package dev.clinigate.reports.internal;

import java.util.Locale;

/** HTML escaping and number formatting for the evidence report (always {@code Locale.ROOT}). */
public final class Html {
  private Html() {}

  /**
   * The text escaped for an HTML or XML element or a quoted attribute value: {@code & < > " '} become entities,
   * a carriage return becomes a newline, and the characters neither HTML nor XML 1.0 allow (controls other than
   * tab and newline, DEL, U+FFFE, U+FFFF) become U+FFFD. One escaper for every page and document this module
   * writes (the evidence report, model cards in HTML and CHAI XML).
   */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\r' -> b.append('\n');
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c == 0xFFFE || c == 0xFFFF) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A number with {@code decimals} decimals. */
  public static String fixed(double v, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.equals("-0") || s.matches("-0\\.0*") ? s.substring(1) : s;
  }

  /** A metric value for people: 3 decimals, or 3 significant digits below 0.01 (0.0042), "n/a" when NaN. */
  public static String metric(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v != 0 && Math.abs(v) < 0.01) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return fixed(v, 3);
  }

  /** A number to 4 significant digits without trailing zeros: 0.8105, 1.013, 0.02894, 1.2e-05 as 1.200e-05. */
  public static String significant(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-4 || a >= 1e7)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** A count with thousands separators: 12,345. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
