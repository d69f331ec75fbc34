package dev.clinigate.contracts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Property(tries = 2000)
  void parseDate_ofAnyIsoDate_equalsJavaTime(@ForAll @LongRange(min = -700_000, max = 2_900_000) long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    assertEquals(epochDay, Values.parseDate(d.toString()));
  }

  @Property(tries = 2000)
  void parseTimestamp_ofAnyOffsetDateTime_equalsJavaTime(
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis,
      @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    OffsetDateTime t = Instant.ofEpochMilli(millis).atOffset(offset);
    String text = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx"));
    assertEquals(millis, Values.parseTimestamp(text), text);
  }

  @Test
  void parseTimestamp_acceptedForms() {
    long base = Instant.parse("2026-11-22T06:00:00Z").toEpochMilli();
    assertEquals(base, Values.parseTimestamp("2026-11-22T06:00:00Z"));
    assertEquals(base, Values.parseTimestamp("2026-11-22T06:00Z"));
    assertEquals(base, Values.parseTimestamp("2026-11-22 06:00"));
    assertEquals(base, Values.parseTimestamp("2026-11-22T06:00:00"));
    assertEquals(base, Values.parseTimestamp("2026-11-22T07:00:00+01:00"));
    assertEquals(base + 123, Values.parseTimestamp("2026-11-22T06:00:00.123456789Z"));
    assertEquals(base + 500, Values.parseTimestamp("2026-11-22T06:00:00.5Z"));
  }

  @Test
  void parseTimestampAndDate_rejectInvalidText() {
    for (String s : List.of("", "yesterday", "2026-11-22", "2026-11-22T24:00:00Z", "2026-11-22T06:60Z",
        "2026-11-22T06:00:60Z", "2026-02-29T06:00Z", "2026-11-22T06:00:00+25:00", "2026-11-22T06:00:00.Z",
        "2026-11-22T06:00:00.1234567890Z", "2026-11-22T06:00:00ZZ", "2026-11-22X06:00", "2026-11-22T06:00+0100")) {
      assertEquals(Values.INVALID, Values.parseTimestamp(s), s);
    }
    for (String s : List.of("", "2026-2-1", "2026-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "20241101",
        "2024/11/01", "2024-11-01T00:00")) {
      assertEquals(Values.INVALID, Values.parseDate(s), s);
    }
    assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), Values.parseDate("2024-02-29"));
    assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), Values.parseDate("2000-02-29"));
    assertEquals(Values.INVALID, Values.parseDate("1900-02-29"));
  }

  @Test
  void parseBoolean_acceptsTrueFalseAnyCaseAndOneZero() {
    assertEquals(1, Values.parseBoolean("TRUE"));
    assertEquals(1, Values.parseBoolean("True"));
    assertEquals(1, Values.parseBoolean("1"));
    assertEquals(0, Values.parseBoolean("false"));
    assertEquals(0, Values.parseBoolean("0"));
    assertEquals(-1, Values.parseBoolean("yes"));
    assertEquals(-1, Values.parseBoolean("t"));
    assertEquals(-1, Values.parseBoolean(""));
  }

  @Test
  void durationText_formatsBoundsAndAges() {
    assertEquals("24h", DurationText.format(Duration.ofDays(1)));
    assertEquals("2d", DurationText.format(Duration.ofHours(48)));
    assertEquals("14d", DurationText.format(Duration.ofDays(14)));
    assertEquals("90m", DurationText.format(Duration.ofMinutes(90)));
    assertEquals("45s", DurationText.format(Duration.ofSeconds(45)));
    assertEquals("1d7h20m", dev.clinigate.Durations.formatAge(Duration.ofMinutes(31 * 60 + 20)));
    assertEquals("0s", dev.clinigate.Durations.formatAge(Duration.ZERO));
    assertEquals("-2h", dev.clinigate.Durations.formatAge(Duration.ofHours(-2)));
  }

  @Test
  void fmt_valuesArePlainAndLocaleFree() {
    assertEquals("0.3112", Fmt.value(0.311249));
    assertEquals("48.7%", Fmt.percent(0.487));
    assertEquals("1,234,567", Fmt.count(1_234_567));
    assertEquals("20", Fmt.bound(20.0));
    assertEquals("0.1", Fmt.bound(0.1));
    // the one text convention (NumberText): ties round half to even
    assertEquals("0.000001234", Fmt.value(0.0000012345));
    assertEquals("0.000001236", Fmt.value(0.0000012355));
  }
}
