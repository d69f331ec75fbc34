package dev.clinigate.spark.internal;

import dev.clinigate.Durations;
import dev.clinigate.NumberText;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The contracts module's number, count, row-list and duration renderings, which its violation messages
 * use; repeated here because a module does not import another's internal package. A test compares whole
 * Spark results with the single-machine checker's, messages included, so the two cannot drift apart
 * unnoticed.
 */
public final class Text {
  private Text() {}

  /** A bound or value from a contract, exactly, in plain notation. */
  public static String bound(double v) {
    return NumberText.plain(v);
  }

  /** A computed value to four significant digits. */
  public static String value(double v) {
    return Double.isFinite(v) ? NumberText.significant(v, 4) : "undefined";
  }

  /** A rate as a percentage to four significant digits. */
  public static String percent(double rate) {
    return value(rate * 100) + "%";
  }

  /** Thousands-separated count. */
  public static String count(long n) {
    return NumberText.count(n);
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

  /** A duration bound as contract results write it: {@link Durations#format}, one day as {@code 24h}. */
  public static String duration(Duration d) {
    return d.equals(Duration.ofDays(1)) ? "24h" : Durations.format(d);
  }
}
