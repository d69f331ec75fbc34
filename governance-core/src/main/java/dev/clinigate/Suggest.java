package dev.clinigate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions for misspelled names. */
public final class Suggest {
  private Suggest() {}

  /**
   * The candidate closest to {@code input} by edit distance, when it is close enough to be a likely
   * typo (distance at most a third of the longer name, and at most 3); ties go to the first candidate.
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    String in = input.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(in, c.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int limit = Math.min(3, Math.max(1, Math.max(input.length(), best.length()) / 3));
    return bestD <= limit && bestD > 0 ? Optional.of(best) : Optional.empty();
  }

  /** A hint "did you mean "x"?" or the fallback when nothing is close. */
  public static String hint(String input, Collection<String> candidates, String fallback) {
    return closest(input, candidates).map(s -> "did you mean \"" + s + "\"?").orElse(fallback);
  }

  /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
