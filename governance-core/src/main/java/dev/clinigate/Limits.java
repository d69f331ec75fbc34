package dev.clinigate;

import java.util.List;
import java.util.Locale;

/**
 * The bounds clinigate puts on everything it reads, so that no input (a policy from a pull request, evidence or
 * data from an upstream system) can exhaust memory or time. Every limit is enforced while reading and reported
 * as a located error that names the limit; none is a silent truncation.
 *
 * <p>The defaults keep every loader within a 256 MiB heap. Raise a limit when a legitimate input needs it:
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxEvidenceBytes(32L << 20).withMaxGroups(5_000);
 * SourceFiles files = SourceFiles.confinedTo(Path.of("policies")).withLimits(limits);
 * }</pre>
 * On the command line, {@code --limit NAME=VALUE} (repeatable) sets the same limits by component name, e.g.
 * {@code --limit maxGroups=5000}. The table of limits and defaults is in {@code SECURITY.md}.
 *
 * @param maxPolicyBytes largest policy, contract or PolicyTest suite file (YAML), in bytes; default 1 MiB
 * @param maxEvidenceBytes largest evidence, inference, data profile or content-store file (JSON or YAML), in
 *     bytes; default 16 MiB
 * @param maxJsonLinesBytes largest JSON Lines file (monitoring windows, batches of inferences), in bytes;
 *     default 16 MiB
 * @param maxAuditLogBytes largest audit log read at once (verify, replay, export), in bytes; default 64 MiB
 * @param maxCsvBytes largest CSV file, in bytes; CSV is streamed, so this bounds time rather than memory;
 *     default 64 GiB
 * @param maxKeyBytes largest key file (signing keys, masking keys), in bytes; default 64 KiB
 * @param maxStringChars longest string in a JSON or YAML document, in characters; default 1 MiB (1,048,576)
 * @param maxJsonValues most values (objects, arrays, strings, numbers, literals) in one JSON document;
 *     default 500,000
 * @param maxDepth deepest nesting of a JSON document; default 128 (YAML policies stop at 40)
 * @param maxColumns most columns in a CSV header; default 4,096
 * @param maxGroups most distinct values of one subgroup column ({@code metrics --group}); default 10,000
 * @param maxPatternSteps most regular-expression steps (characters examined) that one contract {@code pattern}
 *     may spend on one file, summed over its values; default 50,000,000 (a few seconds at worst)
 * @param maxReferenceValues most numeric values a reference profile keeps while it is built (rows times numeric
 *     columns: {@code clinigate profile}, {@code check --reference}); default 8,000,000 (64 MiB)
 */
public record Limits(long maxPolicyBytes, long maxEvidenceBytes, long maxJsonLinesBytes, long maxAuditLogBytes,
    long maxCsvBytes, long maxKeyBytes, int maxStringChars, int maxJsonValues, int maxDepth, int maxColumns,
    int maxGroups, long maxPatternSteps, long maxReferenceValues) {

  /** The names of the limits, in declaration order (the names {@code --limit} and {@link #with} accept). */
  public static final List<String> NAMES = List.of("maxPolicyBytes", "maxEvidenceBytes", "maxJsonLinesBytes",
      "maxAuditLogBytes", "maxCsvBytes", "maxKeyBytes", "maxStringChars", "maxJsonValues", "maxDepth", "maxColumns",
      "maxGroups", "maxPatternSteps", "maxReferenceValues");

  private static final Limits DEFAULTS = new Limits(1L << 20, 16L << 20, 16L << 20, 64L << 20, 64L << 30, 64L << 10,
      1 << 20, 500_000, 128, 4_096, 10_000, 50_000_000L, 8_000_000L);

  /** Validates that every limit is at least 1 (depth at least 2, groups at least 1). */
  public Limits {
    positive("maxPolicyBytes", maxPolicyBytes);
    positive("maxEvidenceBytes", maxEvidenceBytes);
    positive("maxJsonLinesBytes", maxJsonLinesBytes);
    positive("maxAuditLogBytes", maxAuditLogBytes);
    positive("maxCsvBytes", maxCsvBytes);
    positive("maxKeyBytes", maxKeyBytes);
    positive("maxStringChars", maxStringChars);
    positive("maxJsonValues", maxJsonValues);
    positive("maxDepth", maxDepth);
    positive("maxColumns", maxColumns);
    positive("maxGroups", maxGroups);
    positive("maxPatternSteps", maxPatternSteps);
    positive("maxReferenceValues", maxReferenceValues);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, found " + value);
    }
  }

  /** The default limits (see the component descriptions). */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * These limits with the one called {@code name} (one of {@link #NAMES}) set to {@code value}.
   *
   * @throws IllegalArgumentException for an unknown name or a value below 1 or above the limit's type
   */
  public Limits with(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, found " + value);
    }
    return switch (name) {
      case "maxPolicyBytes" -> withMaxPolicyBytes(value);
      case "maxEvidenceBytes" -> withMaxEvidenceBytes(value);
      case "maxJsonLinesBytes" -> withMaxJsonLinesBytes(value);
      case "maxAuditLogBytes" -> withMaxAuditLogBytes(value);
      case "maxCsvBytes" -> withMaxCsvBytes(value);
      case "maxKeyBytes" -> withMaxKeyBytes(value);
      case "maxStringChars" -> withMaxStringChars(toInt(name, value));
      case "maxJsonValues" -> withMaxJsonValues(toInt(name, value));
      case "maxDepth" -> withMaxDepth(toInt(name, value));
      case "maxColumns" -> withMaxColumns(toInt(name, value));
      case "maxGroups" -> withMaxGroups(toInt(name, value));
      case "maxPatternSteps" -> withMaxPatternSteps(value);
      case "maxReferenceValues" -> withMaxReferenceValues(value);
      default -> throw new IllegalArgumentException("unknown limit \"" + name + "\"; the limits are "
          + String.join(", ", NAMES));
    };
  }

  /**
   * The value of the limit called {@code name} (one of {@link #NAMES}).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public long get(String name) {
    return switch (name) {
      case "maxPolicyBytes" -> maxPolicyBytes;
      case "maxEvidenceBytes" -> maxEvidenceBytes;
      case "maxJsonLinesBytes" -> maxJsonLinesBytes;
      case "maxAuditLogBytes" -> maxAuditLogBytes;
      case "maxCsvBytes" -> maxCsvBytes;
      case "maxKeyBytes" -> maxKeyBytes;
      case "maxStringChars" -> maxStringChars;
      case "maxJsonValues" -> maxJsonValues;
      case "maxDepth" -> maxDepth;
      case "maxColumns" -> maxColumns;
      case "maxGroups" -> maxGroups;
      case "maxPatternSteps" -> maxPatternSteps;
      case "maxReferenceValues" -> maxReferenceValues;
      default -> throw new IllegalArgumentException("unknown limit \"" + name + "\"; the limits are "
          + String.join(", ", NAMES));
    };
  }

  private static int toInt(String name, long value) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", found " + value);
    }
    return (int) value;
  }

  /** A copy with {@link #maxPolicyBytes()} set. */
  public Limits withMaxPolicyBytes(long v) {
    return new Limits(v, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes, maxKeyBytes,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxEvidenceBytes()} set. */
  public Limits withMaxEvidenceBytes(long v) {
    return new Limits(maxPolicyBytes, v, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes, maxKeyBytes,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxJsonLinesBytes()} set. */
  public Limits withMaxJsonLinesBytes(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, v, maxAuditLogBytes, maxCsvBytes, maxKeyBytes,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxAuditLogBytes()} set. */
  public Limits withMaxAuditLogBytes(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, v, maxCsvBytes, maxKeyBytes,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxCsvBytes()} set. */
  public Limits withMaxCsvBytes(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, v, maxKeyBytes,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxKeyBytes()} set. */
  public Limits withMaxKeyBytes(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes, v,
        maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxStringChars()} set. */
  public Limits withMaxStringChars(int v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, v, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxJsonValues()} set. */
  public Limits withMaxJsonValues(int v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, v, maxDepth, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxDepth()} set. */
  public Limits withMaxDepth(int v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, maxJsonValues, v, maxColumns, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxColumns()} set. */
  public Limits withMaxColumns(int v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, maxJsonValues, maxDepth, v, maxGroups, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxGroups()} set. */
  public Limits withMaxGroups(int v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, maxJsonValues, maxDepth, maxColumns, v, maxPatternSteps, maxReferenceValues);
  }

  /** A copy with {@link #maxPatternSteps()} set. */
  public Limits withMaxPatternSteps(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, v, maxReferenceValues);
  }

  /** A copy with {@link #maxReferenceValues()} set. */
  public Limits withMaxReferenceValues(long v) {
    return new Limits(maxPolicyBytes, maxEvidenceBytes, maxJsonLinesBytes, maxAuditLogBytes, maxCsvBytes,
        maxKeyBytes, maxStringChars, maxJsonValues, maxDepth, maxColumns, maxGroups, maxPatternSteps, v);
  }

  /**
   * A message fragment naming a limit and its value, e.g. {@code the limit maxGroups = 1,000}, for errors.
   */
  public static String describe(String name, long value) {
    return "the limit " + name + " = " + String.format(Locale.ROOT, "%,d", value);
  }

  /** The hint of every limit error: how to raise the limit named. */
  public static String raiseHint(String name) {
    return "if the input is legitimate, raise the limit: --limit " + name + "=N on the command line, or Limits."
        + "with" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "(N) in Java";
  }
}
