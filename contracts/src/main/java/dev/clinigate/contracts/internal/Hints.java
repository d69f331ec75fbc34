package dev.clinigate.contracts.internal;

import dev.clinigate.Suggest;
import java.util.Collection;

/** "Did you mean" hints for names (column names, contract keys), via core's {@link Suggest}. */
public final class Hints {
  private Hints() {}

  /**
   * {@code did you mean "x"?} for a known name close to {@code name}, else the list of known names, or
   * "" when there are none.
   */
  public static String didYouMean(String name, Collection<String> known) {
    return Suggest.hint(name, known, known.isEmpty() ? "" : "known names: " + String.join(", ", known));
  }

  /**
   * {@code did you mean "x"?} for a data file's header name close to {@code name}, else a count: a CSV
   * file without a header row has data in its first line, so the names are not listed.
   */
  public static String didYouMeanInHeader(String name, Collection<String> header) {
    return Suggest.hint(name, header, "the header has " + header.size() + (header.size() == 1 ? " column" : " columns")
        + "; check the name, and that the file's first line is its header");
  }
}
