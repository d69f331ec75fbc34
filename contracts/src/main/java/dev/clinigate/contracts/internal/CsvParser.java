package dev.clinigate.contracts.internal;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A streaming RFC 4180 CSV parser over one reusable char buffer.
 *
 * <p>Design note: a record's fields are ranges {@code [start(i), end(i))} of {@link #buffer()}; quoted
 * fields are unescaped in place (a {@code ""} pair shrinks to one quote, so the write position never
 * overtakes the read position). When a record runs past the end of the buffer, the unfinished record
 * is moved to the front and the buffer refilled; a record longer than the buffer doubles it, up to the
 * maximum record length. Memory is therefore bounded by the longest record, not by the file.
 *
 * <p>Conventions: the first record is the header; a UTF-8 byte order mark is dropped; records end with
 * LF, CRLF or a lone CR; blank lines are skipped (a single empty value is written {@code ""}); a quote
 * inside an unquoted field is an ordinary character. Messages never quote field contents (a field
 * may hold protected health information); they name the source, the line and the row.
 *
 * <p>Not thread-safe: one parser belongs to one reading thread.
 */
public final class CsvParser implements Closeable {
  /** Default maximum length of one record, in chars (1 MiB). */
  public static final int DEFAULT_MAX_RECORD_CHARS = 1 << 20;
  private static final int INITIAL_BUFFER = 1 << 16;
  private static final int EOF = -1;

  private final CharSource in;
  private final String source;
  private final int maxRecordChars;

  private char[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  /** Absolute offset (in chars) of buf[0] in the input. */
  private long base;
  private int lastShift;

  private long line = 1;
  private long lineStartAbs;
  private boolean prevCr;

  private int recStart;
  private long recLine;
  private long row;
  private int n;
  private int[] starts = new int[16];
  private int[] ends = new int[16];

  private final List<String> header;
  private final int width;

  private CsvParser(CharSource in, String source, int maxRecordChars, int maxColumns) {
    this.in = in;
    this.source = source;
    this.maxRecordChars = maxRecordChars;
    this.buf = new char[Math.min(INITIAL_BUFFER, Math.max(16, maxRecordChars))];
    try {
      if (fill() && buf[0] == '\uFEFF') {
        pos = 1;
        lineStartAbs = 1;
      }
      if (!readRecord()) {
        throw new InputException(Problem.at(source, 0, 0, "the file is empty; a header row is required",
            "write the column names on the first line, e.g. age,sex,creatinine"));
      }
      if (n > maxColumns) {
        throw new InputException(Problem.at(source, 1, 0, "the header has " + n + " columns, more than "
            + Limits.describe("maxColumns", maxColumns), Limits.raiseHint("maxColumns")));
      }
      this.header = readHeader();
      this.width = header.size();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** A parser over a UTF-8 byte stream (strict decoding; a BOM is dropped). */
  public static CsvParser utf8(InputStream in, String source, int maxRecordChars) {
    return utf8(in, source, maxRecordChars, Limits.defaults().maxColumns());
  }

  /** A parser over a UTF-8 byte stream whose header may have at most {@code maxColumns} columns. */
  public static CsvParser utf8(InputStream in, String source, int maxRecordChars, int maxColumns) {
    return new CsvParser(CharSource.utf8(in), source, checkMax(maxRecordChars), maxColumns);
  }

  /** A parser over an already decoding reader. */
  public static CsvParser of(Reader reader, String source, int maxRecordChars) {
    return of(reader, source, maxRecordChars, Limits.defaults().maxColumns());
  }

  /** A parser over an already decoding reader whose header may have at most {@code maxColumns} columns. */
  public static CsvParser of(Reader reader, String source, int maxRecordChars, int maxColumns) {
    return new CsvParser(CharSource.of(reader), source, checkMax(maxRecordChars), maxColumns);
  }

  private static int checkMax(int maxRecordChars) {
    if (maxRecordChars < 16) {
      throw new IllegalArgumentException("maxRecordChars must be at least 16, found " + maxRecordChars);
    }
    return maxRecordChars;
  }

  private List<String> readHeader() {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = new String(buf, starts[i], ends[i] - starts[i]);
      if (name.isEmpty()) {
        throw new InputException(Problem.at(source, (int) recLine, 0,
            "column " + (i + 1) + " of the header has an empty name", "give every column a name"));
      }
      int j = names.indexOf(name);
      if (j >= 0) {
        throw new InputException(Problem.at(source, (int) recLine, 0,
            "duplicate column name \"" + name + "\" (columns " + (j + 1) + " and " + (i + 1) + ")",
            "rename one of the two columns; a column name must be unique"));
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** The source name used in messages. */
  public String source() {
    return source;
  }

  /** The header's column names, in file order. */
  public List<String> header() {
    return header;
  }

  /** Number of columns (of the header, and of every record). */
  public int width() {
    return width;
  }

  /**
   * Advances to the next record; returns false at the end of the input.
   *
   * @throws InputException for a ragged row, an unterminated quote, a record over the maximum length,
   *     bytes that are not UTF-8, or an I/O error
   */
  public boolean next() {
    if (!readRecord()) {
      return false;
    }
    row++;
    if (n != width) {
      throw new InputException(Problem.at(source, (int) Math.min(Integer.MAX_VALUE, recLine), 0,
          String.format(Locale.ROOT, "row %d has %d field%s, expected %d as in the header", row, n,
              n == 1 ? "" : "s", width),
          n > width
              ? "quote a value that contains a comma, e.g. \"Smith, J\""
              : "every row needs one value per header column; write an empty value as ,,"));
    }
    return true;
  }

  /** The current buffer; valid until the next call to {@link #next()}. */
  public char[] buffer() {
    return buf;
  }

  /** Start of field {@code i} of the current record in {@link #buffer()}. */
  public int start(int i) {
    return starts[i];
  }

  /** End (exclusive) of field {@code i} of the current record in {@link #buffer()}. */
  public int end(int i) {
    return ends[i];
  }

  /** Physical line (1-based) where the current record starts. */
  public long line() {
    return recLine;
  }

  /** Characters read so far (including the header and line ends): a measure of progress through the input. */
  public long position() {
    return base + pos;
  }

  /** 1-based number of the current data record (the header is not counted). */
  public long row() {
    return row;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new InputException(Problem.at(source, 0, 0, "cannot close the file: " + e.getMessage(), ""), e);
    }
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException | RuntimeException ignored) {
      // the original failure is the one worth reporting
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // scanning

  private boolean readRecord() {
    // skip blank lines
    while (true) {
      if (pos >= limit) {
        recStart = pos;
        if (!fill()) {
          return false;
        }
      }
      char c = buf[pos];
      if (c == '\r') {
        pos++;
        lineBreak();
        prevCr = true;
      } else if (c == '\n') {
        pos++;
        if (prevCr) {
          lineStartAbs = base + pos;
        } else {
          lineBreak();
        }
        prevCr = false;
      } else {
        prevCr = false;
        break;
      }
    }
    recStart = pos;
    recLine = line;
    n = 0;
    while (true) {
      if (pos >= limit && !fill()) {
        addField(pos, pos); // a trailing comma before the end of input: one more empty field
        return true;
      }
      int term = buf[pos] == '"' ? quotedField() : plainField();
      if (term != ',') {
        return true;
      }
    }
  }

  private int plainField() {
    int start = pos;
    while (true) {
      final char[] b = buf;
      final int lim = limit;
      int p = pos;
      while (p < lim) {
        char c = b[p];
        if (c > ',') {
          p++;
          continue;
        }
        if (c == ',') {
          addField(start, p);
          pos = p + 1;
          return ',';
        }
        if (c == '\n' || c == '\r') {
          addField(start, p);
          pos = p + 1;
          lineBreak();
          prevCr = c == '\r';
          return c;
        }
        p++;
      }
      pos = p;
      if (!fill()) {
        addField(start - lastShift, pos);
        return EOF;
      }
      start -= lastShift;
    }
  }

  private int quotedField() {
    pos++; // the opening quote
    int start = pos;
    int w = pos;
    long openLine = line;
    while (true) {
      if (pos >= limit) {
        boolean more = fill();
        start -= lastShift;
        w -= lastShift;
        if (!more) {
          throw new InputException(Problem.at(source, clampLine(openLine), 0,
              "a quoted field opened on line " + openLine + " (" + record() + ") is never closed",
              "close the quote, and write a quote inside a quoted field as two quotes \"\""));
        }
      }
      char c = buf[pos];
      if (c == '"') {
        if (pos + 1 >= limit) {
          boolean more = fill();
          start -= lastShift;
          w -= lastShift;
          if (!more) {
            addField(start, w);
            pos++;
            return EOF;
          }
        }
        char d = buf[pos + 1];
        if (d == '"') {
          buf[w++] = '"';
          pos += 2;
          continue;
        }
        addField(start, w);
        pos += 2;
        if (d == ',') {
          return ',';
        }
        if (d == '\n' || d == '\r') {
          lineBreak();
          prevCr = d == '\r';
          return d;
        }
        pos--;
        throw new InputException(Problem.at(source, clampLine(line), column(),
            "unexpected character after the closing quote of field " + n + " (" + record() + ")",
            "a quoted field must be followed by a comma or the end of the line; "
                + "write a quote inside a quoted field as two quotes \"\""));
      }
      if (c == '\r') {
        pos++;
        lineBreak();
        prevCr = true;
      } else if (c == '\n') {
        pos++;
        if (prevCr) {
          lineStartAbs = base + pos;
        } else {
          lineBreak();
        }
        prevCr = false;
      } else {
        pos++;
        prevCr = false;
      }
      buf[w++] = c;
    }
  }

  /** Names the record being read: "the header" or "row N". */
  private String record() {
    return header == null ? "the header" : "row " + (row + 1);
  }

  private void addField(int start, int end) {
    if (n == starts.length) {
      starts = Arrays.copyOf(starts, n * 2);
      ends = Arrays.copyOf(ends, n * 2);
    }
    starts[n] = start;
    ends[n] = end;
    n++;
  }

  private void lineBreak() {
    line++;
    lineStartAbs = base + pos;
  }

  private int column() {
    return (int) Math.min(Integer.MAX_VALUE, base + pos - lineStartAbs + 1);
  }

  private static int clampLine(long l) {
    return (int) Math.min(Integer.MAX_VALUE, l);
  }

  /**
   * Moves the unfinished record to the front of the buffer (recording the shift in {@link #lastShift}),
   * grows the buffer if the record fills it, and reads more chars. Returns false at the end of input.
   */
  private boolean fill() {
    lastShift = 0;
    if (eof) {
      return false;
    }
    int shift = recStart;
    if (shift > 0) {
      System.arraycopy(buf, shift, buf, 0, limit - shift);
      pos -= shift;
      limit -= shift;
      base += shift;
      recStart = 0;
      for (int i = 0; i < n; i++) {
        starts[i] -= shift;
        ends[i] -= shift;
      }
      lastShift = shift;
    }
    if (limit == buf.length) {
      if (buf.length >= maxRecordChars) {
        throw new InputException(Problem.at(source, clampLine(recLine), 0, String.format(Locale.ROOT,
            "the record starting on line %d is longer than %d characters", recLine, maxRecordChars),
            "is a quote unbalanced? An unclosed quoted field runs on to the end of the file"));
      }
      buf = Arrays.copyOf(buf, (int) Math.min(maxRecordChars, 2L * buf.length));
    }
    int r;
    try {
      r = in.read(buf, limit, buf.length - limit);
    } catch (CharacterCodingException e) {
      throw new InputException(Problem.at(source, clampLine(line), column(), "the file is not valid UTF-8",
          "save the file as UTF-8; it may be in Latin-1 or Windows-1252"), e);
    } catch (IOException e) {
      throw new InputException(Problem.at(source, clampLine(line), 0, "cannot read the file: " + e.getMessage(),
          ""), e);
    }
    if (r < 0) {
      eof = true;
      return false;
    }
    limit += r;
    return true;
  }
}
