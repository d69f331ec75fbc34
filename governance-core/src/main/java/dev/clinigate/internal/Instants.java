package dev.clinigate.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the timestamps evidence carries: ISO-8601 instants with a zone offset ({@code 2026-03-01T09:30:00Z}). */
public final class Instants {
  private Instants() {}

  /** The instant, or empty when the text is not an ISO-8601 date-time with an offset. */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
