package dev.clinigate.contracts.internal;

import java.time.Duration;

/**
 * Duration bounds in contract results. Contracts read durations with the one grammar of
 * {@link dev.clinigate.Durations} and write ages with {@link dev.clinigate.Durations#formatAge}.
 */
public final class DurationText {
  private DurationText() {}

  /**
   * A bound as {@link dev.clinigate.Durations#format} writes it, except that one day stays {@code 24h}
   * (as contracts have always shown it): {@code 24h}, {@code 2d}, {@code 14d} (for {@code 2w}),
   * {@code 90m}, {@code 45s}.
   */
  public static String format(Duration d) {
    return d.equals(Duration.ofDays(1)) ? "24h" : dev.clinigate.Durations.format(d);
  }
}
