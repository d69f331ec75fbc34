package dev.clinigate.contracts.internal;

import java.time.Duration;

/**
 * Durations in contract results: bounds and ages. Contracts read durations with the one grammar of
 * {@link dev.clinigate.Durations}; these spellings are the ones contract results have always shown.
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

  /** An age as days, hours, minutes and seconds, omitting zero parts: {@code 1d7h20m}, {@code 0s}. */
  public static String formatAge(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "-" + formatAge(Duration.ofSeconds(-s));
    }
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] parts = {s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60};
    char[] units = {'d', 'h', 'm', 's'};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] > 0) {
        b.append(parts[i]).append(units[i]);
      }
    }
    return b.toString();
  }
}
