package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.util.Objects;

/**
 * A risk-adjusted CUSUM trigger over windows that report observed events {@code O} and expected events
 * {@code E} (the sum of the predicted risks) as window metrics. After each window
 * {@code S_t = max(0, S_{t-1} + O_t ln R - E_t (R - 1))} (the Poisson approximation to Steiner's Bernoulli
 * CUSUM for an odds ratio {@code R}); the trigger fires when {@code S_t > h}. {@code R > 1} detects more
 * events than predicted, {@code R < 1} fewer. Choose {@code h} from a target in-control run length with
 * {@link CusumDesign#thresholdFor}.
 *
 * @param id the trigger id
 * @param observed the window metric key holding observed events (non-negative)
 * @param expected the window metric key holding expected events (non-negative)
 * @param oddsRatio the odds ratio to detect, positive and not 1
 * @param h the decision threshold, positive
 * @param severity what firing does
 */
public record CusumTrigger(String id, String observed, String expected, double oddsRatio, double h, Severity severity)
    implements RollbackTrigger {

  /** Validates. */
  public CusumTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(severity, "severity");
    if (!(oddsRatio > 0) || oddsRatio == 1 || !Double.isFinite(oddsRatio)) {
      throw new IllegalArgumentException("trigger " + id + ": oddsRatio must be positive and not 1, found " + oddsRatio);
    }
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("trigger " + id + ": h must be positive, found " + h);
    }
  }

  /** The increment of {@code S} for a window with {@code o} observed and {@code e} expected events. */
  public double increment(double o, double e) {
    return o * Math.log(oddsRatio) - e * (oddsRatio - 1);
  }

  @Override
  public JsonObject bound() {
    return JsonObject.builder().put("observed", observed).put("expected", expected).put("oddsRatio", oddsRatio)
        .put("h", h).build();
  }
}
