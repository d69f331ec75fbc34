package dev.clinigate.cli;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Validation of option values, in clinigate's error format located at the option: {@code ERROR: --bins: must be at
 * least 2, found 1} with a hint, exit 2. Converters turn values picocli cannot convert into the same kind of
 * message, never a Java exception's name.
 */
final class Options {
  private Options() {}

  /** Registers the converters of the types whose default conversion messages name Java exceptions. */
  static void registerConverters(CommandLine cmd) {
    cmd.registerConverter(Instant.class, INSTANT);
    cmd.registerConverter(Path.class, PATH);
  }

  private static final ITypeConverter<Instant> INSTANT = s -> {
    try {
      return Instant.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("\"" + shorten(s) + "\" is not an ISO-8601 instant such as "
          + "2026-11-23T00:00:00Z (UTC, with the Z)");
    }
  };

  private static final ITypeConverter<Path> PATH = s -> {
    if (s.isEmpty()) {
      throw new TypeConversionException("the path is empty");
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new TypeConversionException("\"" + shorten(s) + "\" is not a valid path");
    }
  };

  /** An invalid option value: {@code ERROR: <option>: <message>} and the hint. */
  static InputException invalid(String option, String message, String hint) {
    return new InputException(Problem.at(option, 0, 0, message, hint));
  }

  /** Requires {@code min <= value}. */
  static void atLeast(String option, long value, long min, String hint) {
    if (value < min) {
      throw invalid(option, "must be at least " + min + ", found " + value, hint);
    }
  }

  /** Requires {@code min <= value <= max}. */
  static void within(String option, long value, long min, long max, String hint) {
    if (value < min || value > max) {
      throw invalid(option, "must be within [" + min + ", " + max + "], found " + value, hint);
    }
  }

  /** Requires every value within [0, 1]. */
  static void probabilities(String option, List<Double> values, String hint) {
    for (Double v : values) {
      if (v == null || !(v >= 0.0 && v <= 1.0)) {
        throw invalid(option, "must be within [0, 1], found " + plain(v), hint);
      }
    }
  }

  /** A value as written for messages: whole numbers without ".0". */
  static String plain(Double d) {
    if (d == null) {
      return "nothing";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) (double) d);
    }
    return Json.number(d).toLowerCase(Locale.ROOT); // the canonical digits, the same on every JVM
  }

  /** A user-typed value, cut to 40 characters for messages. */
  static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
