package dev.clinigate.json;

import dev.clinigate.Problem;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON text together with where each value stood in it, so that errors about a value can
 * name {@code file:line:column} and quote the line.
 *
 * @param root the parsed value
 * @param source the name of the input, as used in error messages
 * @param text the input text
 * @param locations for every value, keyed by its JSON path ({@code $}, {@code $.metrics.auroc},
 *     {@code $.thresholds[0]}): its {@code {line, column}}, both 1-based
 */
public record JsonDocument(JsonValue root, String source, String text, Map<String, int[]> locations) {
  /** Validates the components. */
  public JsonDocument {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    locations = Map.copyOf(locations);
  }

  /** A document without source positions (for values built in Java). */
  public static JsonDocument of(JsonValue root, String source) {
    return new JsonDocument(root, source, "", Map.of());
  }

  /**
   * A problem about the value at {@code path}: located at its line and column when known, otherwise
   * named by its path.
   */
  public Problem problem(String path, String message, String hint) {
    int[] at = locations.get(path);
    if (at == null) {
      return new Problem(source, 0, 0, path, message, hint, "");
    }
    return new Problem(source, at[0], at[1], path, message, hint, line(at[0]));
  }

  private String line(int number) {
    int start = 0;
    for (int i = 1; i < number; i++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
    }
    int end = text.indexOf('\n', start);
    String line = end < 0 ? text.substring(start) : text.substring(start, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
