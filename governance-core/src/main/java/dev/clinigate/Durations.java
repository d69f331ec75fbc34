package dev.clinigate;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one spelling of durations in every clinigate document (promotion, rollback and review policies,
 * data contracts): a whole number and a unit, {@code s} seconds, {@code m} minutes, {@code h} hours,
 * {@code d} days or {@code w} weeks, e.g. {@code 90m}, {@code 24h}, {@code 30d}, {@code 2w}. The JSON
 * Schemas shipped with the policy language and the contracts use the same {@link #SYNTAX}.
 *
 * <pre>{@code
 * Duration cooldown = Durations.parse("1w").orElseThrow();   // PT168H
 * String text = Durations.format(cooldown);                  // "7d"
 * }</pre>
 *
 * <p>Zero ({@code 0d}) is well formed; the places that need a positive duration say so in their own
 * message.
 */
public final class Durations {
  /** The accepted syntax, as a regular expression (also the {@code pattern} of every schema's durations). */
  public static final String SYNTAX = "^[0-9]{1,9}[smhdw]$";

  private static final Pattern P = Pattern.compile(SYNTAX);

  private Durations() {}

  /** The duration written as {@code text}; empty when the text does not follow {@link #SYNTAX}. */
  public static Optional<Duration> parse(String text) {
    Matcher m = P.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long v = Long.parseLong(text.substring(0, text.length() - 1));
    return Optional.of(switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(v);
      case 'm' -> Duration.ofMinutes(v);
      case 'h' -> Duration.ofHours(v);
      case 'd' -> Duration.ofDays(v);
      default -> Duration.ofDays(7 * v);
    });
  }

  /**
   * The shortest spelling of a duration in the largest unit up to days that divides it: {@code 30d},
   * {@code 36h}, {@code 90m}, {@code 45s} ({@code 1w} is written {@code 7d}).
   */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * A duration for people: {@code 45 days}, {@code 1 day}, {@code 36 hours}; whole days when it is at
   * least a day (rounded down, with hours when they matter).
   */
  public static String describe(Duration d) {
    long hours = d.toHours();
    if (hours >= 24) {
      long days = hours / 24;
      long rest = hours % 24;
      String s = days + (days == 1 ? " day" : " days");
      return rest == 0 ? s : s + " " + rest + (rest == 1 ? " hour" : " hours");
    }
    if (hours >= 1) {
      return hours + (hours == 1 ? " hour" : " hours");
    }
    long minutes = d.toMinutes();
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /**
   * An age (how old a value is) as days, hours, minutes and seconds, omitting zero parts:
   * {@code 1d7h20m}, {@code 45s}, {@code 0s}; a negative age (a value from the future) starts with {@code -}.
   */
  public static String formatAge(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "-" + formatAge(Duration.ofSeconds(-s));
    }
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] parts = {s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60};
    char[] units = {'d', 'h', 'm', 's'};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] > 0) {
        b.append(parts[i]).append(units[i]);
      }
    }
    return b.toString();
  }
}
