package dev.clinigate.reports.card.internal;

import dev.clinigate.NumberText;
import dev.clinigate.reports.internal.Html;

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

  /** Escapes text for HTML and XML element content and attribute values ({@link Html#esc}). */
  static String escapeXml(String s) {
    return Html.esc(s);
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
