package dev.clinigate.contracts.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a contract's {@code pattern} against values with a bounded amount of work, so that a
 * pathological pattern (catastrophic backtracking, e.g. {@code (a+)+$}) cannot stall a check.
 *
 * <p>Design note: {@link java.util.regex} reads its input only through {@link CharSequence#charAt};
 * the matcher's input counts those reads and aborts a match after {@link #STEP_BUDGET} of them. Values
 * longer than {@link #MAX_LENGTH} chars are not matched at all. Both outcomes are reported as "too
 * costly to match" and count as not matching (fail closed). A {@link StackOverflowError} from the
 * regex engine's recursion is treated the same way.
 */
final class BoundedMatcher {
  /** Most {@code charAt} calls spent on one value. */
  static final int STEP_BUDGET = 100_000;
  /** Longest value a pattern is matched against. */
  static final int MAX_LENGTH = 10_000;

  /** The outcome of one match. */
  enum Result { MATCH, NO_MATCH, TOO_COSTLY }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("pattern step budget exceeded", null, false, false);
    }
  }

  private static final BudgetExceeded EXCEEDED = new BudgetExceeded();

  private final Input input = new Input();
  private final Matcher matcher;

  BoundedMatcher(Pattern pattern) {
    this.matcher = pattern.matcher(input);
  }

  Result matches(char[] b, int s, int e) {
    if (e - s > MAX_LENGTH) {
      return Result.TOO_COSTLY;
    }
    input.set(b, s, e);
    try {
      matcher.reset(input);
      return matcher.matches() ? Result.MATCH : Result.NO_MATCH;
    } catch (BudgetExceeded | StackOverflowError e2) {
      return Result.TOO_COSTLY;
    }
  }

  /** A char range that counts reads. */
  private static final class Input implements CharSequence {
    private char[] b;
    private int s;
    private int len;
    private int steps;

    void set(char[] b, int s, int e) {
      this.b = b;
      this.s = s;
      this.len = e - s;
      this.steps = 0;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      if (++steps > STEP_BUDGET) {
        throw EXCEEDED;
      }
      if (index < 0 || index >= len) {
        throw new IndexOutOfBoundsException(index);
      }
      return b[s + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(b, s + start, end - start);
    }

    @Override
    public String toString() {
      return new String(b, s, len);
    }
  }
}
