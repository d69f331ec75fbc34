package dev.clinigate.metrics.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.metrics.CategoricalDrift;
import dev.clinigate.metrics.Drift;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.DriftReport;
import dev.clinigate.metrics.NumericDrift;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Bad input, missing values and undefined results; messages are part of the API. */
class DriftInputTest {
  static final double N = Double.NaN;

  @Test
  void numeric_emptyReference_throwsInputExceptionVerbatim() {
    InputException e = assertThrows(InputException.class, () -> Drift.numeric(new double[0], new double[] {1}));
    assertEquals("ERROR: reference: the reference sample is empty; drift needs at least one reference row\n"
        + "hint: pass the feature's values from the reference data set, with NaN (numbers) or null (categories)"
        + " for a missing value", e.getMessage());
    assertEquals("reference", e.problems().get(0).source());
  }

  @Test
  void report_emptyReference_namesTheFeature() {
    InputException e = assertThrows(InputException.class,
        () -> DriftReport.builder().numeric("glucose", new double[0], new double[] {1}));
    assertEquals("ERROR: reference: feature \"glucose\": the reference sample is empty; drift needs at least one"
        + " reference row\nhint: pass the feature's values from the reference data set, with NaN (numbers) or"
        + " null (categories) for a missing value", e.getMessage());
  }

  @Test
  void categorical_emptyReference_throwsInputExceptionVerbatim() {
    InputException e = assertThrows(InputException.class,
        () -> DriftReport.builder().categorical("site", new String[0], new String[] {"a"}));
    assertEquals("ERROR: reference: feature \"site\": the reference sample is empty; drift needs at least one"
        + " reference row\nhint: pass the feature's values from the reference data set, with NaN (numbers) or"
        + " null (categories) for a missing value", e.getMessage());
  }

  @Test
  void numeric_infiniteCurrentValue_namesFeatureAndIndex() {
    InputException e = assertThrows(InputException.class,
        () -> DriftReport.builder().numeric("glucose", new double[] {1, 2}, new double[] {1, N, Double.POSITIVE_INFINITY}));
    assertEquals("ERROR: current: feature \"glucose\": current value at index 2 is Infinity; drift needs finite"
        + " numbers\nhint: correct or remove the value, or mark it missing with NaN", e.getMessage());
  }

  @Test
  void numeric_infiniteReferenceValue_namesIndex() {
    InputException e = assertThrows(InputException.class,
        () -> Drift.numeric(new double[] {Double.NEGATIVE_INFINITY}, new double[] {1}));
    assertEquals("ERROR: reference: reference value at index 0 is -Infinity; drift needs finite numbers\n"
        + "hint: correct or remove the value, or mark it missing with NaN", e.getMessage());
  }

  @Test
  void histogram_infiniteValue_namesItsPositionInTheStream() {
    DriftHistogram h = DriftReference.numeric(new double[] {1, 2, 3}).newHistogram();
    h.accept(1);
    h.accept(N);
    InputException e = assertThrows(InputException.class, () -> h.accept(Double.POSITIVE_INFINITY));
    assertEquals("ERROR: current: current value at index 2 is Infinity; drift needs finite numbers\n"
        + "hint: correct or remove the value, or mark it missing with NaN", e.getMessage());
  }

  @Test
  void numeric_binsOutOfRange_throwsWithExpectedAndActual() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Drift.numeric(new double[] {1}, new double[] {1}, 1));
    assertEquals("bins must be within [2, 10000], found 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DriftReference.numeric(new double[] {1}, 10, 200_000));
    assertEquals("cellsPerBin must be within [1, 10000] with bins * cellsPerBin <= 1000000, found"
        + " cellsPerBin=200000 for bins=10", e.getMessage());
  }

  @Test
  void numeric_nanValues_areExcludedAndCountedAsMissing() {
    double[] ref = {3, N, 1, 2, N, 5};
    double[] cur = {N, 2.5, 9, N, N, 1};
    NumericDrift withNan = Drift.numeric(ref, cur, 3);
    NumericDrift clean = Drift.numeric(new double[] {3, 1, 2, 5}, new double[] {2.5, 9, 1}, 3);
    for (DriftMethod m : DriftMethod.values()) {
      assertEquals(clean.value(m), withNan.value(m), m.id());
    }
    assertEquals(clean.ksPValue(), withNan.ksPValue());
    assertEquals(OptionalDouble.of(0.5), withNan.missingRate());
    assertEquals(OptionalDouble.of(2.0 / 6), withNan.referenceMissingRate());
    assertEquals(4, withNan.reference().values());
    assertEquals(3, withNan.current().values());
    assertEquals(OptionalDouble.of(0.0), clean.missingRate());
  }

  @Test
  void numeric_inputArrays_areNotModified() {
    double[] ref = {3, N, 1, 2};
    double[] cur = {9, 1, N};
    Drift.numeric(ref, cur);
    DriftReference.numeric(ref).compare(cur);
    assertArrayEquals(new double[] {3, N, 1, 2}, ref);
    assertArrayEquals(new double[] {9, 1, N}, cur);
  }

  @Test
  void numeric_allCurrentMissing_isUndefinedWithReason() {
    NumericDrift d = Drift.numeric(new double[] {1, 2, 3}, new double[] {N, N});
    assertEquals(OptionalDouble.empty(), d.psi());
    assertEquals(OptionalDouble.empty(), d.ks());
    assertEquals(OptionalDouble.empty(), d.ksPValue());
    assertEquals(OptionalDouble.empty(), d.wasserstein());
    assertEquals(OptionalDouble.empty(), d.jsDistance());
    assertEquals(Optional.empty(), d.bounds(DriftMethod.KS));
    assertEquals(OptionalDouble.of(1.0), d.missingRate());
    assertEquals(Optional.of("the current sample has no non-missing values"), d.undefinedReason());
  }

  @Test
  void numeric_emptyCurrent_hasUndefinedMissingRate() {
    NumericDrift d = Drift.numeric(new double[] {1, 2, 3}, new double[0]);
    assertEquals(OptionalDouble.empty(), d.missingRate());
    assertEquals(Optional.of("the current sample has no rows"), d.undefinedReason());
    assertEquals("{\"psi\":null,\"ks\":null,\"wasserstein\":null,\"js_distance\":null,\"missing_rate\":null,"
        + "\"type\":\"numeric\",\"ks_p_value\":null,\"reference_missing_rate\":0.0,\"n_reference\":3,"
        + "\"n_current\":0,\"bins\":10,\"undefined_reason\":\"the current sample has no rows\"}", d.toJson().toString());
  }

  @Test
  void numeric_allReferenceMissing_isUndefinedWithReason() {
    NumericDrift d = Drift.numeric(new double[] {N, N}, new double[] {1, 2});
    assertEquals(Optional.of("the reference sample has no non-missing values"), d.undefinedReason());
    assertEquals(1, d.bins());
    assertEquals(OptionalDouble.of(1.0), d.referenceMissingRate());
    assertEquals(OptionalDouble.of(0.0), d.missingRate());
  }

  @Test
  void categorical_nullValues_areMissing_andUnseenCategoriesListed() {
    CategoricalDrift d = Drift.categorical(new String[] {"east", "west", "west", null},
        new String[] {"east", "north", null, "west", "west"});
    assertEquals(OptionalDouble.of(0.2), d.missingRate());
    assertEquals(OptionalDouble.of(0.25), d.referenceMissingRate());
    assertEquals(3, d.categories());
    assertEquals(java.util.List.of("north"), d.unseenCategories());
    assertEquals(OptionalDouble.of(0.875), d.chi2());
    assertEquals(2, d.chi2Dof().getAsInt());
    assertEquals(OptionalDouble.empty(), d.value(DriftMethod.KS));
    assertTrue(d.psi().isPresent() && d.jsDistance().isPresent());
  }

  @Test
  void categorical_allCurrentMissing_isUndefined() {
    CategoricalDrift d = Drift.categorical(new String[] {"a", "b"}, new String[] {null});
    assertEquals(Optional.of("the current sample has no non-missing values"), d.undefinedReason());
    assertEquals(OptionalDouble.empty(), d.chi2());
    assertEquals(OptionalDouble.empty(), d.chi2PValue());
    assertTrue(d.chi2Dof().isEmpty());
    assertEquals(OptionalDouble.of(1.0), d.missingRate());
  }

  @Test
  void report_sameFeatureTwice_isRejected() {
    DriftReport.Builder b = DriftReport.builder().numeric("x", new double[] {1}, new double[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.numeric("x", new double[] {1}, new double[] {2}));
    assertEquals("feature \"x\" was added twice", e.getMessage());
  }
}
