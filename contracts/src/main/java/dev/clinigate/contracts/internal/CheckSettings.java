package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.Feature;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * How one check runs.
 *
 * @param evaluatedAt the time freshness is measured against, if given
 * @param featuresUsed the model's declared inputs for the leakage guard, if given
 * @param maxKeys most keys remembered per unique or primaryKey rule
 * @param maxDistinct most distinct values counted per column (also categories and groups)
 * @param maxDriftValues most current values kept per ks/wasserstein drift feature
 * @param drift creates the drift state of a feature, or returns null when it has no reference
 * @param progress called with the number of rows read, every {@link #PROGRESS_EVERY} rows
 * @param maxPatternSteps regular-expression steps one {@code pattern} may spend on the whole file
 *     ({@link dev.clinigate.Limits#maxPatternSteps()})
 */
public record CheckSettings(Optional<Instant> evaluatedAt, Optional<List<String>> featuresUsed, long maxKeys,
    int maxDistinct, int maxDriftValues, DriftFactory drift, LongConsumer progress, long maxPatternSteps) {
  /** Rows between progress calls. */
  public static final int PROGRESS_EVERY = 1 << 16;

  /** Creates the drift state for a feature with a drift rule. */
  public interface DriftFactory {
    /** The state, or null when there is no reference for the feature. */
    DriftState start(Feature feature, int maxDriftValues);
  }
}
