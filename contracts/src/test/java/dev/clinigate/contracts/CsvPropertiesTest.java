package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.contracts.internal.Numbers;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CsvPropertiesTest {

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> cell = Arbitraries.strings().withChars("ab,\"\r\n é1.").ofMaxLength(8);
    return Arbitraries.integers().between(1, 4).flatMap(w ->
        cell.list().ofSize(w).list().ofMinSize(1).ofMaxSize(30));
  }

  @Property(tries = 300)
  void anyTable_writtenAsRfc4180_readsBackIdentically(@ForAll("tables") List<List<String>> table,
      @ForAll @IntRange(min = 1, max = 9) int chunk, @ForAll boolean crlf) {
    int width = table.get(0).size();
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      header.add("c" + i);
    }
    b.append(String.join(",", header)).append(crlf ? "\r\n" : "\n");
    List<List<String>> expected = new ArrayList<>();
    for (List<String> row : table) {
      List<String> r = new ArrayList<>(row.subList(0, Math.min(width, row.size())));
      while (r.size() < width) {
        r.add("x");
      }
      expected.add(r);
      for (int i = 0; i < width; i++) {
        if (i > 0) {
          b.append(',');
        }
        String v = r.get(i);
        // quote everything that needs it, and the empty value of a single-column row (a blank line
        // is not a record)
        if (v.isEmpty() && width == 1 || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
          b.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
          b.append(v);
        }
      }
      b.append(crlf ? "\r\n" : "\n");
    }
    try (CsvReader csv = CsvReader.of(new CsvReaderTest.TrickleReader(b.toString(), chunk), "p.csv")) {
      assertEquals(header, csv.header());
      List<List<String>> got = new ArrayList<>();
      while (csv.next()) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          r.add(csv.field(i));
        }
        got.add(r);
      }
      assertEquals(expected, got);
    }
  }

  @Property(tries = 2000)
  void parseDouble_ofAnyDoublesText_equalsJdk(@ForAll double d) {
    String s = Double.toString(d);
    double expected = Double.isFinite(d) ? Double.parseDouble(s) : Double.NaN;
    assertEquals(expected, Numbers.parseDouble(s));
  }

  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(24);
    Arbitrary<String> sign = Arbitraries.of("", "-", "+");
    Arbitrary<String> exp = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.integers().between(-340, 340).map(e -> "e" + e));
    return net.jqwik.api.Combinators.combine(sign, digits, digits, exp)
        .as((s, a, f, e) -> s + a + "." + f + e);
  }

  @Property(tries = 3000)
  void parseDouble_ofDecimalText_equalsJdk(@ForAll("decimals") String s) {
    double jdk = Double.parseDouble(s);
    assertEquals(Double.isFinite(jdk) ? jdk : Double.NaN, Numbers.parseDouble(s));
  }

  @Property(tries = 200)
  void parseDouble_ofNonNumbers_isNaN(@ForAll("junk") String s) {
    assertEquals(Double.NaN, Numbers.parseDouble(s));
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "NaN", "Infinity",
        "-Infinity", "0x10", "1d", "1f", "1,5", "--1", "1e5.5", "abc");
  }
}
