package dev.clinigate.contracts.internal;

import dev.clinigate.json.JsonObject;
import dev.clinigate.metrics.DriftBounds;
import java.util.Optional;
import java.util.OptionalDouble;

/** The streaming drift state of one feature against its reference (implementations live in this package). */
public abstract class DriftState {
  /**
   * Non-missing numeric values of the current data: {@code values[0, count)}. Values arrive in batches
   * so that the column's hot loop makes one call here per batch, not one (megamorphic) call per value;
   * no drift measure depends on the order of the values.
   */
  abstract void numbers(double[] values, int count);

  /** {@code count} missing values of the current data. */
  abstract void missing(long count);

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
