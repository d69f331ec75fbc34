package dev.clinigate.contracts.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the shape of regular expression whose matching time can grow exponentially with the value's length:
 * a repeated group that itself contains a repetition ({@code (a+)+}, {@code (?:(?:a*)*)*b}, {@code (\d+,?)*}).
 * Contracts with such a pattern are refused when they load, so that checking a large file cannot stall.
 *
 * <p>Design note: the test is syntactic (star height above one, with {@code *}, {@code +} and {@code {n,}} as
 * unbounded repetition; a bounded {@code {n,m}} counts as unbounded when {@code m > 16}). It refuses some
 * patterns that would in fact be fast; those can always be rewritten without nesting (e.g. {@code (a+)+} as
 * {@code a+}). Overlapping alternatives under one repetition ({@code (a|a)*}) are not detected here; the per-file
 * work budget of {@link BoundedMatcher} bounds them.
 */
final class PatternSafety {
  private PatternSafety() {}

  /** The index (0-based) of the repetition that nests another, or -1 when the pattern has none. */
  static int nestedRepetition(String regex) {
    Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: contains an unbounded repetition
    boolean lastGroupHadRepetition = false; // the atom just closed was a group holding a repetition
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      boolean closedGroupWithRepetition = false;
      if (c == '\\') {
        i += 2;
      } else if (c == '[') {
        i = skipClass(regex, i);
      } else if (c == '(') {
        groups.push(new boolean[] {false});
        i++;
      } else if (c == ')') {
        boolean[] g = groups.isEmpty() ? new boolean[] {false} : groups.pop();
        closedGroupWithRepetition = g[0];
        if (g[0] && !groups.isEmpty()) {
          groups.peek()[0] = true;
        }
        i++;
      } else if (c == '*' || c == '+' || c == '{') {
        int end = i + 1;
        boolean unbounded = c != '{';
        if (c == '{') {
          int close = regex.indexOf('}', i);
          if (close < 0) {
            i++;
            lastGroupHadRepetition = false;
            continue;
          }
          unbounded = unboundedBraces(regex.substring(i + 1, close));
          end = close + 1;
        }
        if (unbounded) {
          if (lastGroupHadRepetition) {
            return i;
          }
          if (!groups.isEmpty()) {
            groups.peek()[0] = true;
          }
        }
        i = end;
        if (i < n && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
          i++; // lazy or possessive modifier
        }
        lastGroupHadRepetition = false;
        continue;
      } else {
        i++;
      }
      lastGroupHadRepetition = closedGroupWithRepetition;
    }
    return -1;
  }

  private static boolean unboundedBraces(String inner) {
    int comma = inner.indexOf(',');
    if (comma < 0) {
      return false;
    }
    String max = inner.substring(comma + 1).strip();
    if (max.isEmpty()) {
      return true;
    }
    try {
      return Integer.parseInt(max) > 16;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static int skipClass(String r, int open) {
    int i = open + 1;
    if (i < r.length() && r.charAt(i) == '^') {
      i++;
    }
    if (i < r.length() && r.charAt(i) == ']') {
      i++; // a leading ] is literal
    }
    int depth = 1;
    while (i < r.length() && depth > 0) {
      char c = r.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      i++;
    }
    return i;
  }
}
