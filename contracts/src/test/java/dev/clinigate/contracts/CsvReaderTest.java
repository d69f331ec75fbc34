package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.contracts.internal.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private static List<List<String>> rows(CsvReader csv) {
    List<List<String>> out = new ArrayList<>();
    while (csv.next()) {
      List<String> r = new ArrayList<>();
      for (int i = 0; i < csv.columnCount(); i++) {
        r.add(csv.field(i));
      }
      out.add(r);
    }
    return out;
  }

  private static List<List<String>> read(String text) {
    try (CsvReader csv = CsvReader.of(new StringReader(text), "t.csv")) {
      return rows(csv);
    }
  }

  private static String error(String text) {
    return assertThrows(InputException.class, () -> read(text)).getMessage();
  }

  private Path write(byte[] bytes) throws IOException {
    Path p = dir.resolve("data.csv");
    Files.write(p, bytes);
    return p;
  }

  @Test
  void next_quotedCommasNewlinesAndDoubledQuotes_areUnescaped() {
    List<List<String>> r = read("name,note\n\"Smith, J\",\"line1\nline2\"\n\"5'10\"\"\",\"\"\n");
    assertEquals(List.of(List.of("Smith, J", "line1\nline2"), List.of("5'10\"", "")), r);
  }

  @Test
  void next_crlfLoneCrAndMissingFinalNewline_allEndRecords() {
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4"), List.of("5", "6")),
        read("a,b\r\n1,2\r\n3,4\r5,6"));
  }

  @Test
  void next_blankLinesAndTrailingNewlines_areSkipped() {
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), read("a,b\n\n1,2\r\n\r\n3,4\n\n\n"));
  }

  @Test
  void next_trailingCommaAtEndOfFile_isAnEmptyLastField() {
    assertEquals(List.of(List.of("1", "")), read("a,b\n1,"));
    assertEquals(List.of(List.of("1", "")), read("a,b\n1,\"\""));
  }

  @Test
  void quoteInsideUnquotedField_isAnOrdinaryCharacter() {
    assertEquals(List.of(List.of("5'10\"", "x")), read("h,i\n5'10\",x\n"));
  }

  @Test
  void line_multiLineQuotedField_countsPhysicalLines() {
    try (CsvReader csv = CsvReader.of(new StringReader("a,b\r\n\"x\r\ny\",1\r\n2,3\n\n4,5\n"), "t.csv")) {
      assertEquals(0, csv.row());
      assertTrue(csv.next());
      assertEquals(2, csv.line());
      assertEquals(1, csv.row());
      assertTrue(csv.next());
      assertEquals(4, csv.line());
      assertEquals(2, csv.row());
      assertEquals("t.csv:4 (row 2)", csv.location());
      assertTrue(csv.next());
      assertEquals(6, csv.line());
      assertFalse(csv.next());
    }
  }

  @Test
  void open_utf8WithBom_stripsTheBom() throws IOException {
    byte[] body = "age,sex\n41,F\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    try (CsvReader csv = CsvReader.open(write(bytes), "bom.csv")) {
      assertEquals(List.of("age", "sex"), csv.header());
      assertEquals(0, csv.column("age"));
      assertEquals(List.of(List.of("41", "F")), rows(csv));
    }
  }

  @Test
  void open_multiByteUtf8_decodes() throws IOException {
    try (CsvReader csv = CsvReader.open(write("név,city\nZoë,Zürich 東京\n".getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(List.of("név", "city"), csv.header());
      assertEquals(List.of(List.of("Zoë", "Zürich 東京")), rows(csv));
    }
  }

  @Test
  void open_latin1Byte_namesLineAndColumn() throws IOException {
    byte[] bytes = "a,b\n1,2\nx,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    InputException e = assertThrows(InputException.class, () -> {
      try (CsvReader csv = CsvReader.open(write(bytes), "latin1.csv")) {
        rows(csv);
      }
    });
    assertEquals("ERROR: latin1.csv:3:6: the file is not valid UTF-8\n"
        + "hint: save the file as UTF-8; it may be in Latin-1 or Windows-1252", e.getMessage());
  }

  @Test
  void open_truncatedMultiByteSequenceAtEnd_isInvalidUtf8() throws IOException {
    byte[] bytes = {'a', '\n', 'x', (byte) 0xE2, (byte) 0x82};
    InputException e = assertThrows(InputException.class, () -> {
      try (CsvReader csv = CsvReader.open(write(bytes), "t.csv")) {
        rows(csv);
      }
    });
    assertEquals("ERROR: t.csv:2:2: the file is not valid UTF-8\n"
        + "hint: save the file as UTF-8; it may be in Latin-1 or Windows-1252", e.getMessage());
  }

  @Test
  void open_missingFile_isInputException() {
    InputException e = assertThrows(InputException.class, () -> CsvReader.open(dir.resolve("nope.csv"), "nope.csv"));
    assertEquals("ERROR: nope.csv: file not found\nhint: check the path", e.getMessage());
  }

  @Test
  void emptyFile_isAnErrorAskingForAHeader() {
    String expected = "ERROR: t.csv: the file is empty; a header row is required\n"
        + "hint: write the column names on the first line, e.g. age,sex,creatinine";
    assertEquals(expected, error(""));
    assertEquals(expected, error("\n\r\n"));
    assertEquals(expected, error("\uFEFF"));
  }

  @Test
  void headerOnly_hasZeroRows() {
    try (CsvReader csv = CsvReader.of(new StringReader("a,b\n"), "t.csv")) {
      assertEquals(List.of("a", "b"), csv.header());
      assertFalse(csv.next());
      assertEquals(0, csv.row());
    }
  }

  @Test
  void duplicateHeaderName_namesBothColumns() {
    assertEquals("ERROR: t.csv:1: duplicate column name \"age\" (columns 1 and 3)\n"
        + "hint: rename one of the two columns; a column name must be unique", error("age,sex,age\n1,F,2\n"));
  }

  @Test
  void emptyHeaderName_isAnError() {
    assertEquals("ERROR: t.csv:1: column 2 of the header has an empty name\nhint: give every column a name",
        error("age,,sex\n"));
  }

  @Test
  void raggedRow_namesLineRowAndCounts() {
    assertEquals("ERROR: t.csv:4: row 2 has 3 fields, expected 2 as in the header\n"
        + "hint: quote a value that contains a comma, e.g. \"Smith, J\"", error("a,b\n1,2\n\n3,4,5\n"));
    assertEquals("ERROR: t.csv:3: row 2 has 1 field, expected 2 as in the header\n"
        + "hint: every row needs one value per header column; write an empty value as ,,", error("a,b\n1,2\n3\n"));
  }

  @Test
  void unclosedQuote_namesTheLineItOpened() {
    assertEquals("ERROR: t.csv:3: a quoted field opened on line 3 (row 2) is never closed\n"
        + "hint: close the quote, and write a quote inside a quoted field as two quotes \"\"",
        error("a,b\n1,2\n3,\"abc\n4,5\n"));
  }

  @Test
  void characterAfterClosingQuote_isAnErrorWithoutQuotingTheValue() {
    assertEquals("ERROR: t.csv:2:7: unexpected character after the closing quote of field 2 (row 1)\n"
        + "hint: a quoted field must be followed by a comma or the end of the line; "
        + "write a quote inside a quoted field as two quotes \"\"", error("a,b\n1,\"ab\"c\n"));
  }

  @Test
  void overlongRecord_isAnError() {
    String longField = "x".repeat(100);
    InputException e = assertThrows(InputException.class, () -> {
      try (CsvParser p = CsvParser.of(new StringReader("a,b\n1,2\n1," + longField + "\n"), "t.csv", 64)) {
        while (p.next()) {
          assertEquals(2, p.width());
        }
      }
    });
    assertEquals("ERROR: t.csv:3: the record starting on line 3 is longer than 64 characters\n"
        + "hint: is a quote unbalanced? An unclosed quoted field runs on to the end of the file", e.getMessage());
  }

  @Test
  void next_recordsAcrossManyBufferRefills_areIntact() {
    StringBuilder b = new StringBuilder("id,text,n\n");
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String text = i % 3 == 0 ? "plain" + i : "q, \"" + i + "\"\n" + "y".repeat(i % 50);
      String quoted = i % 3 == 0 ? text : "\"" + text.replace("\"", "\"\"") + "\"";
      b.append(i).append(',').append(quoted).append(',').append(i * 0.5).append(i % 2 == 0 ? "\n" : "\r\n");
      expected.add(List.of(Integer.toString(i), text, Double.toString(i * 0.5)));
    }
    assertEquals(expected, read(b.toString()));
    try (CsvReader csv = CsvReader.of(new TrickleReader(b.toString(), 7), "t.csv")) {
      assertEquals(expected, rows(csv));
    }
  }

  @Test
  void column_unknownName_suggestsTheClosest() {
    try (CsvReader csv = CsvReader.of(new StringReader("age,creatinine\n"), "t.csv")) {
      assertEquals(1, csv.column("creatinine"));
      assertTrue(csv.findColumn("sex").isEmpty());
      InputException e = assertThrows(InputException.class, () -> csv.column("creatinin"));
      assertEquals("ERROR: t.csv:1: no column named \"creatinin\" in the header\nhint: did you mean \"creatinine\"?",
          e.getMessage());
    }
  }

  @Test
  void number_parsesFiniteDecimalsAndRejectsTheRest() {
    try (CsvReader csv = CsvReader.of(new StringReader("v\n1.25\n-3e2\n\nNaN\n 5\n1e400\n.5\n"), "t.csv")) {
      List<Double> values = new ArrayList<>();
      while (csv.next()) {
        values.add(csv.number(0));
      }
      // the empty line is skipped: blank lines are not records
      assertEquals(List.of(1.25, -300.0, Double.NaN, Double.NaN, Double.NaN, 0.5), values);
    }
  }

  @Test
  void chars_isAZeroCopyViewOfTheCurrentField() {
    try (CsvReader csv = CsvReader.of(new StringReader("a,b\nxy,\"z,\"\n"), "t.csv")) {
      assertTrue(csv.next());
      CharSequence v = csv.chars(1);
      assertEquals(2, v.length());
      assertEquals(',', v.charAt(1));
      assertTrue("z,".contentEquals(v));
      assertFalse(csv.isEmpty(0));
      assertThrows(IndexOutOfBoundsException.class, () -> csv.field(2));
    }
  }

  /** A reader that hands out at most {@code chunk} chars per call, to exercise buffer refills. */
  static final class TrickleReader extends Reader {
    private final String text;
    private final int chunk;
    private int pos;

    TrickleReader(String text, int chunk) {
      this.text = text;
      this.chunk = chunk;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos >= text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), text.length() - pos);
      text.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      pos = text.length();
    }
  }
}
