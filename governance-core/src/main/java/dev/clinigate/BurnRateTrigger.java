package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * An SLO error-budget burn-rate trigger in the Google SRE multi-window style: it fires at a window when
 * the error ratio over the windows ending within the long lookback AND over those ending within the short
 * lookback both burn the budget at least {@code rate} times as fast as allowed (e.g. 14.4 over 1h and 5m;
 * 6 over 6h and 30m). The error ratio is the sum of {@code errors} over the sum of {@code requests}; the
 * budget is {@code 1 - objective}.
 *
 * @param id the trigger id
 * @param objective the SLO objective in (0, 1), e.g. 0.999
 * @param rate the burn-rate threshold, positive
 * @param longWindow the long lookback
 * @param shortWindow the short lookback, not longer than the long one
 * @param severity what firing does
 */
public record BurnRateTrigger(String id, double objective, double rate, Duration longWindow, Duration shortWindow,
    Severity severity) implements RollbackTrigger {

  /** Validates. */
  public BurnRateTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(longWindow, "longWindow");
    Objects.requireNonNull(shortWindow, "shortWindow");
    Objects.requireNonNull(severity, "severity");
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("trigger " + id + ": objective must be within (0, 1), found " + objective);
    }
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("trigger " + id + ": rate must be positive, found " + rate);
    }
    if (shortWindow.isZero() || shortWindow.isNegative() || shortWindow.compareTo(longWindow) > 0) {
      throw new IllegalArgumentException("trigger " + id + ": short must be positive and not longer than long, found "
          + Durations.format(shortWindow) + " and " + Durations.format(longWindow));
    }
  }

  /** The error budget: {@code 1 - objective}. */
  public double budget() {
    return 1.0 - objective;
  }

  @Override
  public JsonObject bound() {
    return JsonObject.builder().put("objective", objective).put("rate", rate)
        .put("long", Durations.format(longWindow)).put("short", Durations.format(shortWindow)).build();
  }
}
