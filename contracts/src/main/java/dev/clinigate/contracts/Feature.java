package dev.clinigate.contracts;

import dev.clinigate.metrics.DriftMethod;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One feature (column) of a {@link DataContract}: what its values must look like and how it may be
 * used.
 *
 * <pre>{@code
 * - {name: creatinine, type: number, unit: mg/dL, range: [0.1, 20], maxMissing: 0.05,
 *    drift: {method: psi, max: 0.2}}
 * }</pre>
 *
 * @param name the column name, as in the data's header
 * @param type the declared type of every non-missing value ({@link Type#STRING} when the YAML omits it:
 *     any text)
 * @param required whether the column must be present in the data (default true)
 * @param maxMissing the largest allowed rate of missing values in [0, 1]; {@code nullable: false} is
 *     0; empty when missing values are not limited
 * @param range the inclusive bounds of numeric values, if any
 * @param unit the unit of the values, free text used in messages (e.g. {@code mg/dL}), if any
 * @param allowed the allowed values (compared as numbers for numeric types, as text otherwise); empty
 *     when any value of the type is allowed
 * @param pattern a regular expression every non-missing value must match entirely, if any
 * @param unique whether non-missing values must be pairwise distinct
 * @param phi whether the column holds protected health information: its values never appear in any
 *     message, report, profile or log, and it may not be a model input
 * @param allowedAtInference whether the feature may be a model input (default true)
 * @param availableAt when the value becomes known (default {@link Availability#BEFORE_PREDICTION}); a
 *     feature known only after the outcome must not be a model input (leakage)
 * @param drift the drift bound against a reference, if any
 * @param maxMissingBy a per-subgroup bound on the missing rate, if any
 * @param missingValues tokens that mean "missing" for this feature, on top of the contract's global
 *     tokens (compared numerically for numeric types, so {@code 0} also matches {@code 0.0})
 */
public record Feature(String name, Type type, boolean required, OptionalDouble maxMissing, Optional<Range> range,
    Optional<String> unit, List<String> allowed, Optional<String> pattern, boolean unique, boolean phi,
    boolean allowedAtInference, Availability availableAt, Optional<Drift> drift, Optional<MissingBy> maxMissingBy,
    List<String> missingValues) {

  /** Validates the components and copies the lists. */
  public Feature {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a feature name must not be empty");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(maxMissing, "maxMissing");
    maxMissing.ifPresent(m -> checkRate("maxMissing", m));
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(unit, "unit");
    allowed = List.copyOf(allowed);
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(availableAt, "availableAt");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(maxMissingBy, "maxMissingBy");
    missingValues = List.copyOf(missingValues);
  }

  /** A feature of the given type with every other key at its default. */
  public static Feature of(String name, Type type) {
    return new Feature(name, type, true, OptionalDouble.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), false, false, true, Availability.BEFORE_PREDICTION, Optional.empty(), Optional.empty(),
        List.of());
  }

  /** Whether the type's values are numbers (integer or number). */
  public boolean numeric() {
    return type == Type.INTEGER || type == Type.NUMBER;
  }

  static void checkRate(String what, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(what + " must be within [0, 1], found " + rate);
    }
  }

  /** The declared type of a feature's values. */
  public enum Type {
    /** Whole numbers: {@code [+-]?[0-9]+}. */
    INTEGER,
    /** Finite decimal numbers ({@code 1.5}, {@code -2e-3}); NaN and Infinity are not numbers. */
    NUMBER,
    /** {@code true}, {@code false} (any case), {@code 1} or {@code 0}. */
    BOOLEAN,
    /** Any text. */
    STRING,
    /** A label from a (usually small) set of categories. */
    CATEGORY,
    /** A calendar date {@code yyyy-MM-dd}. */
    DATE,
    /** A date and time {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} with {@code Z} or an offset (none = UTC). */
    TIMESTAMP;

    /** The YAML spelling ({@code integer}, {@code timestamp}, ...). */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The type spelled {@code name} in YAML. */
    public static Optional<Type> fromYaml(String name) {
      for (Type t : values()) {
        if (t.yamlName().equals(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** When a feature's value becomes known, relative to the prediction. */
  public enum Availability {
    /** Known when the prediction is made: may be a model input. */
    BEFORE_PREDICTION,
    /** Known only after the outcome (e.g. a discharge disposition): using it as an input is leakage. */
    AFTER_OUTCOME;

    /** The YAML spelling ({@code before_prediction}, {@code after_outcome}). */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Inclusive bounds for numeric values.
   *
   * @param min the smallest allowed value
   * @param max the largest allowed value
   */
  public record Range(double min, double max) {
    /** Validates that the bounds are finite and ordered. */
    public Range {
      if (!Double.isFinite(min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException("range bounds must be finite, found [" + min + ", " + max + "]");
      }
      if (min > max) {
        throw new IllegalArgumentException("range minimum must not exceed its maximum, found [" + min + ", "
            + max + "]");
      }
    }

    /** Whether {@code v} lies within the bounds. */
    public boolean contains(double v) {
      return v >= min && v <= max;
    }
  }

  /**
   * A bound on drift against a reference sample.
   *
   * @param method the drift measure (definitions in the metrics module)
   * @param max the largest allowed value of the measure (inclusive), finite and {@code >= 0}
   * @param bins the number of quantile bins for psi and js_distance on numeric features (default 10)
   */
  public record Drift(DriftMethod method, double max, OptionalInt bins) {
    /** Default number of bins. */
    public static final int DEFAULT_BINS = 10;

    /** Validates the components. */
    public Drift {
      Objects.requireNonNull(method, "method");
      if (!(max >= 0) || !Double.isFinite(max)) {
        throw new IllegalArgumentException("drift max must be a finite number >= 0, found " + max);
      }
      Objects.requireNonNull(bins, "bins");
      if (bins.isPresent() && bins.getAsInt() < 2) {
        throw new IllegalArgumentException("drift bins must be at least 2, found " + bins.getAsInt());
      }
    }

    /** The bins to use: the declared number or {@value #DEFAULT_BINS}. */
    public int binsOrDefault() {
      return bins.orElse(DEFAULT_BINS);
    }
  }

  /**
   * A bound on the missing rate within every subgroup of one or more grouping columns (each column
   * separately, like a policy gate's {@code by}).
   *
   * @param columns the grouping columns (features of the same contract, not PHI)
   * @param max the largest allowed missing rate within any group, in [0, 1]
   */
  public record MissingBy(List<String> columns, double max) {
    /** Validates the components and copies the list. */
    public MissingBy {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("maxMissingBy needs at least one column");
      }
      checkRate("maxMissingBy max", max);
    }
  }
}
