package dev.clinigate.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The policy spelling of durations: a whole number of days, hours or minutes ({@code 30d}, {@code 24h}). */
public final class Durations {
  private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,6})([dhm])");

  private Durations() {}

  /** Parses {@code 30d}, {@code 24h} or {@code 90m}; empty when the text is not such a duration. */
  public static Optional<Duration> parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long v = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "d" -> Duration.ofDays(v);
      case "h" -> Duration.ofHours(v);
      default -> Duration.ofMinutes(v);
    });
  }

  /** The shortest policy spelling of a duration: {@code 30d}, {@code 36h}, {@code 90m}. */
  public static String format(Duration d) {
    long minutes = d.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    if (minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    return minutes + "m";
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
}
