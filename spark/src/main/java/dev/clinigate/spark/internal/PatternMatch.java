package dev.clinigate.spark.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.api.java.UDF1;

/**
 * A contract {@code pattern} matched against a value's text with the contracts module's bounds: the
 * whole value must match; values longer than {@value #MAX_LENGTH} chars and matches that read more than
 * {@value #STEP_BUDGET} chars (catastrophic backtracking) or overflow the regex engine's stack are
 * "too costly" and count as not matching. Returns 0 (match), 1 (no match), 2 (too costly), null for
 * null.
 */
public final class PatternMatch implements UDF1<String, Integer> {
  private static final long serialVersionUID = 1L;
  static final int STEP_BUDGET = 100_000;
  static final int MAX_LENGTH = 10_000;

  private final String regex;
  private transient Matcher matcher;
  private transient Input input;

  /** A matcher of {@code regex}. */
  public PatternMatch(String regex) {
    this.regex = regex;
  }

  @Override
  public Integer call(String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_LENGTH) {
      return 2;
    }
    if (matcher == null) {
      input = new Input();
      matcher = Pattern.compile(regex).matcher(input);
    }
    input.set(value);
    try {
      matcher.reset(input);
      return matcher.matches() ? 0 : 1;
    } catch (BudgetExceeded | StackOverflowError e) {
      return 2;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("pattern step budget exceeded", null, false, false);
    }
  }

  /** A string that counts reads. */
  private static final class Input implements CharSequence {
    private String s = "";
    private int steps;

    void set(String value) {
      s = value;
      steps = 0;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if (++steps > STEP_BUDGET) {
        throw new BudgetExceeded();
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.substring(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
