package dev.clinigate.metrics;

import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonValue;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The value of one metric for one set of predictions: either a finite number or an explicit
 * "undefined" that says why (AUROC with one class, PPV with no predicted positives, a calibration fit
 * that does not exist). Never NaN, never a silent 0.
 *
 * <pre>{@code
 * MetricValue auroc = report.overall().auroc();
 * if (auroc.isDefined()) {
 *   System.out.println(auroc.orElseThrow());
 * } else {
 *   System.out.println("AUROC undefined: " + auroc.reason().orElseThrow());
 * }
 * }</pre>
 *
 * <p>In JSON a defined value renders as a number (the shortest round-trip decimal, {@link dev.clinigate.json.Json#number(double)}), an undefined one as
 * {@code null}.
 */
public sealed interface MetricValue permits MetricValue.Defined, MetricValue.Undefined {

  /** Whether the value is defined, for {@code switch} statements. */
  enum Kind { DEFINED, UNDEFINED }

  /** A defined value. */
  static MetricValue of(double value) {
    return new Defined(value);
  }

  /** An undefined value with a reason such as {@code "no positives"}. */
  static MetricValue undefined(String reason) {
    return new Undefined(reason);
  }

  /** This value's kind. */
  Kind kind();

  /** Whether this value is a finite number. */
  default boolean isDefined() {
    return kind() == Kind.DEFINED;
  }

  /**
   * The number.
   *
   * @throws NoSuchElementException when undefined; the message carries the reason
   */
  double orElseThrow();

  /** The number, or {@code other} when undefined. */
  double orElse(double other);

  /** The number as an {@code OptionalDouble} (empty when undefined). */
  OptionalDouble asOptional();

  /** Why the value is undefined; empty when it is defined. */
  Optional<String> reason();

  /** The JSON rendering: a number, or {@code null} when undefined. */
  JsonValue toJson();

  /**
   * A defined, finite value.
   *
   * @param value the value, finite
   */
  record Defined(double value) implements MetricValue {
    /** Rejects NaN and infinities: those must be {@link Undefined} with a reason. */
    public Defined {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a defined metric value must be finite, found " + value);
      }
      if (value == 0.0) {
        value = 0.0; // -0.0 and 0.0 must render and compare alike
      }
    }

    @Override
    public Kind kind() {
      return Kind.DEFINED;
    }

    @Override
    public double orElseThrow() {
      return value;
    }

    @Override
    public double orElse(double other) {
      return value;
    }

    @Override
    public OptionalDouble asOptional() {
      return OptionalDouble.of(value);
    }

    @Override
    public Optional<String> reason() {
      return Optional.empty();
    }

    @Override
    public JsonValue toJson() {
      return JsonValue.of(value);
    }

    @Override
    public String toString() {
      return dev.clinigate.json.Json.number(value);
    }
  }

  /**
   * An undefined value.
   *
   * @param why why the metric cannot be computed, e.g. {@code "no positives"}; never blank
   */
  record Undefined(String why) implements MetricValue {
    /** Requires a non-blank reason. */
    public Undefined {
      Objects.requireNonNull(why, "why");
      if (why.isBlank()) {
        throw new IllegalArgumentException("an undefined metric value needs a reason");
      }
    }

    @Override
    public Kind kind() {
      return Kind.UNDEFINED;
    }

    @Override
    public double orElseThrow() {
      throw new NoSuchElementException("metric is undefined: " + why);
    }

    @Override
    public double orElse(double other) {
      return other;
    }

    @Override
    public OptionalDouble asOptional() {
      return OptionalDouble.empty();
    }

    @Override
    public Optional<String> reason() {
      return Optional.of(why);
    }

    @Override
    public JsonValue toJson() {
      return JsonNull.INSTANCE;
    }

    @Override
    public String toString() {
      return "undefined (" + why + ")";
    }
  }
}
