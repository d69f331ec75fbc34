package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The typed condition language: what compiles, what does not and where, and the limits. */
class ConditionTest {
  private static Condition.SyntaxError error(String text) {
    return assertThrows(Condition.SyntaxError.class, () -> Condition.parse(text));
  }

  @Test
  void parse_everyConstructOfTheGrammar_compiles() {
    for (String ok : List.of("auroc >= 0.78", "auroc >= 0.78 || n >= 5000", "!(ece > 0.1) && true",
        "sensitivity@0.5 >= 0.8", "auroc.lower95 > 0.7", "ece[site=east] <= 0.08", "psi[creatinine] < 0.2",
        "worst(ece by site) < 0.1", "best(auroc by sex) - worst(auroc by sex) <= 0.05", "n[age_band=65+] >= 100",
        "abs(ece[sex=F] - ece[sex=M]) <= 0.02", "min(auroc, auprc, 0.9) * 2 / 1 + -0.1 >= 1", "true == (!false)", "!auroc > 0.9",
        "ece[age_band=18-44] != 0", "auroc.point >= 1e-1", "(((auroc))) > .5")) {
      assertEquals(ok, Condition.parse(ok).text());
    }
  }

  @Test
  void parse_typeErrors_locatedAtTheOperand() {
    Condition.SyntaxError e = error("n > 5000 && auroc");
    assertEquals("'&&' needs true/false on both sides, but auroc is a number", e.getMessage());
    assertEquals(12, e.offset());
    e = error("auroc >= (n > 5)");
    assertEquals("'>=' compares numbers, but (n > 5) is true/false", e.getMessage());
    assertEquals(9, e.offset());
    e = error("true == 1");
    assertEquals("'==' compares values of one type, but true is true/false and 1 is a number", e.getMessage());
    e = error("abs(true)");
    assertEquals("abs(...) needs numbers, but true is true/false", e.getMessage());
    e = error("-(auroc > 1)");
    assertEquals("'-' needs a number, but (auroc > 1) is true/false", e.getMessage());
  }

  @Test
  void parse_unknownNames_carryTheNameForHints() {
    Condition.SyntaxError e = error("aucroc > 0.7");
    assertEquals("unknown metric \"aucroc\"", e.getMessage());
    assertEquals("aucroc", e.unknownName().orElseThrow());
    e = error("mean(auroc, ece) > 1");
    assertEquals("unknown function \"mean\"", e.getMessage());
    assertEquals("functions: min, max, abs, worst, best", e.hint());
  }

  @Test
  void parse_syntaxErrors_namedAndLocated() {
    assertEquals("comparisons cannot be chained", error("0 < auroc < 1").getMessage());
    assertEquals(10, error("0 < auroc < 1").offset());
    assertEquals("unexpected '&'", error("auroc > 1 & n > 2").getMessage());
    assertEquals("unexpected '='", error("auroc = 1").getMessage());
    assertEquals("'[' is never closed", error("ece[site=east > 1").getMessage());
    assertEquals("the condition is empty", error("   ").getMessage());
    assertEquals("the condition ends too early, expected a value", error("auroc >=").getMessage());
    assertEquals("unexpected 'n' after a complete condition", error("auroc > 1 n > 2").getMessage());
    assertEquals("abs takes one argument, found 2", error("abs(auroc, ece) > 1").getMessage());
    assertEquals("min takes at least two arguments, found 1", error("min(auroc) > 1").getMessage());
    assertEquals("unexpected character '$'", error("$auroc > 1").getMessage());
    assertEquals("\"by\" is a reserved word", error("by > 1").getMessage());
    assertEquals("psi needs a feature in a condition", error("psi < 0.2").getMessage());
    assertEquals("drift metrics are per feature and have no groups", error("psi[site=east] < 0.2").getMessage());
    assertEquals("metric \"auroc\" takes no [feature]; only drift metrics do", error("auroc[east] > 1").getMessage());
    assertEquals("unknown statistic \".lower90\" in auroc.lower90", error("auroc.lower90 > 1").getMessage());
    assertEquals("\"n\" is a count and has no confidence bounds", error("n.lower95 > 1").getMessage());
    assertEquals("worst(...) needs a metric where higher or lower is better, and n is neither",
        error("worst(n by site) > 1").getMessage());
  }

  @Test
  void parse_limits_lengthAndNesting() {
    String longText = "auroc > 0.5" + " && auroc > 0.5".repeat(70);
    Condition.SyntaxError e = error(longText);
    assertEquals("the condition has 1061 characters, more than the 1000 allowed", e.getMessage());
    String deep = "(".repeat(33) + "auroc > 1" + ")".repeat(33);
    assertEquals("the condition nests deeper than 32 levels", error(deep).getMessage());
    String ok = "(".repeat(32) + "auroc > 1" + ")".repeat(32);
    assertTrue(Condition.parse(ok).text().startsWith("(("));
    assertEquals("the condition nests deeper than 32 levels", error("!".repeat(40) + "true").getMessage());
  }

  @Property(tries = 2000)
  void parse_arbitraryText_onlySyntaxError(@ForAll("conditionish") String text) {
    try {
      Condition.parse(text);
    } catch (Condition.SyntaxError e) {
      assertTrue(e.offset() >= 0 && e.offset() <= Math.max(text.length(), 1000), e.offset() + " in " + text);
    }
  }

  @Provide
  Arbitrary<String> conditionish() {
    Arbitrary<String> tokens = Arbitraries.of("auroc", "ece", "n", "sensitivity", "@", "0.5", "1e3", "[", "]",
        "site=east", "(", ")", "&&", "||", "!", "<", "<=", ">=", "==", "!=", "+", "-", "*", "/", ",", ".", "lower95",
        "worst", "best", "by", "abs", "min", "max", "true", "false", " ", "psi", "x", "=", "&", "|", "\u00e9", "9".repeat(400));
    return tokens.list().ofMaxSize(30).map(l -> String.join("", l));
  }
}
