package dev.clinigate.contracts;

import dev.clinigate.contracts.internal.Fmt;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one-pass profile of one data column.
 *
 * <p>Values are shown only for columns the contract declares and does not mark {@code phi: true}: for
 * PHI columns and for columns the contract does not declare (which might hold anything), {@code min},
 * {@code max} and {@code mean} are always empty, and the record refuses to be built otherwise.
 *
 * @param name the column name
 * @param type the declared type, or empty for a column the contract does not declare
 * @param phi whether the contract marks the column {@code phi: true}
 * @param rows the number of rows seen
 * @param missing how many of them were missing (a missing token, a sentinel, or NaN/null from a host)
 * @param invalid how many non-missing values were not of the declared type
 * @param min the smallest valid value (numbers; dates as days since 1970-01-01; timestamps as
 *     milliseconds since 1970-01-01T00:00:00Z), if any and shown
 * @param max the largest valid value, in the same units, if any and shown
 * @param mean the mean of the valid values of a numeric column, if any and shown
 * @param distinct the number of distinct valid values, counted up to a cap
 * @param distinctExact false when the cap was reached and {@code distinct} is a lower bound
 * @param drift the drift of the column against the reference, as the metrics module reports it, with
 *     the contract's {@code method}, {@code value} and {@code max}; empty without a drift rule
 */
public record ColumnProfile(String name, Optional<Feature.Type> type, boolean phi, long rows, long missing,
    long invalid, OptionalDouble min, OptionalDouble max, OptionalDouble mean, long distinct, boolean distinctExact,
    Optional<JsonObject> drift) {

  /** Validates the counts and the PHI invariant. */
  public ColumnProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(drift, "drift");
    if (rows < 0 || missing < 0 || invalid < 0 || distinct < 0 || missing + invalid > rows) {
      throw new IllegalArgumentException("inconsistent counts for column " + name + ": rows " + rows + ", missing "
          + missing + ", invalid " + invalid + ", distinct " + distinct);
    }
    if ((type.isEmpty() || phi) && (min.isPresent() || max.isPresent() || mean.isPresent() || drift.isPresent())) {
      throw new IllegalArgumentException("column " + name + " may not show values: it is "
          + (phi ? "phi" : "not declared in the contract"));
    }
  }

  /** Whether the contract declares the column. */
  public boolean declared() {
    return type.isPresent();
  }

  /** missing / rows, or empty when there are no rows. */
  public OptionalDouble missingRate() {
    return rows == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) missing / rows);
  }

  /**
   * {@code {"type", "phi", "rows", "missing", "missing_rate", "invalid", "min", "max", "mean", "distinct",
   * "distinct_exact"[, "drift"]}}; {@code type} is {@code "undeclared"} for a column the contract does
   * not declare; dates and timestamps render as ISO-8601 text.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("type", type.map(Feature.Type::yamlName).orElse("undeclared"))
        .put("phi", phi)
        .put("rows", rows)
        .put("missing", missing)
        .put("missing_rate", missingRate().isPresent() ? JsonValue.of(missingRate().getAsDouble()) : JsonNull.INSTANCE)
        .put("invalid", invalid)
        .put("min", render(min))
        .put("max", render(max))
        .put("mean", mean.isPresent() ? JsonValue.of(mean.getAsDouble()) : JsonNull.INSTANCE)
        .put("distinct", distinct)
        .put("distinct_exact", distinctExact);
    drift.ifPresent(d -> b.put("drift", d));
    return b.build();
  }

  private JsonValue render(OptionalDouble v) {
    if (v.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    return render(v.getAsDouble());
  }

  private JsonValue render(double v) {
    Feature.Type t = type.orElseThrow();
    switch (t) {
      case DATE:
        return new JsonString(Fmt.date((long) v));
      case TIMESTAMP:
        return new JsonString(Fmt.timestamp((long) v));
      case INTEGER:
        return Fmt.json(v);
      default:
        return JsonValue.of(v);
    }
  }

  /** {@code min}/{@code max} as text for reports: ISO dates, or numbers to four significant digits. */
  String text(OptionalDouble v) {
    if (v.isEmpty()) {
      return "";
    }
    Feature.Type t = type.orElseThrow();
    if (t == Feature.Type.DATE || t == Feature.Type.TIMESTAMP) {
      return ((JsonString) render(v.getAsDouble())).value();
    }
    return Fmt.value(v.getAsDouble());
  }
}
