package dev.clinigate.contracts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SimplePatternTest {
  @Provide
  Arbitrary<String> patterns() {
    Arbitrary<String> atom = Arbitraries.of("a", "b", "-", "[0-9]", "[ab]", "\\d", "[a-c]", "\\.", "[-x]", "\\w");
    Arbitrary<String> quantifier = Arbitraries.of("", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}");
    Arbitrary<String> piece = Combinators.combine(atom, quantifier).as((a, q) -> a + q);
    return piece.list().ofMinSize(0).ofMaxSize(5).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> inputs() {
    return Arbitraries.strings().withChars("ab-0129.x_é").ofMaxLength(8);
  }

  @Property(tries = 5000)
  void matches_whenSupported_agreesWithJavaRegex(@ForAll("patterns") String regex, @ForAll("inputs") String input) {
    SimplePattern p = SimplePattern.compile(regex);
    if (p == null) {
      return; // outside the subset: java.util.regex decides
    }
    char[] chars = ("<" + input + ">").toCharArray();
    assertEquals(Pattern.compile(regex).matcher(input).matches(), p.matches(chars, 1, chars.length - 1),
        regex + " on \"" + input + "\"");
  }

  @Test
  void compile_identifierShapes_areSupported() {
    for (String regex : List.of("E-[0-9]{6}", "MRN-[0-9]{6}", "^[A-Z]{3}-\\d+$", "P[0-9]{7}", "[a-z_]+\\.[a-z]{2,3}")) {
      assertNotNull(SimplePattern.compile(regex), regex);
    }
  }

  @Test
  void compile_otherConstructsOrAmbiguousGreed_fallBack() {
    for (String regex : List.of("(a+)+b", "a|b", ".*", "[^a]", "a*?", "a++", "\\p{L}", "\\bx", "a{2}{3}", "[a-z]*z",
        "a?a", "x*y?x", "é+", "[[a]]", "\\1", "(?i)a")) {
      assertNull(SimplePattern.compile(regex), regex);
    }
  }
}
