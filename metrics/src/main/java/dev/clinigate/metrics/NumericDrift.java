package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The drift of a numeric feature. Definitions (DESIGN.md, checked against numpy/scipy):
 * <ul>
 *   <li>{@code psi}: bins from the reference's quantiles at k/B (numpy's linear method, duplicate
 *       edges dropped, a value equal to an edge in the upper bin), proportions floored at 1e-4,
 *       {@code sum (c - r) ln(c / r)};
 *   <li>{@code ks}: {@code sup |F_ref - F_cur|} (= {@code scipy.stats.ks_2samp(ref, cur).statistic}),
 *       and {@code ksPValue} its two-sided p-value as {@code ks_2samp}'s default {@code method='auto'}
 *       gives it (exact when both samples have at most 10,000 values, else scipy's asymptotic);
 *   <li>{@code wasserstein}: {@code integral |F_ref - F_cur| dx}
 *       (= {@code scipy.stats.wasserstein_distance(ref, cur)}), in the feature's unit;
 *   <li>{@code jsDistance}: {@code scipy.spatial.distance.jensenshannon(r, c, base=2)} over the PSI
 *       bins' raw (not floored) proportions.
 * </ul>
 * Missing values are excluded from all of them. When the current sample was streamed into a
 * {@link DriftHistogram}, KS and Wasserstein may be known only within {@link DriftBounds}: then
 * {@link #ks()} is empty, {@link #ksBounds()} holds the interval and there is no p-value.
 *
 * <p>JSON ({@link #toJson()}): {@code psi, ks, wasserstein, js_distance, missing_rate} first (the
 * {@code clinigate drift} contract), then {@code type} ("numeric"), {@code ks_p_value},
 * {@code reference_missing_rate}, {@code n_reference}, {@code n_current} (non-missing values used),
 * {@code bins} (PSI bins after dropping duplicate edges), and only when applicable
 * {@code ks_bounds}, {@code wasserstein_bounds} ({@code [lower, upper]}) and {@code undefined_reason}.
 *
 * @param reference the reference sample's rows and missing values
 * @param current the current sample's rows and missing values
 * @param bins number of PSI bins actually used (duplicate quantile edges merge bins), at least 1
 * @param psi population stability index, {@code >= 0}
 * @param jsDistance Jensen-Shannon distance, within [0, 1]
 * @param ks Kolmogorov-Smirnov statistic, within [0, 1], when known exactly
 * @param ksPValue two-sided p-value of the KS test, within [0, 1]
 * @param wasserstein 1-Wasserstein distance, {@code >= 0}, when known exactly
 * @param ksBounds an interval holding the KS statistic when it is not known exactly
 * @param wassersteinBounds an interval holding the Wasserstein distance when it is not known exactly
 * @param undefinedReason why the statistics are undefined; present exactly when {@code psi} is empty
 * @param histogram the PSI bins' counts of both samples, for plots (in {@link DriftReport}'s JSON, not in
 *     {@link #toJson()})
 */
public record NumericDrift(
    DriftSample reference,
    DriftSample current,
    int bins,
    OptionalDouble psi,
    OptionalDouble jsDistance,
    OptionalDouble ks,
    OptionalDouble ksPValue,
    OptionalDouble wasserstein,
    Optional<DriftBounds> ksBounds,
    Optional<DriftBounds> wassersteinBounds,
    Optional<String> undefinedReason,
    Optional<DriftBins> histogram)
    implements FeatureDrift {

  /** Validates ranges and the consistency of exact values, bounds and the undefined reason. */
  public NumericDrift {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(psi, "psi");
    Objects.requireNonNull(jsDistance, "jsDistance");
    Objects.requireNonNull(ks, "ks");
    Objects.requireNonNull(ksPValue, "ksPValue");
    Objects.requireNonNull(wasserstein, "wasserstein");
    Objects.requireNonNull(ksBounds, "ksBounds");
    Objects.requireNonNull(wassersteinBounds, "wassersteinBounds");
    Objects.requireNonNull(undefinedReason, "undefinedReason");
    Objects.requireNonNull(histogram, "histogram");
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, found " + bins);
    }
    check("psi", psi, 0.0, Double.MAX_VALUE);
    check("jsDistance", jsDistance, 0.0, 1.0);
    check("ks", ks, 0.0, 1.0);
    check("ksPValue", ksPValue, 0.0, 1.0);
    check("wasserstein", wasserstein, 0.0, Double.MAX_VALUE);
    if (ks.isPresent() && ksBounds.isPresent() || wasserstein.isPresent() && wassersteinBounds.isPresent()) {
      throw new IllegalArgumentException("a statistic is either exact or bounded, not both");
    }
    if (ksPValue.isPresent() && ks.isEmpty()) {
      throw new IllegalArgumentException("a KS p-value needs the exact KS statistic");
    }
    if (psi.isEmpty() != undefinedReason.isPresent()) {
      throw new IllegalArgumentException("undefinedReason must be present exactly when psi is undefined");
    }
  }

  /** The drift without its histogram. */
  public NumericDrift(DriftSample reference, DriftSample current, int bins, OptionalDouble psi, OptionalDouble jsDistance,
      OptionalDouble ks, OptionalDouble ksPValue, OptionalDouble wasserstein, Optional<DriftBounds> ksBounds,
      Optional<DriftBounds> wassersteinBounds, Optional<String> undefinedReason) {
    this(reference, current, bins, psi, jsDistance, ks, ksPValue, wasserstein, ksBounds, wassersteinBounds,
        undefinedReason, Optional.empty());
  }

  static void check(String name, OptionalDouble v, double lo, double hi) {
    if (v.isPresent() && !(v.getAsDouble() >= lo && v.getAsDouble() <= hi)) {
      throw new IllegalArgumentException(name + " must be within [" + lo + ", " + hi + "], found " + v.getAsDouble());
    }
  }

  @Override
  public Type type() {
    return Type.NUMERIC;
  }

  @Override
  public OptionalDouble value(DriftMethod method) {
    return switch (method) {
      case PSI -> psi;
      case KS -> ks;
      case WASSERSTEIN -> wasserstein;
      case JS_DISTANCE -> jsDistance;
      case CHI2 -> OptionalDouble.empty();
    };
  }

  @Override
  public Optional<DriftBounds> bounds(DriftMethod method) {
    return switch (method) {
      case KS -> ks.isPresent() ? point(ks) : ksBounds;
      case WASSERSTEIN -> wasserstein.isPresent() ? point(wasserstein) : wassersteinBounds;
      default -> point(value(method));
    };
  }

  static Optional<DriftBounds> point(OptionalDouble v) {
    return v.isPresent() ? Optional.of(new DriftBounds(v.getAsDouble(), v.getAsDouble())) : Optional.empty();
  }

  @Override
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("psi", of(psi))
        .put("ks", of(ks))
        .put("wasserstein", of(wasserstein))
        .put("js_distance", of(jsDistance))
        .put("missing_rate", of(missingRate()))
        .put("type", "numeric")
        .put("ks_p_value", of(ksPValue))
        .put("reference_missing_rate", of(referenceMissingRate()))
        .put("n_reference", JsonNumber.of(reference.values()))
        .put("n_current", JsonNumber.of(current.values()))
        .put("bins", JsonNumber.of((long) bins));
    ksBounds.ifPresent(x -> b.put("ks_bounds", of(x)));
    wassersteinBounds.ifPresent(x -> b.put("wasserstein_bounds", of(x)));
    undefinedReason.ifPresent(r -> b.put("undefined_reason", new JsonString(r)));
    return b.build();
  }

  static JsonValue of(OptionalDouble v) {
    return v.isPresent() ? JsonValue.of(v.getAsDouble()) : JsonNull.INSTANCE;
  }

  static JsonValue of(DriftBounds x) {
    return JsonArray.of(JsonValue.of(x.lower()), JsonValue.of(x.upper()));
  }
}
