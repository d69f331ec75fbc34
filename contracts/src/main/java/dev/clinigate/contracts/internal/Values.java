package dev.clinigate.contracts.internal;

/**
 * Allocation-free parsing of boolean, date and timestamp values from a char range.
 *
 * <p>Design note: dates are {@code yyyy-MM-dd} (a four-digit year, a real calendar day); timestamps are a
 * date, {@code T} or one space, {@code HH:mm}, optional {@code :ss} and an optional fraction of up to
 * nine digits (kept to the millisecond, truncated), then {@code Z}, an offset {@code +HH:MM}/{@code -HH:MM}
 * or nothing. A timestamp without an offset is read as UTC: deterministic, and documented as such
 * because the library never consults the machine's time zone. Leap seconds ({@code :60}) are rejected.
 */
public final class Values {
  /** Returned by the date and timestamp parsers for text that is not one. */
  public static final long INVALID = Long.MIN_VALUE;

  private Values() {}

  /** 1 for true, 0 for false ({@code true}/{@code false} in any case, {@code 1}/{@code 0}), -1 otherwise. */
  public static int parseBoolean(char[] b, int s, int e) {
    int n = e - s;
    if (n == 1) {
      return b[s] == '1' ? 1 : b[s] == '0' ? 0 : -1;
    }
    if (n == 4 && lower(b[s]) == 't' && lower(b[s + 1]) == 'r' && lower(b[s + 2]) == 'u' && lower(b[s + 3]) == 'e') {
      return 1;
    }
    if (n == 5 && lower(b[s]) == 'f' && lower(b[s + 1]) == 'a' && lower(b[s + 2]) == 'l' && lower(b[s + 3]) == 's'
        && lower(b[s + 4]) == 'e') {
      return 0;
    }
    return -1;
  }

  /** {@link #parseBoolean(char[], int, int)} of a string. */
  public static int parseBoolean(String s) {
    return parseBoolean(s.toCharArray(), 0, s.length());
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** Days since 1970-01-01 of a {@code yyyy-MM-dd} date, or {@link #INVALID}. */
  public static long parseDate(char[] b, int s, int e) {
    if (e - s != 10) {
      return INVALID;
    }
    return date(b, s);
  }

  /** {@link #parseDate(char[], int, int)} of a string. */
  public static long parseDate(String s) {
    return parseDate(s.toCharArray(), 0, s.length());
  }

  /** Milliseconds since 1970-01-01T00:00:00Z of a timestamp, or {@link #INVALID}. */
  public static long parseTimestamp(char[] b, int s, int e) {
    if (e - s < 16) {
      return INVALID;
    }
    long day = date(b, s);
    if (day == INVALID || (b[s + 10] != 'T' && b[s + 10] != ' ')) {
      return INVALID;
    }
    int hour = two(b, s + 11);
    int minute = b[s + 13] == ':' ? two(b, s + 14) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return INVALID;
    }
    int i = s + 16;
    int second = 0;
    long millis = 0;
    if (i < e && b[i] == ':') {
      if (i + 3 > e) {
        return INVALID;
      }
      second = two(b, i + 1);
      if (second < 0 || second > 59) {
        return INVALID;
      }
      i += 3;
      if (i < e && b[i] == '.') {
        i++;
        int digits = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
          if (digits < 3) {
            millis = millis * 10 + (b[i] - '0');
          }
          digits++;
          i++;
        }
        if (digits == 0 || digits > 9) {
          return INVALID;
        }
        for (int k = digits; k < 3; k++) {
          millis *= 10;
        }
      }
    }
    int offsetMinutes = 0;
    if (i < e) {
      char c = b[i];
      if (c == 'Z' && i + 1 == e) {
        i++;
      } else if ((c == '+' || c == '-') && i + 6 == e && b[i + 3] == ':') {
        int oh = two(b, i + 1);
        int om = two(b, i + 4);
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return INVALID;
        }
        offsetMinutes = (c == '-' ? -1 : 1) * (oh * 60 + om);
        i = e;
      } else {
        return INVALID;
      }
    }
    long secondsOfDay = hour * 3600L + minute * 60L + second - offsetMinutes * 60L;
    return (day * 86400L + secondsOfDay) * 1000L + millis;
  }

  /** {@link #parseTimestamp(char[], int, int)} of a string. */
  public static long parseTimestamp(String s) {
    return parseTimestamp(s.toCharArray(), 0, s.length());
  }

  /** The date at {@code b[s, s+10)}, checked for the calendar. */
  private static long date(char[] b, int s) {
    int y1 = two(b, s);
    int y2 = two(b, s + 2);
    if (y1 < 0 || y2 < 0 || b[s + 4] != '-' || b[s + 7] != '-') {
      return INVALID;
    }
    int year = y1 * 100 + y2;
    int month = two(b, s + 5);
    int day = two(b, s + 8);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    return epochDay(year, month, day);
  }

  private static int two(char[] b, int i) {
    char c = b[i];
    char d = b[i + 1];
    if (c < '0' || c > '9' || d < '0' || d > '9') {
      return -1;
    }
    return (c - '0') * 10 + (d - '0');
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
