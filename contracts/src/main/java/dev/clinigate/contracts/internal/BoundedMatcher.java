package dev.clinigate.contracts.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a contract's {@code pattern} against values with a bounded amount of work, so that a
 * pathological pattern (catastrophic backtracking, e.g. {@code (a+)+$}) cannot stall a check.
 *
 * <p>Design note: {@link java.util.regex} reads its input only through {@link CharSequence#charAt};
 * the matcher's input counts those reads and aborts a match after {@link #STEP_BUDGET} of them. Values
 * longer than {@link #MAX_LENGTH} chars are not matched at all. The reads are also counted over the whole
 * file: once a pattern has spent its file budget ({@link dev.clinigate.Limits#maxPatternSteps()}), every later
 * value is not matched, so a million rows cost at most that budget, not a million times the per-value one.
 * All three outcomes are reported as "too costly to match" and count as not matching (fail closed). A {@link StackOverflowError} from the
 * regex engine's recursion is treated the same way. Patterns of the common identifier shape are
 * matched by {@link SimplePattern} instead, in linear time.
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
  private final SimplePattern simple;

  private final long fileBudget;
  private long remaining;

  BoundedMatcher(Pattern pattern, long fileBudget) {
    this.matcher = pattern.matcher(input);
    this.simple = SimplePattern.compile(pattern.pattern());
    this.fileBudget = fileBudget;
    this.remaining = fileBudget;
  }

  /** Whether the file budget is spent (later values are not matched). */
  boolean budgetSpent() {
    return remaining <= 0;
  }

  /** The file budget this matcher started with. */
  long fileBudget() {
    return fileBudget;
  }

  Result matches(char[] b, int s, int e) {
    if (e - s > MAX_LENGTH) {
      return Result.TOO_COSTLY;
    }
    if (simple != null) {
      return simple.matches(b, s, e) ? Result.MATCH : Result.NO_MATCH; // linear: no budget needed
    }
    if (remaining <= 0) {
      return Result.TOO_COSTLY;
    }
    input.set(b, s, e, (int) Math.min(STEP_BUDGET, remaining));
    try {
      matcher.reset(input);
      return matcher.matches() ? Result.MATCH : Result.NO_MATCH;
    } catch (BudgetExceeded | StackOverflowError e2) {
      return Result.TOO_COSTLY;
    } finally {
      remaining -= Math.max(1, input.steps);
    }
  }

  /** A char range that counts reads. */
  private static final class Input implements CharSequence {
    private char[] b;
    private int s;
    private int len;
    private int steps;
    private int budget;

    void set(char[] b, int s, int e, int budget) {
      this.b = b;
      this.s = s;
      this.len = e - s;
      this.steps = 0;
      this.budget = budget;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      if (++steps > budget) {
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
