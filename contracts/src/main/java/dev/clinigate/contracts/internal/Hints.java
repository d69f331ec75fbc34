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
}
