package dev.clinigate.metrics.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.Drift;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.FeatureDrift;
import dev.clinigate.metrics.NumericDrift;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Saved reference profiles: exact JSON, lossless round trips, located errors for edited files. */
class DriftReferenceTest {
  static final double N = Double.NaN;
  static final double[] SMALL = {1, 2, 2, 3, N};

  static double[] normal(long seed, int n, double shift) {
    Random r = new Random(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i % 97 == 0 ? N : Math.rint((shift + r.nextGaussian()) * 1000) / 1000;
    }
    return d;
  }

  @Test
  void numericFromCounts_sameReferenceAsFromTheExpandedArray() {
    double[] values = normal(3, 20_000, 5); // 3 decimals: ties; every 97th missing; no -0.0 (= 0.0 here)
    TreeMap<Double, Long> counts = new TreeMap<>();
    long missing = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      } else {
        counts.merge(v, 1L, Long::sum);
      }
    }
    double[] distinct = counts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    long[] n = counts.values().stream().mapToLong(Long::longValue).toArray();
    DriftReference.Numeric fromCounts = DriftReference.numeric(distinct, n, missing, 10, 4);
    DriftReference.Numeric fromArray = DriftReference.numeric(values, 10, 4);
    assertEquals(Json.canonical(fromArray.toJson()), Json.canonical(fromCounts.toJson()));
    double[] current = normal(4, 5_000, 5.3);
    assertEquals(fromArray.compare(current), fromCounts.compare(current));
    double[] unique = {0.5, 1.5, 2.5, 3.5};
    assertEquals(Json.canonical(DriftReference.numeric(unique, 2, 4).toJson()),
        Json.canonical(DriftReference.numeric(unique, new long[] {1, 1, 1, 1}, 0, 2, 4).toJson()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DriftReference.numeric(new double[] {2, 1}, new long[] {1, 1}, 0, 10, 4));
    assertEquals("distinct values must be finite and strictly ascending (index 1)", e.getMessage());
  }

  @Test
  void toJson_exactReference_storesDistinctValuesWithCounts() {
    assertEquals("{\"version\":1,\"type\":\"numeric\",\"rows\":5,\"missing\":1,\"bins\":2,\"cells_per_bin\":2,"
        + "\"edges\":[2.0],\"counts\":[1,3],\"values\":[1.0,2.0,3.0],\"value_counts\":[1,2,1]}",
        Json.compact(DriftReference.numeric(SMALL, 2, 2).toJson()));
    assertEquals("{\"version\":1,\"type\":\"numeric\",\"rows\":3,\"missing\":0,\"bins\":10,\"cells_per_bin\":100,"
        + "\"edges\":[0.2,0.4,0.6,0.8,1.0,1.2,1.4,1.6,1.8],"
        + "\"counts\":[1,0,0,0,0,1,0,0,0,1],\"values\":[0.0,1.0,2.0]}",
        Json.compact(DriftReference.numeric(new double[] {2, 0, 1}).toJson()));
  }

  @Test
  void toJson_boundedReference_storesTheGrid() {
    DriftReference.Numeric bounded = DriftReference.numeric(SMALL, 2, 2).bounded();
    assertFalse(bounded.isExact());
    assertEquals("{\"version\":1,\"type\":\"numeric\",\"rows\":5,\"missing\":1,\"bins\":2,\"cells_per_bin\":2,"
        + "\"edges\":[2.0],\"counts\":[1,3],\"grid\":{\"edges\":[1.75,2.0,2.25],\"counts\":[1,0,2,1],"
        + "\"min\":[1.0,null,2.0,3.0],\"max\":[1.0,null,2.0,3.0]}}", Json.compact(bounded.toJson()));
  }

  @Test
  void toJson_categoricalReference_sortsCategories() {
    assertEquals("{\"version\":1,\"type\":\"categorical\",\"rows\":4,\"missing\":1,\"categories\":[\"a\",\"b\"],"
        + "\"counts\":[2,1]}",
        Json.compact(DriftReference.categorical(new String[] {"b", "a", null, "a"}).toJson()));
  }

  @Test
  void fromJson_roundTrip_givesIdenticalDriftOnEveryPath() {
    double[] ref = normal(1, 5000, 0);
    double[] cur = normal(2, 3000, 0.2);
    DriftReference.Numeric original = DriftReference.numeric(ref, 10, 20);
    for (DriftReference.Numeric r : new DriftReference.Numeric[] {original, original.bounded()}) {
      DriftReference.Numeric back = (DriftReference.Numeric) DriftReference.fromJson(
          Json.parse(Json.prettyInOrder(r.toJson()), "reference.json"));
      assertEquals(Json.compact(r.toJson()), Json.compact(back.toJson()));
      assertEquals(r.compare(cur), back.compare(cur));
      DriftHistogram h = back.newHistogram();
      h.acceptAll(cur);
      assertEquals(r.compare(h), back.compare(h), "a histogram of the reloaded reference fits the original");
    }
    assertEquals(Drift.numeric(ref, cur), DriftReference.fromJson(original.toJson()) instanceof
        DriftReference.Numeric n ? n.compare(cur) : null);
  }

  @Test
  void fromJson_negativeZero_roundTripsLikeZero() {
    double[] ref = {-0.0, -1, 0.0, 1, -0.0, 2};
    double[] cur = {0.0, -0.0, 3};
    DriftReference.Numeric r = DriftReference.numeric(ref, 4, 3);
    DriftReference.Numeric back = (DriftReference.Numeric) DriftReference.fromJson(r.toJson());
    assertEquals(r.compare(cur), back.compare(cur));
    DriftHistogram h = back.newHistogram();
    h.acceptAll(cur);
    assertEquals(r.compare(h), back.compare(h));
    assertEquals(Json.compact(r.toJson()), Json.compact(back.toJson()));
    assertTrue(Json.compact(r.toJson()).contains("\"values\":[-1.0,0.0,1.0,2.0],\"value_counts\":[1,3,1,1]"));
  }

  @Test
  void bounded_keepsPsiExactAndBoundsKsAndWasserstein() {
    double[] ref = normal(3, 4000, 0);
    double[] cur = normal(4, 2000, 0.5);
    DriftReference.Numeric exact = DriftReference.numeric(ref);
    NumericDrift e = exact.compare(cur);
    NumericDrift b = exact.bounded().compare(cur);
    assertEquals(e.psi(), b.psi());
    assertEquals(e.jsDistance(), b.jsDistance());
    assertTrue(b.ks().isEmpty() && b.ksPValue().isEmpty() && b.wasserstein().isEmpty());
    double ks = e.ks().getAsDouble();
    double w = e.wasserstein().getAsDouble();
    assertTrue(b.ksBounds().get().lower() <= ks && ks <= b.ksBounds().get().upper());
    assertTrue(b.wassersteinBounds().get().lower() <= w && w <= b.wassersteinBounds().get().upper());
    assertTrue(b.toJson().toString().contains("\"ks\":null"));
    assertTrue(b.toJson().toString().contains("\"ks_bounds\":["));
  }

  @Test
  void numeric_accessors_describeTheProfile() {
    DriftReference.Numeric r = DriftReference.numeric(new double[] {5, 5, 5, 5, 6, N});
    assertEquals(FeatureDrift.Type.NUMERIC, r.type());
    assertEquals(10, r.requestedBins());
    // numpy.quantile at 0.1 .. 0.9 gives 5 (seven times), 5.2 and 5.6: duplicates dropped
    assertEquals(4, r.bins());
    assertArrayEquals(new double[] {5.0, 5.2, 5.6}, r.edges());
    assertArrayEquals(new long[] {0, 4, 0, 1}, r.binCounts());
    assertEquals(6, r.sample().rows());
    assertTrue(r.isExact());
    Map<String, Long> counts = new TreeMap<>(Map.of("a", 2L, "b", 1L));
    assertEquals(counts, DriftReference.categorical(new String[] {"b", "a", "a"}).counts());
  }

  static String message(String text) {
    return assertThrows(InputException.class, () -> DriftReference.fromJson(Json.parse(text, "ref.json")))
        .getMessage();
  }

  static String small() {
    return Json.prettyInOrder(DriftReference.numeric(SMALL, 2, 2).toJson());
  }

  @Test
  void fromJson_editedEdges_reportsFileLineAndColumn() {
    assertEquals("ERROR: ref.json:8:12: $.edges: \"edges\" are not the reference quantiles of \"values\"\n"
        + "hint: the profile was edited or corrupted; rebuild it from the reference data",
        message(small().replace("\"edges\": [\n    2.0\n  ]", "\"edges\": [\n    2.5\n  ]")));
  }

  @Test
  void fromJson_unknownType_suggestsTheKnownOnes() {
    assertEquals("ERROR: ref.json:3:11: $.type: unknown reference type\n"
        + "hint: use \"numeric\" or \"categorical\"",
        message(small().replace("\"type\": \"numeric\"", "\"type\": \"numerical\"")));
  }

  @Test
  void fromJson_severalBadFields_reportsThemAll() {
    assertEquals("ERROR: ref.json:6:11: $.bins: \"bins\" must be within [2, 10000], found 1\n"
        + "ERROR: ref.json:7:20: $.cells_per_bin: \"cells_per_bin\" must be an integer, found a string",
        message(small().replace("\"bins\": 2", "\"bins\": 1").replace("\"cells_per_bin\": 2", "\"cells_per_bin\": \"2\"")));
  }

  @Test
  void fromJson_countsDisagreeWithRows_isRejected() {
    assertEquals("ERROR: ref.json:15:13: $.values: \"values\" hold 4 values but rows - missing is 1\n"
        + "hint: the profile was edited or corrupted; rebuild it from the reference data",
        message(small().replace("\"rows\": 5", "\"rows\": 2")));
  }

  @Test
  void fromJson_boundedCellOutsideItsEdges_isRejected() {
    String bounded = Json.prettyInOrder(DriftReference.numeric(SMALL, 2, 2).bounded().toJson());
    assertEquals("ERROR: ref.json:28:7: $.grid.min[0]: grid cell 0 is inconsistent: count 1, min 1.8, max 1.0"
        + " within [-Infinity, 1.75)\n"
        + "hint: the profile was edited or corrupted; rebuild it from the reference data",
        message(bounded.replace("\"min\": [\n      1.0", "\"min\": [\n      1.8")));
  }

  @Test
  void fromJson_unsortedCategories_isRejected() {
    String cat = Json.prettyInOrder(DriftReference.categorical(new String[] {"b", "a", null}).toJson());
    assertEquals("ERROR: ref.json:8:5: $.categories[1]: categories must be sorted and distinct, found entry 1 not"
        + " after entry 0\n"
        + "hint: the profile was edited or corrupted; rebuild it from the reference data",
        message(cat.replace("\"a\",\n    \"b\"", "\"b\",\n    \"a\"")));
  }

  @Test
  void fromJson_notAnObject_isRejected() {
    assertEquals("ERROR: ref.json:1:1: expected a JSON object, found array\n"
        + "hint: a drift reference is the object that toJson() wrote", message("[1]"));
  }
}
