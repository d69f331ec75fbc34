package dev.clinigate.contracts.internal;

import java.util.Collection;

/** "Did you mean" hints for names (column names, contract keys). */
public final class Hints {
  private Hints() {}

  /**
   * {@code did you mean "x"?} for the known name closest to {@code name}, or a list of the known names
   * when none is close, or "" when there are none.
   */
  public static String didYouMean(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
      return "did you mean \"" + best + "\"?";
    }
    if (known.isEmpty()) {
      return "";
    }
    return "known names: " + String.join(", ", known);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
