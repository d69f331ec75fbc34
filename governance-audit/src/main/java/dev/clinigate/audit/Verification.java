package dev.clinigate.audit;

import dev.clinigate.audit.internal.Hex;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a decision log: valid, or the first bad line and what is wrong with it.
 *
 * @param source the log's name
 * @param records records verified (all of them when valid; those before the bad line otherwise)
 * @param failure the first problem found, if any
 * @param warnings things an auditor should know that do not invalidate the log, in line order
 * @param head the last verified record's {@code seq} and line SHA-256 (anchor it elsewhere to detect
 *     dropped tail records later)
 * @param signaturesVerified how many signatures were checked and valid
 * @param signaturesPresent how many records carry a signature
 */
public record Verification(String source, long records, Optional<Failure> failure, List<Warning> warnings,
    Optional<Head> head, long signaturesVerified, long signaturesPresent) {

  /** Validates and copies. */
  public Verification {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(failure, "failure");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(head, "head");
  }

  /** Whether the whole log verified. */
  public boolean valid() {
    return failure.isEmpty();
  }

  /** What went wrong with a record. */
  public enum Kind {
    /** A record's content changed (its hash no longer matches, or its neighbour's {@code prev} does not). */
    CHANGED,
    /** Records are missing (a gap in {@code seq}, or the chain does not start at the genesis value). */
    DROPPED,
    /** A record that does not belong was added (a duplicate or an out-of-place record). */
    INSERTED,
    /** Records are out of order. */
    REORDERED,
    /** The log ends early: a torn last line, or fewer records than an anchored head. */
    TRUNCATED,
    /** A line is not a well-formed record (not UTF-8, not JSON, not canonical, fields missing). */
    MALFORMED,
    /** A public key was given and a record has no signature. */
    UNSIGNED,
    /** A record's signature does not verify with the given public key. */
    BAD_SIGNATURE
  }

  /**
   * The first bad line.
   *
   * @param line 1-based line number in the log
   * @param kind what is wrong
   * @param message one sentence for people, naming the line
   */
  public record Failure(long line, Kind kind, String message) {
    /** Validates. */
    public Failure {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A remark that does not invalidate the log.
   *
   * @param line 1-based line number, or 0 for the whole log
   * @param message one sentence
   */
  public record Warning(long line, String message) {
    /** Validates. */
    public Warning {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A log's head: its last record's {@code seq} and the SHA-256 of that record's line. Record it outside the log
   * (a ticket, a release note, a second system): a later verify with the head proves that no record was dropped
   * from the end, which no hash chain can prove on its own.
   *
   * @param seq the last record's seq
   * @param sha256 SHA-256 of the last line
   */
  public record Head(long seq, String sha256) {
    /** Validates. */
    public Head {
      if (seq < 1) {
        throw new IllegalArgumentException("a head's seq is >= 1, found " + seq);
      }
      if (!Hex.isSha256(sha256)) {
        throw new IllegalArgumentException("a head's sha256 is 64 lower-case hex digits, found \"" + sha256 + "\"");
      }
    }

    /**
     * Parses {@code SEQ:SHA256} (as {@link #toString()} prints it).
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static Head parse(String text) {
      int colon = text.indexOf(':');
      if (colon < 1 || !text.substring(0, colon).matches("[1-9][0-9]{0,17}")) {
        throw new IllegalArgumentException("a head is SEQ:SHA256, e.g. 12:3f5a...; found \"" + text + "\"");
      }
      return new Head(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
      return seq + ":" + sha256;
    }
  }

  /**
   * The result for people, several lines, ending with a newline:
   * <pre>
   * VALID decisions.jsonl: 12 records, hash chain intact, 12 of 12 signatures verified
   * head 12:3f5a…
   * </pre>
   * or {@code INVALID decisions.jsonl:7: changed: ...}.
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    if (failure.isPresent()) {
      Failure f = failure.get();
      b.append("INVALID ").append(source).append(':').append(f.line()).append(": ")
          .append(f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ").append(f.message())
          .append('\n');
      b.append(String.format(Locale.ROOT, "%d record%s before line %d verified; nothing after it was checked%n",
          records, records == 1 ? "" : "s", f.line()));
    } else {
      b.append("VALID ").append(source).append(": ").append(records).append(records == 1 ? " record" : " records")
          .append(", hash chain intact");
      if (signaturesVerified > 0) {
        b.append(", ").append(signaturesVerified).append(" of ").append(records).append(" signatures verified");
      }
      b.append('\n');
    }
    head.ifPresent(h -> b.append("head ").append(h).append('\n'));
    for (Warning w : warnings) {
      b.append("warning: ");
      if (w.line() > 0) {
        b.append("line ").append(w.line()).append(": ");
      }
      b.append(w.message()).append('\n');
    }
    return b.toString();
  }
}
