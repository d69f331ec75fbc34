package dev.clinigate.json;

import dev.clinigate.Problem;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON text together with where each value stood in it, so that errors about a value can
 * name {@code file:line:column} and its JSON path.
 *
 * <p>Design note: a policy document keeps its text, so that an error quotes the offending line with a
 * caret under the column. A <em>data</em> document (evidence, an inference, a monitoring window, a data
 * profile: anything that may hold patient identifiers or secrets) keeps no text: {@link Json#parse} and
 * {@link #asData()} return such documents, and their problems name file, line, column and JSON path but
 * never quote a line of the data.
 *
 * @param root the parsed value
 * @param source the name of the input, as used in error messages
 * @param text the input text, or {@code ""} for a data document (whose lines are never quoted)
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
   * The same document without its text, so that no problem about it quotes a line of it: what every
   * loader of data (evidence, inferences, windows) works on, whatever syntax the data came in.
   */
  public JsonDocument asData() {
    return text.isEmpty() ? this : new JsonDocument(root, source, "", locations);
  }

  /**
   * A problem about the value at {@code path}: located at its line and column when known, and named by
   * its path; a policy document also quotes the line.
   */
  public Problem problem(String path, String message, String hint) {
    int[] at = locations.get(path);
    if (at == null) {
      return new Problem(source, 0, 0, path, message, hint, "");
    }
    return new Problem(source, at[0], at[1], path, message, hint, text.isEmpty() ? "" : line(at[0]));
  }

  /**
   * A problem about the member {@code key} of the object at {@code objectPath} that does not name the
   * member (an unknown or repeated key of data may be anything, a patient identifier included): located at
   * the member's line and column, named by the object's path.
   */
  public Problem memberProblem(String objectPath, String key, String message, String hint) {
    Problem p = problem(Json.childPath(objectPath, key), message, hint);
    return new Problem(p.source(), p.line(), p.column(), objectPath, message, hint, p.sourceLine());
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
