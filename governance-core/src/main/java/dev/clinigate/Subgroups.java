package dev.clinigate;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The subgroup columns a rule is evaluated over, and the smallest group it judges. A group below any of
 * the floors is {@link Status#INSUFFICIENT_DATA}, with the required size in the message.
 *
 * <ul>
 *   <li>{@code minGroupSize: 100}: a fixed number of cases.
 *   <li>{@code minGroupSize: {method: riley, ciWidth: 0.2}}: the number of cases at which the 95% interval of
 *       the O/E ratio has width {@code ciWidth} (about an O/E of 1), given the group's observed prevalence
 *       phi (Riley et al., Stat Med 2021;40:4230-51, criterion 1): SE = asinh(ciWidth / 2) / 1.959964 is the
 *       standard error of ln(O/E) that gives that width, and n = ceil((1 - phi) / (phi SE^2)). A group
 *       without events needs an unbounded n and is always below it.
 *   <li>{@code minEvents: 50}: a number of events (positives).
 * </ul>
 *
 * <p>{@code adjust: bonferroni|holm} on a rule with a confidence bound ({@code min} with
 * {@code bound: lower95}, or {@code max} with {@code bound: upper95}) makes the bounds simultaneous over the
 * rule's judged groups: each group's one-sided test of "the metric is beyond the limit" (z from the point
 * estimate and the standard error implied by its 95% interval, (upper95 - lower95) / (2 * 1.959964)) must
 * be rejected at 0.025 after Bonferroni's or Holm's adjustment over the k groups (= statsmodels
 * {@code multipletests(p, alpha=0.025, method='bonferroni'|'holm')}).
 *
 * <p>On a p-value metric ({@code spiegelhalter_p}) gated with {@code min: alpha}, {@code adjust:
 * bonferroni|holm|benjamini-hochberg} compares each group's adjusted p-value with alpha instead (the group
 * fails when its adjusted p-value is below alpha; statsmodels {@code method='bonferroni'|'holm'|'fdr_bh'}).
 *
 * @param by group columns, in the order results are reported (non-empty, distinct)
 * @param minGroupSize a fixed minimum number of cases; empty = none
 * @param rileyCiWidth the O/E interval width of Riley's criterion; empty = none
 * @param minEvents a minimum number of events; empty = none
 * @param adjust the multiplicity adjustment of confidence-bound gates over the groups; empty = none
 */
public record Subgroups(List<String> by, OptionalLong minGroupSize, OptionalDouble rileyCiWidth,
    OptionalLong minEvents, Optional<Adjustment> adjust) {

  /** Multiplicity adjustments of simultaneous bounds across a rule's groups. */
  public enum Adjustment {
    /** Bonferroni: each p-value times the number of groups. */
    BONFERRONI,
    /** Holm's step-down procedure. */
    HOLM,
    /** Benjamini and Hochberg's false discovery rate (p-value gates only; it gives no simultaneous bounds). */
    BENJAMINI_HOCHBERG;

    /** The YAML spelling: {@code bonferroni}, {@code holm}, {@code benjamini-hochberg}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name in messages: Bonferroni, Holm, Benjamini-Hochberg. */
    public String displayName() {
      return switch (this) {
        case BONFERRONI -> "Bonferroni";
        case HOLM -> "Holm";
        case BENJAMINI_HOCHBERG -> "Benjamini-Hochberg";
      };
    }

    /**
     * The adjusted p-values, as statsmodels {@code multipletests(p, method='bonferroni'|'holm'|'fdr_bh')}
     * gives them ({@code pvals_corrected}).
     */
    public double[] adjust(double[] p) {
      int k = p.length;
      double[] out = new double[k];
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
      switch (this) {
        case BONFERRONI -> {
          for (int i = 0; i < k; i++) {
            out[i] = Math.min(1.0, k * p[i]);
          }
        }
        case HOLM -> {
          double running = 0;
          for (int r = 0; r < k; r++) {
            running = Math.max(running, Math.min(1.0, (k - r) * p[order[r]]));
            out[order[r]] = running;
          }
        }
        case BENJAMINI_HOCHBERG -> {
          double running = 1.0;
          for (int r = k - 1; r >= 0; r--) {
            running = Math.min(running, Math.min(1.0, (double) k * p[order[r]] / (r + 1)));
            out[order[r]] = running;
          }
        }
        default -> throw new AssertionError(this);
      }
      return out;
    }
  }

  /** Validates and copies. */
  public Subgroups {
    by = List.copyOf(by);
    if (by.isEmpty()) {
      throw new IllegalArgumentException("by needs at least one group column");
    }
    if (new HashSet<>(by).size() != by.size()) {
      throw new IllegalArgumentException("by lists a group column twice: " + by);
    }
    if (minGroupSize.isPresent() && minGroupSize.getAsLong() < 1) {
      throw new IllegalArgumentException("minGroupSize must be at least 1, found " + minGroupSize.getAsLong());
    }
    if (minGroupSize.isPresent() && rileyCiWidth.isPresent()) {
      throw new IllegalArgumentException("minGroupSize is either a number or Riley's criterion, not both");
    }
    if (rileyCiWidth.isPresent() && !(rileyCiWidth.getAsDouble() > 0 && rileyCiWidth.getAsDouble() < 1e6)) {
      throw new IllegalArgumentException("ciWidth must be a positive number, found " + rileyCiWidth.getAsDouble());
    }
    if (minEvents.isPresent() && minEvents.getAsLong() < 1) {
      throw new IllegalArgumentException("minEvents must be at least 1, found " + minEvents.getAsLong());
    }
    java.util.Objects.requireNonNull(adjust, "adjust");
  }

  /** Columns with floors and no multiplicity adjustment. */
  public Subgroups(List<String> by, OptionalLong minGroupSize, OptionalDouble rileyCiWidth, OptionalLong minEvents) {
    this(by, minGroupSize, rileyCiWidth, minEvents, Optional.empty());
  }

  /** Columns with a fixed minimum group size (or none), without Riley's criterion or an events floor. */
  public Subgroups(List<String> by, OptionalLong minGroupSize) {
    this(by, minGroupSize, OptionalDouble.empty(), OptionalLong.empty(), Optional.empty());
  }

  /** Whether any floor applies. */
  public boolean hasFloor() {
    return minGroupSize.isPresent() || rileyCiWidth.isPresent() || minEvents.isPresent();
  }

  /**
   * Riley's minimum number of cases for a 95% O/E interval of width {@code ciWidth} at prevalence
   * {@code prevalence} in (0, 1]: ceil((1 - phi) / (phi SE^2)), SE = asinh(ciWidth / 2) / 1.959963984540054;
   * {@link Long#MAX_VALUE} when the prevalence is 0.
   */
  public static long rileyMinimumSize(double prevalence, double ciWidth) {
    if (!(prevalence > 0)) {
      return Long.MAX_VALUE;
    }
    double se = asinh(ciWidth / 2) / 1.959963984540054;
    double n = Math.ceil((1 - prevalence) / (prevalence * se * se));
    return n >= 9.0e18 ? Long.MAX_VALUE : Math.max(1L, (long) n);
  }

  private static double asinh(double x) {
    return Math.log(x + Math.sqrt(x * x + 1));
  }
}
