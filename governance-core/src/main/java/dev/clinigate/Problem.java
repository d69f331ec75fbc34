package dev.clinigate;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem found in an input (a policy, an evidence file, a data file), located as precisely as
 * the input allows.
 *
 * <p>Rendered in clinigate's one error format:
 * <pre>
 * ERROR: policy.yaml:12:36: unknown metric "aucroc"
 *     - {id: discrimination, metric: aucroc, min: 0.75}
 *                                    ^
 * hint: did you mean "auroc"?
 * </pre>
 * Line and column are 1-based; 0 means unknown. {@code path} is a JSON path such as
 * {@code $.spec.gates[2].metric} where the input is a document, or empty.
 *
 * <p>A problem about <em>data</em> (evidence, inferences, monitoring windows, CSV files) carries no source
 * line, since the line could hold a patient identifier or a secret; it names the JSON path instead, after
 * the location (unless the message names it already), and its message never quotes a string value of the
 * data (a number may be shown):
 * <pre>
 * ERROR: evidence.json:14:20: $.groups.site.east.metrics: metrics must be an object of metric values, found a string
 * </pre>
 *
 * @param source the name of the input (a file name as the user gave it), never null
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path JSON path of the offending element, or "" when not applicable
 * @param message what is wrong, one sentence without a trailing period
 * @param hint what to do about it, or "" when there is nothing useful to add
 * @param sourceLine the text of the offending line, or "" when unknown or when the input is data
 */
public record Problem(String source, int line, int column, String path, String message, String hint,
    String sourceLine) implements Comparable<Problem> {

  /** Validates and normalises the components. */
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    path = path == null ? "" : path;
    hint = hint == null ? "" : hint;
    sourceLine = sourceLine == null ? "" : sourceLine;
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0, found " + line + ":" + column);
    }
  }

  /** A problem with a location but no source excerpt. */
  public static Problem at(String source, int line, int column, String message, String hint) {
    return new Problem(source, line, column, "", message, hint, "");
  }

  /**
   * Describes a field of a data file (a CSV cell) for a message without quoting it: {@code an empty
   * field}, a decimal number as its value ({@code 1.7}: a number out of its domain may be shown), and
   * anything else as {@code text}, since text may be a patient identifier or a secret.
   * <pre>{@code
   * "score must be a probability within [0, 1], found " + Problem.describeField(raw)   // ... found text
   * }</pre>
   */
  public static String describeField(String raw) {
    if (raw.isEmpty()) {
      return "an empty field";
    }
    if (raw.length() <= 40 && raw.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      double d = Double.parseDouble(raw);
      if (Double.isFinite(d)) {
        return dev.clinigate.json.Json.number(d);
      }
    }
    return "text";
  }

  /** The location prefix, e.g. {@code policy.yaml:12:36} or {@code evidence.json} when unknown. */
  public String location() {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    return b.toString();
  }

  /**
   * Renders this problem in the documented multi-line format, without a trailing newline.
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("ERROR: ").append(location()).append(": ");
    if (!path.isEmpty() && (line == 0 || (sourceLine.isEmpty() && !path.equals("$"))) && !message.contains(path)) {
      b.append(path).append(": ");
    }
    b.append(message);
    if (!sourceLine.isEmpty()) {
      b.append('\n').append(sourceLine);
      if (column > 0) {
        b.append('\n');
        for (int i = 1; i < column && i <= sourceLine.length(); i++) {
          b.append(sourceLine.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        b.append('^');
      }
    }
    if (!hint.isEmpty()) {
      b.append('\n').append("hint: ").append(hint);
    }
    return b.toString();
  }

  /** Orders problems by source, line, column, then message, so that reports are deterministic. */
  @Override
  public int compareTo(Problem o) {
    int c = source.compareTo(o.source);
    if (c == 0) c = Integer.compare(line, o.line);
    if (c == 0) c = Integer.compare(column, o.column);
    if (c == 0) c = path.compareTo(o.path);
    if (c == 0) c = message.compareTo(o.message);
    return c;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s", render());
  }
}
