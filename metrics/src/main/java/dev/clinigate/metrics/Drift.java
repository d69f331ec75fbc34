package dev.clinigate.metrics;

import dev.clinigate.metrics.internal.drift.DriftInputs;

/**
 * Front door for data drift: how far a current sample of a feature (e.g. last week's inputs) has
 * moved from its reference sample (e.g. the training data). Definitions are in DESIGN.md and on
 * {@link NumericDrift} and {@link CategoricalDrift}; every value is checked against numpy/scipy.
 *
 * <pre>{@code
 * NumericDrift glucose = Drift.numeric(trainingGlucose, currentGlucose);   // NaN = missing
 * glucose.psi();        // OptionalDouble[0.0712...]
 * glucose.ksPValue();   // OptionalDouble[3.1E-7]
 *
 * CategoricalDrift site = Drift.categorical(trainingSite, currentSite);     // null = missing
 * site.chi2PValue();
 *
 * DriftReport report = DriftReport.builder()
 *     .numeric("glucose", trainingGlucose, currentGlucose)
 *     .categorical("site", trainingSite, currentSite)
 *     .build();
 * System.out.println(Json.prettyInOrder(report.toJson()));
 * }</pre>
 *
 * <p>To compare many current samples against one reference, or to stream the current sample, build
 * a {@link DriftReference} once. All methods are thread-safe and deterministic.
 */
public final class Drift {
  /** PSI bins when none are given. */
  public static final int DEFAULT_BINS = 10;

  private Drift() {}

  /**
   * Drift of a numeric feature with {@value #DEFAULT_BINS} PSI bins.
   *
   * @param reference reference values, NaN for a missing value (not modified)
   * @param current current values, NaN for a missing value (not modified)
   * @throws dev.clinigate.InputException when the reference is empty or a value is infinite
   */
  public static NumericDrift numeric(double[] reference, double[] current) {
    return numeric(reference, current, DEFAULT_BINS);
  }

  /**
   * Drift of a numeric feature.
   *
   * @param reference reference values, NaN for a missing value (not modified)
   * @param current current values, NaN for a missing value (not modified)
   * @param bins PSI bins, within [2, 10000]
   * @throws dev.clinigate.InputException when the reference is empty or a value is infinite
   */
  public static NumericDrift numeric(double[] reference, double[] current, int bins) {
    return numeric(null, reference, current, bins);
  }

  static NumericDrift numeric(String feature, double[] reference, double[] current, int bins) {
    return DriftReference.Numeric.build(reference, bins, DriftReference.DEFAULT_CELLS_PER_BIN, feature)
        .compare(current, feature);
  }

  /**
   * Drift of a categorical feature.
   *
   * @param reference reference categories, null for a missing value
   * @param current current categories, null for a missing value
   * @throws dev.clinigate.InputException when the reference is empty
   */
  public static CategoricalDrift categorical(String[] reference, String[] current) {
    return categorical(null, reference, current);
  }

  static CategoricalDrift categorical(String feature, String[] reference, String[] current) {
    DriftInputs.categorical(reference, "reference", feature);
    DriftCategoryCounts c = DriftCategoryCounts.create();
    c.acceptAll(reference);
    return DriftReference.Categorical.of(c).compare(current, feature);
  }
}
