package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The drift of a categorical feature. Categories are the union of both samples' categories, sorted
 * by {@link String#compareTo}; a category unseen in the reference is a bin of its own.
 * <ul>
 *   <li>{@code psi}: {@code sum (c - r) ln(c / r)} over category proportions floored at 1e-4;
 *   <li>{@code jsDistance}: {@code scipy.spatial.distance.jensenshannon(r, c, base=2)} over the raw
 *       proportions;
 *   <li>{@code chi2}, {@code chi2Dof}, {@code chi2PValue}: Pearson's chi-square test of homogeneity
 *       on the 2 x K table of counts, as {@code scipy.stats.chi2_contingency(table, correction=False)}
 *       (one category: statistic 0, 0 degrees of freedom, p-value 1, as scipy).
 * </ul>
 * Missing values ({@code null}) are excluded and reported as the missing rate.
 *
 * <p>JSON ({@link #toJson()}): {@code psi}, {@code ks} (null), {@code wasserstein} (null),
 * {@code js_distance}, {@code missing_rate}, then {@code type} ("categorical"), {@code chi2},
 * {@code chi2_dof}, {@code chi2_p_value}, {@code reference_missing_rate}, {@code n_reference},
 * {@code n_current}, {@code categories} (their number), {@code unseen_categories} (the category
 * values new in the current sample: do not compute drift of a column whose values are PHI) and, when
 * applicable, {@code undefined_reason}.
 *
 * @param reference the reference sample's rows and missing values
 * @param current the current sample's rows and missing values
 * @param categories number of categories in either sample
 * @param psi population stability index, {@code >= 0}
 * @param jsDistance Jensen-Shannon distance, within [0, 1]
 * @param chi2 chi-square statistic, {@code >= 0}
 * @param chi2Dof degrees of freedom, categories - 1
 * @param chi2PValue p-value of the chi-square test, within [0, 1]
 * @param unseenCategories categories of the current sample absent from the reference, sorted (copied)
 * @param undefinedReason why the statistics are undefined; present exactly when {@code psi} is empty
 * @param histogram the categories' counts in both samples, for plots (in {@link DriftReport}'s JSON, not in
 *     {@link #toJson()})
 */
public record CategoricalDrift(
    DriftSample reference,
    DriftSample current,
    int categories,
    OptionalDouble psi,
    OptionalDouble jsDistance,
    OptionalDouble chi2,
    OptionalInt chi2Dof,
    OptionalDouble chi2PValue,
    List<String> unseenCategories,
    Optional<String> undefinedReason,
    Optional<DriftBins> histogram)
    implements FeatureDrift {

  /** Validates ranges, copies the list and checks the undefined reason's consistency. */
  public CategoricalDrift {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(psi, "psi");
    Objects.requireNonNull(jsDistance, "jsDistance");
    Objects.requireNonNull(chi2, "chi2");
    Objects.requireNonNull(chi2Dof, "chi2Dof");
    Objects.requireNonNull(chi2PValue, "chi2PValue");
    Objects.requireNonNull(undefinedReason, "undefinedReason");
    Objects.requireNonNull(histogram, "histogram");
    unseenCategories = List.copyOf(unseenCategories);
    if (categories < 0) {
      throw new IllegalArgumentException("categories must be >= 0, found " + categories);
    }
    NumericDrift.check("psi", psi, 0.0, Double.MAX_VALUE);
    NumericDrift.check("jsDistance", jsDistance, 0.0, 1.0);
    NumericDrift.check("chi2", chi2, 0.0, Double.MAX_VALUE);
    NumericDrift.check("chi2PValue", chi2PValue, 0.0, 1.0);
    if (chi2Dof.isPresent() && chi2Dof.getAsInt() != categories - 1) {
      throw new IllegalArgumentException(
          "chi2Dof must be categories - 1 = " + (categories - 1) + ", found " + chi2Dof.getAsInt());
    }
    if (psi.isEmpty() != undefinedReason.isPresent()) {
      throw new IllegalArgumentException("undefinedReason must be present exactly when psi is undefined");
    }
  }

  /** The drift without its histogram. */
  public CategoricalDrift(DriftSample reference, DriftSample current, int categories, OptionalDouble psi,
      OptionalDouble jsDistance, OptionalDouble chi2, OptionalInt chi2Dof, OptionalDouble chi2PValue,
      List<String> unseenCategories, Optional<String> undefinedReason) {
    this(reference, current, categories, psi, jsDistance, chi2, chi2Dof, chi2PValue, unseenCategories,
        undefinedReason, Optional.empty());
  }

  @Override
  public Type type() {
    return Type.CATEGORICAL;
  }

  @Override
  public OptionalDouble value(DriftMethod method) {
    return switch (method) {
      case PSI -> psi;
      case JS_DISTANCE -> jsDistance;
      case CHI2 -> chi2;
      case KS, WASSERSTEIN -> OptionalDouble.empty();
    };
  }

  @Override
  public Optional<DriftBounds> bounds(DriftMethod method) {
    return NumericDrift.point(value(method));
  }

  @Override
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("psi", NumericDrift.of(psi))
        .put("ks", JsonNull.INSTANCE)
        .put("wasserstein", JsonNull.INSTANCE)
        .put("js_distance", NumericDrift.of(jsDistance))
        .put("missing_rate", NumericDrift.of(missingRate()))
        .put("type", "categorical")
        .put("chi2", NumericDrift.of(chi2))
        .put("chi2_dof", chi2Dof.isPresent() ? JsonNumber.of((long) chi2Dof.getAsInt()) : JsonNull.INSTANCE)
        .put("chi2_p_value", NumericDrift.of(chi2PValue))
        .put("reference_missing_rate", NumericDrift.of(referenceMissingRate()))
        .put("n_reference", JsonNumber.of(reference.values()))
        .put("n_current", JsonNumber.of(current.values()))
        .put("categories", JsonNumber.of((long) categories))
        .put("unseen_categories", JsonArray.ofStrings(unseenCategories));
    undefinedReason.ifPresent(r -> b.put("undefined_reason", new JsonString(r)));
    return b.build();
  }
}
