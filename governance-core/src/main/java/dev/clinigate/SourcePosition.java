package dev.clinigate;

import java.util.Objects;

/**
 * Where something of a policy is written: the source name (the file as the policy was loaded, e.g.
 * {@code samples/high-risk/base.yaml} for a rule inherited through {@code extends}), 1-based line and column.
 *
 * @param source the source name, as in error locations
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(String source, int line, int column) {
  /** Validates. */
  public SourcePosition {
    Objects.requireNonNull(source, "source");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column start at 1, found " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
