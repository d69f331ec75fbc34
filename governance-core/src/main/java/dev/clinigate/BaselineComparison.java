package dev.clinigate;

import java.util.Objects;

/**
 * Compares the candidate with a baseline model evaluated on the same cases: the candidate may be worse
 * than the baseline by at most {@code maxDrop} (absolute, in the metric's units; "worse" means lower for
 * metrics where higher is better, such as AUROC, and higher for error metrics such as ECE).
 *
 * @param baseline the baseline's name in the policy, e.g. {@code production}; evidence carries it as
 *     {@code baseline}
 * @param maxDrop the largest allowed worsening, &gt;= 0
 */
public record BaselineComparison(String baseline, double maxDrop) {
  /** Validates. */
  public BaselineComparison {
    Objects.requireNonNull(baseline, "baseline");
    if (!(maxDrop >= 0.0) || !Double.isFinite(maxDrop)) {
      throw new IllegalArgumentException("maxDrop must be a finite number >= 0, found " + maxDrop);
    }
  }
}
