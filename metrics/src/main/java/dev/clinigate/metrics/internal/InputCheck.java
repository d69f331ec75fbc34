package dev.clinigate.metrics.internal;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates prediction arrays up front and packs each valid case into a sort key
 * {@code doubleToRawLongBits(score) << 1 | label} in the same pass.
 *
 * <p>Design note (fail closed): every row is checked before anything is computed; the exception lists
 * the first {@value #MAX_LISTED} bad values (row = 0-based index + 1) and how many more there are, so
 * that a producer can fix them all in one go. A score is valid iff {@code 0 <= p <= 1} (NaN is not);
 * a label iff it is 0 or 1.
 */
public final class InputCheck {
  /** Bad values listed individually before the rest are summarised. */
  public static final int MAX_LISTED = 5;

  static final String LABEL_HINT = "labels must be 0 (negative) or 1 (positive)";
  static final String SCORE_HINT = "scores must be predicted probabilities in [0, 1]; fix the producer or rescale";

  private InputCheck() {}

  /** Collects problems for one input, listing the first few. */
  public static final class Problems {
    private final String source;
    private final List<Problem> listed = new ArrayList<>();
    private long more;
    private boolean labelHinted;
    private boolean scoreHinted;

    /** Problems of the input called {@code source}. */
    public Problems(String source) {
      this.source = source;
    }

    /** Records a bad label at 0-based index {@code index}. */
    public void badLabel(long index, String found) {
      if (listed.size() < MAX_LISTED) {
        listed.add(Problem.at(source, 0, 0, "label must be 0 or 1, found " + found + " (row " + (index + 1) + ")",
            labelHinted ? "" : LABEL_HINT));
        labelHinted = true;
      } else {
        more++;
      }
    }

    /** Records a bad score at 0-based index {@code index}. */
    public void badScore(long index, double found) {
      if (listed.size() < MAX_LISTED) {
        listed.add(Problem.at(source, 0, 0, "score must be within [0, 1], found " + dev.clinigate.json.Json.number(found) + " (row " + (index + 1)
            + ")", scoreHinted ? "" : SCORE_HINT));
        scoreHinted = true;
      } else {
        more++;
      }
    }

    /** Records any other problem. */
    public void other(String message, String hint) {
      if (listed.size() < MAX_LISTED) {
        listed.add(Problem.at(source, 0, 0, message, hint));
      } else {
        more++;
      }
    }

    /** Throws an {@link InputException} if any problem was recorded. */
    public void throwIfAny() {
      if (listed.isEmpty()) {
        return;
      }
      List<Problem> all = new ArrayList<>(listed);
      if (more > 0) {
        all.add(Problem.at(source, 0, 0, "and " + more + " more bad " + (more == 1 ? "value" : "values")
            + " not listed", ""));
      }
      throw new InputException(all);
    }
  }

  /** Checks lengths and emptiness. */
  public static void checkShape(int labels, int scores, String source) {
    if (labels != scores) {
      throw new InputException(Problem.at(source, 0, 0, "labels and scores must have the same length, found "
          + labels + " labels and " + scores + " scores", "pass one label and one score per case"));
    }
    if (labels == 0) {
      throw new InputException(Problem.at(source, 0, 0, "no rows: labels and scores are empty",
          "metrics need at least one case"));
    }
  }

  /** Validates and packs {@code int} labels and scores; throws {@link InputException} on bad input. */
  public static long[] pack(int[] labels, double[] scores, String source) {
    checkShape(labels.length, scores.length, source);
    int n = labels.length;
    long[] keys = new long[n];
    Problems problems = null;
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      double p = scores[i];
      if ((y & ~1) != 0 || !(p >= 0.0 && p <= 1.0)) {
        if (problems == null) {
          problems = new Problems(source);
        }
        if ((y & ~1) != 0) {
          problems.badLabel(i, Integer.toString(y));
        }
        if (!(p >= 0.0 && p <= 1.0)) {
          problems.badScore(i, p);
        }
        continue;
      }
      keys[i] = Double.doubleToRawLongBits(p + 0.0) << 1 | y;
    }
    if (problems != null) {
      problems.throwIfAny();
    }
    return keys;
  }

  /** Validates and packs {@code boolean} labels and scores; throws {@link InputException} on bad input. */
  public static long[] pack(boolean[] labels, double[] scores, String source) {
    checkShape(labels.length, scores.length, source);
    int n = labels.length;
    long[] keys = new long[n];
    Problems problems = null;
    for (int i = 0; i < n; i++) {
      double p = scores[i];
      if (!(p >= 0.0 && p <= 1.0)) {
        if (problems == null) {
          problems = new Problems(source);
        }
        problems.badScore(i, p);
        continue;
      }
      keys[i] = Double.doubleToRawLongBits(p + 0.0) << 1 | (labels[i] ? 1 : 0);
    }
    if (problems != null) {
      problems.throwIfAny();
    }
    return keys;
  }

  /** The labels of validated keys as 0/1 ints. */
  public static int[] labelsOf(long[] keys) {
    int[] y = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      y[i] = (int) (keys[i] & 1L);
    }
    return y;
  }
}
