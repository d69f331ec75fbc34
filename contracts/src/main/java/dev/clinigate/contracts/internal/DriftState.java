package dev.clinigate.contracts.internal;

import dev.clinigate.json.JsonObject;
import dev.clinigate.metrics.DriftBounds;
import java.util.Optional;
import java.util.OptionalDouble;

/** The streaming drift state of one feature against its reference (implementations live in this package). */
public abstract class DriftState {
  /** One non-missing numeric value of the current data. */
  abstract void number(double v);

  /** One missing value of the current data. */
  abstract void missing();

  /** The drift of the current data, computed once every row has been seen. */
  abstract Outcome finish(ColumnState column);

  /**
   * The drift of one feature.
   *
   * @param value the value of the contract's drift method, when known exactly
   * @param bounds an interval holding it, when only bounds are known
   * @param reason why it could not be evaluated, or ""
   * @param details every drift measure the metrics module reports for the feature (for the profile)
   */
  record Outcome(OptionalDouble value, Optional<DriftBounds> bounds, String reason, Optional<JsonObject> details) {
    static Outcome notEvaluated(String reason) {
      return new Outcome(OptionalDouble.empty(), Optional.empty(), reason, Optional.empty());
    }
  }
}
