package dev.clinigate.reports.card.internal;

import dev.clinigate.NumberText;

/** Text helpers shared by the card renderers. */
final class Text {
  private Text() {}

  /** Blank after removing white space (including no-break and other Unicode spaces) and invisible characters. */
  static boolean blank(String s) {
    return s == null || s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT);
  }

  /** A result as cards show it: three significant digits. */
  static String value(double v) {
    return NumberText.significant(v, 3);
  }

  /** Escapes text for HTML and XML element content and attribute values. */
  static String escapeXml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c == '\r') {
            b.append('\n');
          } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
            b.append('\uFFFD'); // not allowed in XML 1.0
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }

  /** Escapes text for XML element content: like {@link #escapeXml} but quotes stay as they are. */
  static String escapeContent(String s) {
    return escapeXml(s).replace("&quot;", "\"").replace("&#39;", "'");
  }

  /** One Markdown table cell: pipes escaped, line breaks as {@code <br>}. */
  static String cell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>");
  }
}
