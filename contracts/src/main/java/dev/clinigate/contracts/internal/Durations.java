package dev.clinigate.contracts.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short durations as contracts write them: {@code 90s}, {@code 90m}, {@code 24h}, {@code 7d}, {@code 2w}. */
public final class Durations {
  /** The accepted syntax (also in the JSON Schema). */
  public static final String SYNTAX = "^[1-9][0-9]{0,8}[smhdw]$";
  private static final Pattern P = Pattern.compile(SYNTAX);

  private Durations() {}

  /** The duration written as {@code text}, if it follows {@link #SYNTAX}. */
  public static Optional<Duration> parse(String text) {
    Matcher m = P.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    switch (text.charAt(text.length() - 1)) {
      case 's':
        return Optional.of(Duration.ofSeconds(n));
      case 'm':
        return Optional.of(Duration.ofMinutes(n));
      case 'h':
        return Optional.of(Duration.ofHours(n));
      case 'd':
        return Optional.of(Duration.ofDays(n));
      default:
        return Optional.of(Duration.ofDays(7 * n));
    }
  }

  /**
   * A bound in the largest unit that divides it, days from two days on: {@code 24h}, {@code 2d},
   * {@code 14d} (for {@code 2w}), {@code 90m}, {@code 45s}.
   */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "-" + format(Duration.ofSeconds(-s));
    }
    if (s == 0) {
      return "0s";
    }
    if (s % 86400 == 0 && s > 86400) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
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
