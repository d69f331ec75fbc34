package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  @Test
  void group_moreDistinctValuesThanTheLimit_isAnInputErrorNamingTheLimit() {
    int[] y = {0, 1, 0, 1};
    double[] p = {0.1, 0.9, 0.2, 0.8};
    String[] site = {"a", "b", "c", null};
    InputException e = assertThrows(InputException.class,
        () -> BinaryMetrics.builder(y, p).source("f.csv").group("site", site).maxGroups(2).build());
    assertEquals("group column \"site\" has more than the limit maxGroups = 2 distinct values",
        e.problems().get(0).message());
    assertEquals(3, BinaryMetrics.builder(y, p).group("site", site).maxGroups(3).build().groups().get(0).groups().size());
  }


  static final int[] LABELS = {0, 1, 1, 0, 1, 0, 0, 1, 0, 0};
  static final double[] SCORES = {0.1, 0.8, 0.35, 0.4, 0.9, 0.2, 0.65, 0.7, 0.05, 0.3};

  @Test
  void of_booleanLabels_sameAsIntLabels() {
    boolean[] b = new boolean[LABELS.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = LABELS[i] == 1;
    }
    assertEquals(Json.canonical(BinaryMetrics.of(LABELS, SCORES).toJson()),
        Json.canonical(BinaryMetrics.of(b, SCORES).toJson()));
  }

  @Test
  void of_smallExample_handComputedValues() {
    MetricsReport r = BinaryMetrics.of(LABELS, SCORES);
    assertEquals(10, r.n());
    assertEquals(4, r.positives());
    // 24 positive/negative pairs: positives 0.8, 0.35, 0.9, 0.7 beat 6+3+6+5 = 20... of 6 negatives each
    // 0.35 beats 0.1, 0.2, 0.05, 0.3 (4); 0.7 beats all but none above (6); 0.8, 0.9 beat all (6 each)
    assertEquals((4 + 6 + 6 + 6) / 24.0, r.value("auroc").orElseThrow(), 1e-15);
    ThresholdMetrics t = r.overall().threshold(0.5).orElseThrow();
    assertEquals(3, t.truePositives());
    assertEquals(1, t.falsePositives());
    assertEquals(0.75, t.sensitivity().orElseThrow(), 0);
    assertEquals(5.0 / 6.0, t.specificity().orElseThrow(), 0);
    assertEquals(0.4, t.alertRate().orElseThrow(), 0);
    assertEquals(3 / 10.0 - 1 / 10.0 * (0.5 / 0.5), t.netBenefit().orElseThrow(), 0);
  }

  @Test
  void build_badValues_listsFirstFiveVerbatim() {
    int[] y = {0, 1, 2, 1, 0, 1, 0, 1, 1, 0};
    double[] p = {0.1, 1.7, 0.5, Double.NaN, -0.0, -0.2, 0.3, Double.POSITIVE_INFINITY, 0.4, 1.5};
    InputException e = assertThrows(InputException.class,
        () -> BinaryMetrics.builder(y, p).source("preds.csv").build());
    assertEquals(String.join("\n",
        "ERROR: preds.csv: score must be within [0, 1], found 1.7 (row 2)",
        "hint: scores must be predicted probabilities in [0, 1]; fix the producer or rescale",
        "ERROR: preds.csv: label must be 0 or 1, found 2 (row 3)",
        "hint: labels must be 0 (negative) or 1 (positive)",
        "ERROR: preds.csv: score must be within [0, 1], found NaN (row 4)",
        "ERROR: preds.csv: score must be within [0, 1], found -0.2 (row 6)",
        "ERROR: preds.csv: score must be within [0, 1], found Infinity (row 8)",
        "ERROR: preds.csv: and 1 more bad value not listed"), e.getMessage());
    assertEquals(6, e.problems().size());
  }

  @Test
  void build_lengthMismatch_saysBothLengths() {
    InputException e = assertThrows(InputException.class,
        () -> BinaryMetrics.of(new int[] {0, 1, 1}, new double[] {0.2, 0.4}));
    assertEquals("ERROR: predictions: labels and scores must have the same length, found 3 labels and 2 scores\n"
        + "hint: pass one label and one score per case", e.getMessage());
  }

  @Test
  void build_empty_saysNoRows() {
    InputException e = assertThrows(InputException.class, () -> BinaryMetrics.of(new int[0], new double[0]));
    assertEquals("ERROR: predictions: no rows: labels and scores are empty\nhint: metrics need at least one case",
        e.getMessage());
  }

  @Test
  void build_groupColumnWrongLength_namesColumn() {
    InputException e = assertThrows(InputException.class,
        () -> BinaryMetrics.builder(LABELS, SCORES).group("site", new String[] {"a", "b"}).build());
    assertEquals("ERROR: predictions: group column \"site\" must have one value per row, found 2 values for 10 rows\n"
        + "hint: pass null for a row without a group value", e.getMessage());
  }

  @Test
  void options_thresholdOutsideUnitInterval_saysExpectedAndFound() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.builder(LABELS, SCORES).thresholds(0.5, 1.7));
    assertEquals("threshold must be within [0, 1], found 1.7", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.builder(LABELS, SCORES).bins(0));
    assertEquals("bins must be within [1, 10000], found 0", e.getMessage());
  }

  @Test
  void group_nullValues_leaveRowsOutOfThatColumn() {
    String[] site = {"b", "a", null, "b", "a", "a", null, "b", "a", "b"};
    MetricsReport r = BinaryMetrics.builder(LABELS, SCORES).group("site", site).build();
    GroupColumn column = r.groupColumn("site").orElseThrow();
    assertEquals(List.of("a", "b"), column.groups().stream().map(GroupMetrics::value).toList());
    List<Integer> labels = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < site.length; i++) {
      if ("a".equals(site[i])) {
        labels.add(LABELS[i]);
        scores.add(SCORES[i]);
      }
    }
    MetricsReport direct = BinaryMetrics.of(labels.stream().mapToInt(Integer::intValue).toArray(),
        scores.stream().mapToDouble(Double::doubleValue).toArray());
    assertEquals(withoutCurves(direct.overall().toJson()),
        Json.canonical(r.group("site", "a").orElseThrow().toJson()));
    assertEquals(4, r.group("site", "b").orElseThrow().n());
  }

  @Test
  void group_manyValues_sameAsFilteringTheRows() {
    // tied scores: group tables by score lookup
    groupManyValues(true);
    // continuous scores: 3 columns of ~1,500 values need more than 31 bits of packed codes (row-index path)
    // and more than 64 run counters (touched-list path); a fourth small column keeps the packed path honest
    groupManyValues(false);
  }

  private static void groupManyValues(boolean tied) {
    SplittableRandom rnd = new SplittableRandom(8);
    int n = 6000;
    int[] y = new int[n];
    double[] p = new double[n];
    String[][] cols = new String[3][n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.4 ? 1 : 0;
      double raw = 0.3 * y[i] + 0.7 * rnd.nextDouble();
      p[i] = tied ? Math.round(raw * 50) / 50.0 : raw;
      for (int c = 0; c < 3; c++) {
        cols[c][i] = rnd.nextInt(20) == 0 ? null : "v" + (i % 1500 + 17 * c) % 1500;
      }
    }
    MetricsReport r = BinaryMetrics.builder(y, p).group("a", cols[0]).group("b", cols[1]).group("c", cols[2]).build();
    for (int c = 0; c < 3; c++) {
      GroupColumn column = r.groups().get(c);
      assertEquals(1500, column.groups().size());
      for (String value : List.of("v0", "v7", "v1499")) {
        List<Integer> ly = new ArrayList<>();
        List<Double> lp = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (value.equals(cols[c][i])) {
            ly.add(y[i]);
            lp.add(p[i]);
          }
        }
        MetricsReport direct = BinaryMetrics.of(ly.stream().mapToInt(Integer::intValue).toArray(),
            lp.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(withoutCurves(direct.overall().toJson()),
            Json.canonical(column.group(value).orElseThrow().metrics().toJson()), column.column() + "=" + value);
      }
    }
    MetricsReport small = BinaryMetrics.builder(y, p).group("a", cols[0]).build(); // 11 bits: packed path
    assertEquals(Json.canonical(small.group("a", "v7").orElseThrow().toJson()),
        Json.canonical(r.group("a", "v7").orElseThrow().toJson()));
  }

  @Test
  void group_preCoded_sameAsValues() {
    String[] site = {"b", "a", null, "b", "a", "a", null, "b", "a", "b"};
    int[] codes = {2, 0, -1, 2, 0, 0, -1, 2, 0, 2};
    String[] levels = {"a", "unused", "b"};
    MetricsReport byValue = BinaryMetrics.builder(LABELS, SCORES).group("site", site).build();
    MetricsReport byCode = BinaryMetrics.builder(LABELS, SCORES).group("site", codes, levels).build();
    assertEquals(Json.canonical(byValue.toJson()), Json.canonical(byCode.toJson()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinaryMetrics.builder(LABELS, SCORES).group("site", new int[] {0, 0, 0, 0, 0, 3, 0, 0, 0, 0}, levels)
            .build());
    assertEquals("group code must be within [-1, 2], found 3 (row 6)", e.getMessage());
  }

  @Test
  void group_valuesSortedAsStrings() {
    String[] band = {"9", "10", "9", "10", "9", "10", "9", "10", "9", "10"};
    MetricsReport r = BinaryMetrics.builder(LABELS, SCORES).group("band", band).build();
    JsonObject groups = (JsonObject) ((JsonObject) r.toJson().get("groups").orElseThrow()).get("band").orElseThrow();
    assertEquals(List.of("10", "9"), new ArrayList<>(groups.members().keySet()));
  }

  @Test
  void build_rowOrder_doesNotChangeTheReport() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 500;
    int[] y = new int[n];
    double[] p = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
      p[i] = Math.round((0.3 * y[i] + 0.7 * rnd.nextDouble()) * 100) / 100.0;
      g[i] = rnd.nextBoolean() ? "x" : "y";
    }
    String before = Json.canonical(BinaryMetrics.builder(y, p).group("g", g).bootstrap(50, 1).build().toJson());
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int ty = y[i];
      y[i] = y[j];
      y[j] = ty;
      double tp = p[i];
      p[i] = p[j];
      p[j] = tp;
      String tg = g[i];
      g[i] = g[j];
      g[j] = tg;
    }
    String after = Json.canonical(BinaryMetrics.builder(y, p).group("g", g).bootstrap(50, 1).build().toJson());
    assertEquals(before, after);
  }

  @Test
  void value_policyReferences_resolve() {
    MetricsReport r = BinaryMetrics.builder(LABELS, SCORES).thresholds(0.3, 0.5).bootstrap(200, 11).build();
    assertEquals(r.overall().auroc().orElseThrow(), r.value("auroc.point").orElseThrow(), 0);
    assertEquals(r.interval("auroc").orElseThrow().lower95().orElseThrow(), r.value("auroc.lower95").orElseThrow(),
        0);
    assertEquals(Interval.Method.BOOTSTRAP, r.interval("ece").orElseThrow().method());
    assertEquals(r.interval("ece").orElseThrow().upper95().orElseThrow(), r.value("ece.upper95").orElseThrow(), 0);
    assertEquals(r.overall().threshold(0.3).orElseThrow().sensitivity().orElseThrow(),
        r.value("sensitivity@0.3").orElseThrow(), 0);
    assertEquals(r.interval("ppv@0.5").orElseThrow().lower95().orElseThrow(), r.value("ppv@0.5.lower95").orElseThrow(),
        0);
    assertEquals(10.0, r.value("n").orElseThrow(), 0);
    assertEquals(OptionalDouble.empty(), r.value("sensitivity@0.8"));
    assertEquals("threshold 0.8 was not computed", r.metric("sensitivity@0.8").reason().orElseThrow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.value("aucroc"));
    assertTrue(e.getMessage().startsWith("unknown metric \"aucroc\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.value("sensitivity@high"));
    assertEquals("threshold must be a number in \"sensitivity@high\", found \"high\"", e.getMessage());
  }

  @Test
  void value_oneClass_undefinedWithReason() {
    MetricsReport r = BinaryMetrics.of(new int[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3});
    assertEquals(OptionalDouble.empty(), r.value("auroc"));
    assertEquals("one class only (no positives)", r.metric("auroc").reason().orElseThrow());
    assertEquals("no positives", r.metric("auprc").reason().orElseThrow());
    assertEquals("no positives", r.metric("sensitivity@0.5").reason().orElseThrow());
    assertEquals("no predicted positives at this threshold", r.metric("ppv@0.5").reason().orElseThrow());
    JsonObject metrics = (JsonObject) r.toJson().get("metrics").orElseThrow();
    assertEquals("null", metrics.get("auroc").orElseThrow().toString());
  }

  @Test
  void toJson_noGroupsNoBootstrap_omitsThoseMembers() {
    JsonObject j = BinaryMetrics.of(LABELS, SCORES).toJson();
    assertEquals(List.of("n", "positives", "prevalence", "metrics", "thresholds", "calibration", "intervals",
        "curves"), new ArrayList<>(j.members().keySet()));
    JsonObject k = BinaryMetrics.builder(LABELS, SCORES).bootstrap(10, 5).group("g", new String[10]).build().toJson();
    assertEquals(List.of("n", "positives", "prevalence", "metrics", "thresholds", "calibration", "intervals",
        "curves", "bootstrap", "groups"), new ArrayList<>(k.members().keySet()));
    assertEquals("{\"replicates\":10,\"seed\":5}", k.get("bootstrap").orElseThrow().toString());
    assertEquals("{\"g\":{}}", k.get("groups").orElseThrow().toString());
  }

  @Test
  void toJson_smallExample_exactText() {
    MetricsReport r = BinaryMetrics.builder(new int[] {0, 1, 1, 0}, new double[] {0.2, 0.7, 0.4, 0.4})
        .thresholds(0.5).bins(2).build();
    // values checked against generate.py's reference implementation (scikit-learn, mpmath, exact DeLong);
    // ici/e50/e90/emax by hand: the lowess fit (span 2 of 4 cases) is 0 at 0.2, 0.5 at 0.4 and 1 at 0.7, so
    // the errors are 0.2, 0.1, 0.1, 0.3; treat-all at t = 0.5 with prevalence 0.5 is 0
    assertEquals("{\"n\":4,\"positives\":2,\"prevalence\":0.5,"
        + "\"metrics\":{\"auroc\":0.875,\"auprc\":0.8333333333333333,\"brier\":0.1625,"
        + "\"log_loss\":0.5017337127232719,\"ece\":0.07500000000000001,\"mce\":0.30000000000000004,"
        + "\"calibration_slope\":null,\"calibration_intercept\":0.3474927588489626,\"ici\":0.175,\"e50\":0.15,"
        + "\"e90\":0.27,\"emax\":0.30000000000000004,\"oe_ratio\":1.1764705882352942,"
        + "\"spiegelhalter_z\":-0.6019292654288462,\"spiegelhalter_p\":0.5472212227674071},"
        + "\"thresholds\":[{\"threshold\":0.5,\"sensitivity\":0.5,\"specificity\":1.0,\"ppv\":1.0,"
        + "\"npv\":0.6666666666666666,\"f1\":0.6666666666666666,\"alert_rate\":0.25,\"net_benefit\":0.25,"
        + "\"net_benefit_treat_all\":0.0}],"
        + "\"calibration\":{\"bins\":2,\"spiegelhalter_z\":-0.6019292654288462,"
        + "\"spiegelhalter_p\":0.5472212227674071,\"observed_expected\":1.1764705882352942,"
        + "\"curve\":[{\"bin\":0,\"lower\":0.0,\"upper\":0.5,\"n\":3,\"mean_predicted\":0.3333333333333333,"
        + "\"observed_rate\":0.3333333333333333},{\"bin\":1,\"lower\":0.5,\"upper\":1.0,\"n\":1,"
        + "\"mean_predicted\":0.7,\"observed_rate\":1.0}]},"
        + "\"intervals\":{\"auroc\":{\"point\":0.875,\"lower95\":0.5285240439125805,\"upper95\":1.0,"
        + "\"method\":\"delong\"},\"calibration_slope\":{\"point\":null,\"lower95\":null,\"upper95\":null,"
        + "\"method\":\"wald\",\"reason\":\"positives and negatives are separated by the score, so the "
        + "maximum-likelihood fit does not exist\"},\"calibration_intercept\":{\"point\":0.3474927588489626,"
        + "\"lower95\":-1.7525625466306969,\"upper95\":2.4475480643286223,\"method\":\"wald\"},"
        + "\"oe_ratio\":{\"point\":1.1764705882352942,\"lower95\":0.44155042048609,"
        + "\"upper95\":3.134597954768115,\"method\":\"wald\"}}}",
        Json.compact(without(r.toJson(), "curves")));
    // the curves, as scikit-learn's roc_curve(drop_intermediate=False) and precision_recall_curve give them
    JsonObject curves = (JsonObject) r.toJson().get("curves").orElseThrow();
    assertEquals("[[0.0,0.0],[0.0,0.5],[0.5,1.0],[1.0,1.0]]", curves.get("roc").orElseThrow().toString());
    assertEquals("[[1.0,0.5],[1.0,0.6666666666666666],[0.5,1.0],[0.0,1.0]]", curves.get("pr").orElseThrow().toString());
  }

  /** The canonical text of a report object without its curves (subgroups report none). */
  static String withoutCurves(JsonObject o) {
    return Json.canonical(without(o, "curves"));
  }

  static JsonObject without(JsonObject o, String member) {
    java.util.Map<String, dev.clinigate.json.JsonValue> m = new java.util.LinkedHashMap<>(o.members());
    m.remove(member);
    return new JsonObject(m);
  }

  @Test
  void toText_smallExample_fixedWidth() {
    MetricsReport r = BinaryMetrics.builder(new int[] {0, 1, 1, 0}, new double[] {0.2, 0.7, 0.4, 0.4})
        .thresholds(0.5).bins(2).build();
    assertEquals(String.join("\n",
        "Binary classification metrics",
        "all cases: n=4, positives=2, prevalence=0.5000",
        "  metric                      value    lower95    upper95  interval",
        "  auroc                      0.8750     0.5285     1.0000  delong",
        "  auprc                      0.8333",
        "  brier                      0.1625",
        "  log_loss                   0.5017",
        "  ece                        0.0750",
        "  mce                        0.3000",
        "  calibration_slope             n/a        n/a        n/a  wald",
        "  calibration_intercept      0.3475    -1.7526     2.4475  wald",
        "  ici                        0.1750",
        "  e50                        0.1500",
        "  e90                        0.2700",
        "  emax                       0.3000",
        "  oe_ratio                   1.1765     0.4416     3.1346  wald",
        "  calibration (2 bins): Spiegelhalter z=-0.6019 p=0.5472, observed/expected=1.1765",
        "  threshold sensitivity specificity      ppv      npv       f1 alert_rate net_benefit treat_all",
        "  0.5000         0.5000      1.0000   1.0000   0.6667   0.6667     0.2500      0.2500    0.0000",
        "  bin  range                     n mean_predicted observed_rate",
        "  0    [0.0000, 0.5000]          3         0.3333        0.3333",
        "  1    (0.5000, 1.0000]          1         0.7000        1.0000",
        ""), r.toText());
  }

  @Test
  void calibrationShortcut_agreesWithFullReport() {
    MetricsReport r = BinaryMetrics.builder(LABELS, SCORES).bins(7).build();
    assertEquals(r.overall().calibration(), BinaryMetrics.calibration(LABELS, SCORES, 7));
    assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.calibration(LABELS, SCORES, 0));
  }

  @Test
  void aurocShortcuts_agreeWithFullReport() {
    MetricsReport r = BinaryMetrics.of(LABELS, SCORES);
    assertEquals(r.overall().auroc(), BinaryMetrics.auroc(LABELS, SCORES));
    assertEquals(r.interval("auroc").orElseThrow(), BinaryMetrics.aurocInterval(LABELS, SCORES));
  }

  @Test
  void thresholds_unsortedWithDuplicates_sortedDistinct() {
    MetricsReport r = BinaryMetrics.builder(LABELS, SCORES).thresholds(0.8, 0.2, 0.8, -0.0).build();
    assertEquals(List.of(0.0, 0.2, 0.8), r.options().thresholds());
    assertFalse(r.overall().thresholds().isEmpty());
    assertEquals(1.0, r.value("sensitivity@0").orElseThrow(), 0);
  }
}
