package dev.clinigate.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.PolicyException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract patterns cannot stall a check, and CSV headers are bounded. */
class PatternBoundsTest {
  private static String contract(String pattern) {
    return "apiVersion: clinigate/v1\nkind: DataContract\nmetadata: {name: t, version: 1}\nspec:\n  features:\n"
        + "    - {name: id, type: string, pattern: '" + pattern + "'}\n";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(?:(?:(?:(?:a*)*)*)*)*b|15",
      "(a+)+$|4",
      "(\\d+,?)*|7",
      "(a{2,}x?)+|9",
      "((ab)*c)*|8",
      "(a{1,40}b?){1,100}|11"})
  void contract_nestedRepetition_refusedAtLoad(String pattern, int index) {
    PolicyException e = assertThrows(PolicyException.class, () -> DataContracts.parse(contract(pattern), "c.yaml"));
    assertEquals("pattern nests a repetition inside a repeated group (near index " + index + "), which can take "
        + "exponential time on long values", e.problems().get(0).message());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"E-[0-9]{6}", "[A-Z]{3}-\\d+", "(ab)+", "(?:[a-z]+-)?[0-9]+", "(a|b)*c",
      "[(]a+[)]+", "\\(a+\\)+", "(a{2}){3}", "(.*a){10}b"})
  void contract_linearPatterns_accepted(String pattern) {
    assertEquals("t", DataContracts.parse(contract(pattern), "c.yaml").name());
  }

  @Test
  void check_overlappingAlternation_spendsAtMostTheFileBudget_failsClosed() {
    // (.*a){10}b nests no unbounded repetition (so it loads) but takes about 45 s per value of 40 a's in
    // java.util.regex: only the work budgets stop it
    DataContract c = DataContracts.parse(contract("(.*a){10}b"), "c.yaml");
    StringBuilder csv = new StringBuilder("id\n");
    for (int i = 0; i < 2_000; i++) {
      csv.append("a".repeat(40)).append('\n');
    }
    long start = System.nanoTime();
    ContractResult r;
    try (CsvReader reader = CsvReader.of(new StringReader(csv.toString()), "d.csv")) {
      r = ContractChecker.builder(c).limits(Limits.defaults().withMaxPatternSteps(2_000_000)).build().check(reader);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "took " + millis + " ms");
    String message = r.violations().get(0).message();
    assertTrue(message.startsWith("id: 2,000 values do not match the pattern \"(.*a){10}b\""), message);
    assertTrue(message.endsWith("; 2,000 of them were too costly to match and count as not matching (the pattern's "
        + "work for this file reached the limit maxPatternSteps = 2,000,000 at row 21)"), message);
  }

  @Test
  void csv_headerWiderThanTheLimit_refusedBeforeTheRows() {
    InputException e = assertThrows(InputException.class,
        () -> CsvReader.of(new StringReader("a,b,c,d\n1,2,3,4\n"), "d.csv", Limits.defaults().withMaxColumns(3)));
    assertEquals("d.csv:1: the header has 4 columns, more than the limit maxColumns = 3",
        e.problems().get(0).location() + ": " + e.problems().get(0).message());
  }
}
