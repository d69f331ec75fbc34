package dev.clinigate.dsl.internal;

import dev.clinigate.Problem;
import dev.clinigate.json.JsonDocument;

/** Locates a problem inside a condition string at the file column of the offending character. */
final class ConditionLocator {
  private ConditionLocator() {}

  /**
   * The scalar's column plus one for an opening quote plus the offset, when the condition stands on that
   * line as written (no escapes before the offset); else the scalar itself.
   */
  static Problem locate(JsonDocument doc, String path, String text, int offset, String message, String hint) {
    Problem at = doc.problem(path, "in when: " + message, hint);
    if (at.line() == 0 || at.sourceLine().isEmpty()) {
      return at;
    }
    String line = at.sourceLine();
    int start = at.column() - 1;
    if (start < line.length() && (line.charAt(start) == '"' || line.charAt(start) == '\'')) {
      start++;
    }
    int off = Math.min(Math.max(0, offset), text.length());
    if (start >= 0 && line.startsWith(text.substring(0, off), start)) {
      return new Problem(doc.source(), at.line(), start + off + 1, at.path(), at.message(), at.hint(), line);
    }
    return at;
  }
}
