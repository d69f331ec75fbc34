package dev.clinigate.spark.internal;

import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The contracts module's number, count, row-list and duration renderings, which its violation messages
 * use; repeated here because a module does not import another's internal package. A test compares whole
 * Spark results with the single-machine checker's, messages included, so the two cannot drift apart
 * unnoticed.
 */
public final class Text {
  private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_UP);

  private Text() {}

  /** A bound or value from a contract, exactly, in plain notation. */
  public static String bound(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    if (!Double.isFinite(v)) {
      return dev.clinigate.json.Json.number(v);
    }
    // the canonical digits, as contracts' Fmt: BigDecimal.valueOf uses Double.toString, which differs on JDK 17
    return new BigDecimal(dev.clinigate.json.Json.number(v)).stripTrailingZeros().toPlainString();
  }

  /** A computed value to four significant digits. */
  public static String value(double v) {
    if (!Double.isFinite(v)) {
      return "undefined";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(dev.clinigate.json.Json.number(v)).round(FOUR).stripTrailingZeros().toPlainString();
  }

  /** A rate as a percentage to four significant digits. */
  public static String percent(double rate) {
    return value(rate * 100) + "%";
  }

  /** Thousands-separated count. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1 value is} / {@code 3 values are}. */
  public static String values(long n) {
    return n == 1 ? "1 value is" : count(n) + " values are";
  }

  /** {@code (row 4)} / {@code (rows 4, 17, 90, ...)}. */
  public static String rows(List<Long> rows, long count) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(rows.size() == 1 && count == 1 ? " (row " : " (rows ");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(rows.get(i));
    }
    if (count > rows.size()) {
      b.append(", ...");
    }
    return b.append(')').toString();
  }

  /** A contract number as JSON: an integer when whole, else a double. */
  public static JsonValue json(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 9e15) {
      return JsonNumber.of((long) v);
    }
    return JsonValue.of(v);
  }

  /** An epoch day as {@code yyyy-MM-dd}. */
  public static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** Epoch milliseconds as an ISO-8601 UTC instant. */
  public static String timestamp(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A duration bound in the largest unit that divides it. */
  public static String duration(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "-" + duration(Duration.ofSeconds(-s));
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

  /** An age as days, hours, minutes and seconds, omitting zero parts. */
  public static String age(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "-" + age(Duration.ofSeconds(-s));
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
