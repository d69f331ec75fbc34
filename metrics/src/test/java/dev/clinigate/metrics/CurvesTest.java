package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report's curves: equal to scikit-learn's on the small golden inputs (golden/curves/generate.py),
 * bounded and faithful when downsampled, and consistent with the threshold metrics.
 */
class CurvesTest {

  @Test
  void curves_goldenInputs_equalScikitLearn() throws Exception {
    Path root = Path.of(CurvesTest.class.getResource("/golden/curves/expected.json").toURI());
    JsonObject expected = (JsonObject) Json.parse(Files.readString(root, StandardCharsets.UTF_8), "expected.json").root();
    assertEquals(10, expected.members().size());
    for (Map.Entry<String, JsonValue> e : expected.members().entrySet()) {
      BinaryMetricsGoldenTest.Input in = BinaryMetricsGoldenTest.readInput(
          root.getParent().resolve("../binary/" + e.getKey() + "/input.csv"));
      Curves c = BinaryMetrics.of(in.labels(), in.scores()).overall().curves().orElseThrow();
      JsonObject want = (JsonObject) e.getValue();
      assertPoints(want.get("roc").orElseThrow(), c.roc(), e.getKey() + " roc");
      assertPoints(want.get("pr").orElseThrow(), c.precisionRecall(), e.getKey() + " pr");
    }
  }

  private static void assertPoints(JsonValue want, List<Curves.Point> got, String what) {
    List<JsonValue> w = ((JsonArray) want).elements();
    assertEquals(w.size(), got.size(), what + " size");
    for (int i = 0; i < w.size(); i++) {
      List<JsonValue> xy = ((JsonArray) w.get(i)).elements();
      assertEquals(((JsonNumber) xy.get(0)).value(), got.get(i).x(), 0.0, what + " x[" + i + "]");
      assertEquals(((JsonNumber) xy.get(1)).value(), got.get(i).y(), 0.0, what + " y[" + i + "]");
    }
  }

  @Test
  void curves_oneClass_rocAndPrUndefinedDecisionDefined() {
    Curves c = BinaryMetrics.of(new int[] {0, 0, 0}, new double[] {0.1, 0.5, 0.9}).overall().curves().orElseThrow();
    assertEquals(List.of(), c.roc());
    assertEquals(List.of(), c.precisionRecall());
    assertEquals(99, c.decision().size());
    String json = c.toJson().toString();
    assertTrue(json.contains("\"roc\":null,\"pr\":null"), json);
  }

  @Test
  void decisionCurve_atRequestedThresholds_equalsThresholdMetrics() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 2000;
    int[] y = new int[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
      p[i] = Math.min(1.0, 0.4 * y[i] + 0.6 * rnd.nextDouble());
    }
    // 0.3 and 0.5 as doubles equal 30 / 100.0 and 50 / 100.0, the curve's own grid
    MetricsReport r = BinaryMetrics.builder(y, p).thresholds(0.01, 0.3, 0.5, 0.99).build();
    Curves c = r.overall().curves().orElseThrow();
    for (int k : new int[] {1, 30, 50, 99}) {
      Curves.NetBenefit nb = c.decision().get(k - 1);
      assertEquals(k / 100.0, nb.threshold());
      assertEquals(r.value("net_benefit@" + nb.threshold()).orElseThrow(), nb.model(), 0.0, "t=" + k);
      assertEquals(r.value("net_benefit_treat_all@" + nb.threshold()).orElseThrow(), nb.treatAll(), 0.0, "t=" + k);
    }
  }

  @Test
  void curves_manyDistinctScores_downsampledBoundedAndFaithful() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 200_000;
    int[] y = new int[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.2 ? 1 : 0;
      p[i] = Math.min(1.0, 0.25 * y[i] + 0.75 * rnd.nextDouble());
    }
    MetricsReport r = BinaryMetrics.of(y, p);
    Curves c = r.overall().curves().orElseThrow();
    // the full curves, computed here the slow way
    double[] sorted = p.clone();
    java.util.Arrays.sort(sorted);
    List<double[]> roc = new ArrayList<>();
    List<double[]> pr = new ArrayList<>();
    full(y, p, roc, pr);
    checkSample(roc, c.roc(), "roc");
    checkSample(pr, c.precisionRecall(), "pr");
    assertEquals(c, BinaryMetrics.of(y, p).overall().curves().orElseThrow(), "deterministic");
  }

  /** Kept points are a subsequence of the full curve with both ends, and every dropped point lies
   * within one step of running length after the last kept point. */
  private static void checkSample(List<double[]> full, List<Curves.Point> kept, String what) {
    assertTrue(full.size() > Curves.MAX_POINTS, what);
    assertTrue(kept.size() <= Curves.MAX_POINTS && kept.size() >= Curves.MAX_POINTS / 2, what + " " + kept.size());
    double total = 0;
    for (int i = 1; i < full.size(); i++) {
      total += Math.abs(full.get(i)[0] - full.get(i - 1)[0]) + Math.abs(full.get(i)[1] - full.get(i - 1)[1]);
    }
    double step = total / (Curves.MAX_POINTS - 2);
    int k = 0;
    double sinceKept = 0;
    for (int i = 0; i < full.size(); i++) {
      double[] f = full.get(i);
      if (i > 0) {
        sinceKept += Math.abs(f[0] - full.get(i - 1)[0]) + Math.abs(f[1] - full.get(i - 1)[1]);
      }
      if (k < kept.size() && kept.get(k).x() == f[0] && kept.get(k).y() == f[1]) {
        k++;
        sinceKept = 0;
      } else {
        assertTrue(sinceKept < step * (1 + 1e-9) + 1e-12, what + " point " + i + " is " + sinceKept
            + " along the curve from the last kept point, step " + step);
      }
    }
    assertEquals(kept.size(), k, what + ": kept points are the full curve's, in order");
    assertEquals(full.get(0)[0], kept.get(0).x());
    assertEquals(full.get(full.size() - 1)[1], kept.get(kept.size() - 1).y());
  }

  private static void full(int[] y, double[] p, List<double[]> roc, List<double[]> pr) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < p.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a])); // descending
    long m = 0;
    for (int v : y) {
      m += v;
    }
    long n0 = p.length - m;
    long tp = 0;
    long fp = 0;
    roc.add(new double[] {0, 0});
    List<double[]> prDesc = new ArrayList<>();
    for (int j = 0; j < order.length; j++) {
      int i = order[j];
      if (y[i] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (j == order.length - 1 || p[order[j + 1]] != p[i]) {
        roc.add(new double[] {fp / (double) n0, tp / (double) m});
        prDesc.add(new double[] {tp / (double) m, (double) tp / (double) (tp + fp)});
      }
    }
    for (int j = prDesc.size() - 1; j >= 0; j--) {
      pr.add(prDesc.get(j));
    }
    pr.add(new double[] {0, 1});
  }
}
