package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the rows that break one rule and remembers the first {@value Violation#MAX_ROWS} of them, plus
 * the first offending value (only where the caller may show it).
 */
final class Offenders {
  private final long[] first = new long[Violation.MAX_ROWS];
  private int kept;
  long count;
  /** The first offending value as text, or null (never set for a PHI column). */
  String example;
  /** The first offending value as a number, when numeric. */
  double exampleNumber = Double.NaN;

  /** Records an offending row; returns true when it is the first one. */
  boolean hit(long row) {
    if (kept < first.length) {
      first[kept++] = row;
    }
    return count++ == 0;
  }

  List<Long> rows() {
    List<Long> out = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      out.add(first[i]);
    }
    return out;
  }
}
