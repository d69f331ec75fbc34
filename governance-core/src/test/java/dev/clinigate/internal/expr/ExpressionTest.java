package dev.clinigate.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression engine over a toy vocabulary: evaluation, explanation and undefined values. */
class ExpressionTest {
  /** Every name is a number, except names starting with "is", which are booleans. */
  private static final Vocabulary VOCABULARY = new Vocabulary() {
    @Override
    public Type typeOf(Reference ref) {
      return ref.name().startsWith("is") ? Type.BOOLEAN : Type.NUMBER;
    }

    @Override
    public void checkGroup(String function, Reference metric, String column) {}
  };

  private static Resolver values(Map<String, Value> values) {
    return new Resolver() {
      @Override
      public Value value(Reference ref) {
        return values.getOrDefault(ref.text(), Value.undefined(ref.text() + " is missing"));
      }

      @Override
      public Value group(String function, Reference metric, String column) {
        return Value.of(0.146, column + "=east");
      }
    };
  }

  @Test
  void evaluate_explainsEveryClauseWithObservedValues() {
    Expression e = Expression.compile("auroc >= 0.78 || n >= 5000", VOCABULARY);
    Expression.Evaluation r = e.evaluate(values(Map.of("auroc", Value.of(0.714), "n", Value.of(40000))));
    assertTrue(r.result().bool());
    assertEquals(List.of("auroc 0.714 >= 0.78 is false", "n 40000 >= 5000 is true"), r.clauses());
    assertEquals(List.of(), r.undefined());
  }

  @Test
  void evaluate_missingValue_undefinedEvenWhenTheOtherSideDecides() {
    Expression e = Expression.compile("a > 1 || b > 1", VOCABULARY);
    Expression.Evaluation r = e.evaluate(values(Map.of("b", Value.of(2))));
    assertFalse(r.result().defined());
    assertEquals(List.of("a is missing"), r.undefined());
    assertEquals(List.of("b 2 > 1 is true"), r.clauses());
  }

  @Test
  void evaluate_divisionByZero_undefined() {
    Expression.Evaluation r = Expression.compile("a / (b - b) > 1", VOCABULARY)
        .evaluate(values(Map.of("a", Value.of(1), "b", Value.of(0.3))));
    assertFalse(r.result().defined());
    assertEquals(List.of("a / (b - b) divides by zero"), r.undefined());
  }

  @Test
  void evaluate_decimalArithmetic_andGroupNotes() {
    Expression.Evaluation r = Expression.compile("worst(ece by site) - 0.046 == 0.1 && isFresh", VOCABULARY)
        .evaluate(values(Map.of("isFresh", Value.of(true))));
    assertTrue(r.result().bool());
    assertEquals(List.of("worst(ece by site) - 0.046 = 0.1 == 0.1 is true"), r.clauses());
    Expression.Evaluation g = Expression.compile("worst(ece by site) < 0.2", VOCABULARY).evaluate(values(Map.of()));
    assertEquals(List.of("worst(ece by site) 0.146 (site=east) < 0.2 is true"), g.clauses());
  }

  @Test
  void evaluate_observedValueNeverPrintsEqualToADifferentBound() {
    Expression.Evaluation r = Expression.compile("ece <= 0.08", VOCABULARY)
        .evaluate(values(Map.of("ece", Value.of(0.08004))));
    assertEquals(List.of("ece 0.08004 <= 0.08 is false"), r.clauses());
  }

  @Test
  void references_listedInSourceOrder() {
    Expression e = Expression.compile("max(b, a) > c[x=1] || worst(d by s) < 1", VOCABULARY);
    assertEquals(List.of("b", "a", "c[x=1]", "d"), e.references().stream().map(Reference::text).toList());
  }
}
