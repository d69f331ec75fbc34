package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The drift of one feature between a reference sample (e.g. the training data) and a current sample
 * (e.g. last week's inputs): {@link NumericDrift} or {@link CategoricalDrift}.
 *
 * <p>A statistic that cannot be computed (e.g. every current value is missing) is empty, never 0 or
 * NaN, and {@link #undefinedReason()} says why; JSON renders it {@code null}.
 * <pre>{@code
 * FeatureDrift d = Drift.numeric(reference, current);
 * switch (d.type()) {
 *   case NUMERIC -> System.out.println(((NumericDrift) d).ks());
 *   case CATEGORICAL -> System.out.println(((CategoricalDrift) d).chi2PValue());
 * }
 * }</pre>
 */
public sealed interface FeatureDrift permits NumericDrift, CategoricalDrift {

  /** Whether a feature is compared as numbers or as categories. */
  enum Type {
    /** Numbers: PSI over reference quantile bins, KS, Wasserstein, Jensen-Shannon. */
    NUMERIC,
    /** Categories: PSI and Jensen-Shannon over category proportions, chi-square test. */
    CATEGORICAL
  }

  /** Numeric or categorical. */
  Type type();

  /** The reference sample's rows and missing values. */
  DriftSample reference();

  /** The current sample's rows and missing values. */
  DriftSample current();

  /** Population stability index; empty when undefined. */
  OptionalDouble psi();

  /** Jensen-Shannon distance (base 2, within [0, 1]); empty when undefined. */
  OptionalDouble jsDistance();

  /** The current sample's missing rate, {@code missing / rows}; empty when it has no rows. */
  default OptionalDouble missingRate() {
    return current().missingRate();
  }

  /** The reference sample's missing rate; empty when it has no rows. */
  default OptionalDouble referenceMissingRate() {
    return reference().missingRate();
  }

  /**
   * The exact value of a statistic; empty when it is undefined, was only bounded (see
   * {@link #bounds(DriftMethod)}), or does not apply to this type (KS of a categorical feature).
   */
  OptionalDouble value(DriftMethod method);

  /**
   * An interval containing the statistic: a single point when it is exact, a wider interval when it
   * was estimated from histograms; empty when undefined or not applicable.
   */
  Optional<DriftBounds> bounds(DriftMethod method);

  /** Why some statistics are undefined, e.g. "the current sample has no non-missing values". */
  Optional<String> undefinedReason();

  /** The counts per bin of both samples behind PSI, for plots; empty when not computed. */
  Optional<DriftBins> histogram();

  /** This feature's drift as a JSON object (keys documented on the implementing records). */
  JsonObject toJson();
}
