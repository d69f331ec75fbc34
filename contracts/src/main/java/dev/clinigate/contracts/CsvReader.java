package dev.clinigate.contracts;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.SourceFiles;
import dev.clinigate.Problem;
import dev.clinigate.contracts.internal.CsvParser;
import dev.clinigate.contracts.internal.Hints;
import dev.clinigate.contracts.internal.Numbers;
import java.io.Closeable;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A streaming reader of CSV files with a header row (RFC 4180), in constant memory.
 *
 * <pre>{@code
 * try (CsvReader csv = CsvReader.open(Path.of("predictions.csv"))) {
 *   int label = csv.column("label");
 *   int score = csv.column("score");
 *   while (csv.next()) {
 *     double p = csv.number(score);          // NaN when the field is not a finite number
 *     if (Double.isNaN(p)) {
 *       throw new IllegalArgumentException("score is not a number (" + csv.location() + ")");
 *     }
 *     String y = csv.field(label);
 *   }
 * }
 * }</pre>
 *
 * <p>What it accepts: fields separated by commas; quoted fields ({@code "a, b"}) that may hold commas,
 * line breaks and doubled quotes ({@code "5'10"""}); records ending in LF, CRLF or a lone CR; a UTF-8
 * byte order mark at the start (dropped). Blank lines are skipped (write a single empty value as
 * {@code ""}). Files are decoded as strict UTF-8.
 *
 * <p>What it rejects, as an {@link InputException} naming {@code file:line}: an empty file (no header),
 * an empty or duplicate header name, a row whose field count differs from the header's, an unclosed
 * quote, a character between a closing quote and the next comma, a record longer than
 * {@link #MAX_RECORD_CHARS} characters, and bytes that are not UTF-8. A header-only file has zero rows
 * and is not an error. Messages never quote field contents: a field may hold protected health
 * information.
 *
 * <p>Memory is bounded by the longest record. Field accessors read the current record only; the
 * zero-copy {@link #chars(int)} view is valid until the next call to {@link #next()}. A reader is not
 * thread-safe; after it has thrown, close it.
 */
public final class CsvReader implements Closeable {
  /** Longest accepted record, in characters (1 MiB). */
  public static final int MAX_RECORD_CHARS = CsvParser.DEFAULT_MAX_RECORD_CHARS;

  private final CsvParser parser;
  private final FieldView[] views;

  private CsvReader(CsvParser parser) {
    this.parser = parser;
    this.views = new FieldView[parser.width()];
  }

  /**
   * Opens a UTF-8 CSV file; its path, as given, names it in messages.
   *
   * @throws InputException if the file cannot be read, or its header is empty or invalid
   */
  public static CsvReader open(Path file) {
    return open(file, file.toString());
  }

  /**
   * Opens a UTF-8 CSV file, naming it {@code sourceName} in messages.
   *
   * @throws InputException if the file cannot be read, or its header is empty or invalid
   */
  public static CsvReader open(Path file, String sourceName) {
    return open(file, sourceName, SourceFiles.besideFile(file));
  }

  /**
   * Opens a UTF-8 CSV file through {@code files}: confined to its root, a regular file, at most
   * {@link Limits#maxCsvBytes()} bytes (counted while reading) and {@link Limits#maxColumns()} columns.
   *
   * @throws InputException if the file may not or cannot be read, or its header is empty or invalid
   */
  public static CsvReader open(Path file, String sourceName, SourceFiles files) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sourceName, "sourceName");
    Limits limits = files.limits();
    InputStream in;
    try {
      in = files.open(file, limits.maxCsvBytes(), "maxCsvBytes");
    } catch (InputException e) {
      Problem p = e.problems().get(0);
      throw new InputException(Problem.at(sourceName, p.line(), p.column(), p.message(), p.hint()), e);
    }
    return new CsvReader(CsvParser.utf8(in, sourceName, MAX_RECORD_CHARS, limits.maxColumns()));
  }

  /**
   * A reader over characters the host has already decoded (e.g. a {@link java.io.StringReader} in a
   * test, or a stream whose charset the host knows). The reader is closed by {@link #close()}.
   *
   * @throws InputException if the header is missing or invalid
   */
  public static CsvReader of(Reader in, String sourceName) {
    return of(in, sourceName, Limits.defaults());
  }

  /** A reader over decoded characters whose header may have at most {@link Limits#maxColumns()} columns. */
  public static CsvReader of(Reader in, String sourceName, Limits limits) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    return new CsvReader(CsvParser.of(in, sourceName, MAX_RECORD_CHARS, limits.maxColumns()));
  }

  /** The name of the input, as used in messages. */
  public String source() {
    return parser.source();
  }

  /** The header's column names, in file order (immutable). */
  public List<String> header() {
    return parser.header();
  }

  /** Number of columns. */
  public int columnCount() {
    return parser.width();
  }

  /**
   * The 0-based index of the column named {@code name}.
   *
   * @throws InputException if there is no such column; the hint suggests the closest header name
   */
  public int column(String name) {
    OptionalInt i = findColumn(name);
    if (i.isPresent()) {
      return i.getAsInt();
    }
    throw new InputException(Problem.at(source(), 1, 0, "no column named \"" + name + "\" in the header",
        Hints.didYouMeanInHeader(name, header())));
  }

  /** The 0-based index of the column named {@code name}, if the header has it. */
  public OptionalInt findColumn(String name) {
    int i = header().indexOf(name);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * Advances to the next data row.
   *
   * @return false at the end of the file
   * @throws InputException for a ragged row, an unclosed quote, an over-long record, bytes that are
   *     not UTF-8, or an I/O error
   */
  public boolean next() {
    return parser.next();
  }

  /** Field {@code i} of the current row, as a new string. */
  public String field(int i) {
    checkIndex(i);
    return new String(parser.buffer(), parser.start(i), parser.end(i) - parser.start(i));
  }

  /**
   * Field {@code i} of the current row as a zero-copy view, valid until the next call to
   * {@link #next()} (copy it with {@code toString()} to keep it).
   */
  public CharSequence chars(int i) {
    checkIndex(i);
    FieldView v = views[i];
    if (v == null) {
      v = views[i] = new FieldView();
    }
    v.set(parser.buffer(), parser.start(i), parser.end(i));
    return v;
  }

  /** Whether field {@code i} of the current row is empty. */
  public boolean isEmpty(int i) {
    checkIndex(i);
    return parser.start(i) == parser.end(i);
  }

  /**
   * Field {@code i} of the current row parsed as a finite decimal number without allocating, or NaN
   * if it is not one (empty, text, {@code NaN}, {@code Infinity}, surrounding spaces). The value equals
   * {@link Double#parseDouble(String)}'s.
   */
  public double number(int i) {
    checkIndex(i);
    return Numbers.parseDouble(parser.buffer(), parser.start(i), parser.end(i));
  }

  /** Physical line (1-based) where the current row starts; the header is line 1 or later. */
  public long line() {
    return parser.line();
  }

  /** 1-based number of the current data row (the header is not a row); 0 before the first {@link #next()}. */
  public long row() {
    return parser.row();
  }

  /** Where the current row is, for messages: {@code "file.csv:43 (row 42)"}. */
  public String location() {
    return source() + ":" + line() + " (row " + row() + ")";
  }

  /** The parser behind this reader, for the contract checker's allocation-free access. */
  CsvParser parser() {
    return parser;
  }

  /** Closes the underlying file or reader. */
  @Override
  public void close() {
    parser.close();
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= parser.width()) {
      throw new IndexOutOfBoundsException("column index must be within [0, " + (parser.width() - 1)
          + "], found " + i);
    }
  }

  /** A reusable view of one field of the current record. */
  private static final class FieldView implements CharSequence {
    private char[] buf;
    private int start;
    private int end;

    void set(char[] b, int s, int e) {
      buf = b;
      start = s;
      end = e;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= end - start) {
        throw new IndexOutOfBoundsException("index " + index + " outside [0, " + (end - start) + ")");
      }
      return buf[start + index];
    }

    @Override
    public CharSequence subSequence(int s, int e) {
      return toString().subSequence(s, e);
    }

    @Override
    public String toString() {
      return new String(buf, start, end - start);
    }
  }
}
