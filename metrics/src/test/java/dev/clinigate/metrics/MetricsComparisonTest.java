package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsComparisonTest {
  static int[] y;
  static double[] good;
  static double[] weak;

  static {
    SplittableRandom r = new SplittableRandom(23);
    int n = 1500;
    y = new int[n];
    good = new double[n];
    weak = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      double noise = r.nextDouble();
      good[i] = Math.round((0.4 * y[i] + 0.6 * noise) * 1000) / 1000.0;
      weak[i] = Math.round((0.15 * y[i] + 0.55 * noise + 0.3 * r.nextDouble()) * 1000) / 1000.0;
    }
  }

  @Test
  void compare_betterCandidate_positiveAurocDifferenceWithSmallPValue() {
    MetricsComparison c = MetricsComparison.builder(y, good, weak).bootstrap(200, 8).build();
    MetricDifference d = c.difference("auroc").orElseThrow();
    assertEquals(c.candidate().value("auroc").orElseThrow() - c.baseline().value("auroc").orElseThrow(),
        d.difference().orElseThrow(), 0);
    assertTrue(d.lower95().orElseThrow() > 0, d.toString());
    assertTrue(d.pValue().orElseThrow() < 1e-6, d.toString());
  }

  @Test
  void compare_bootstrap_pairedDifferencesForEveryOtherMetric() {
    MetricsComparison c = MetricsComparison.builder(y, good, weak).thresholds(0.3, 0.6).bootstrap(200, 8).build();
    List<String> names = new ArrayList<>();
    for (MetricDifference d : c.differences()) {
      names.add(d.metric());
      if (!d.metric().equals("auroc")) {
        assertEquals(MetricDifference.Method.PAIRED_BOOTSTRAP, d.method());
        assertTrue(d.lower95().orElseThrow() <= d.difference().orElseThrow()
            && d.difference().orElseThrow() <= d.upper95().orElseThrow(), d.toString());
        assertTrue(d.standardError().orElseThrow() > 0, d.toString());
      }
    }
    assertEquals(List.of("auroc", "auprc", "brier", "log_loss", "ece", "mce", "calibration_slope",
        "calibration_intercept", "sensitivity@0.3", "specificity@0.3", "ppv@0.3", "npv@0.3", "f1@0.3",
        "alert_rate@0.3", "net_benefit@0.3", "sensitivity@0.6", "specificity@0.6", "ppv@0.6", "npv@0.6", "f1@0.6",
        "alert_rate@0.6", "net_benefit@0.6"), names);
    JsonObject j = c.toJson();
    assertEquals(List.of("candidate", "baseline", "difference", "se", "z", "lower95", "upper95", "p_value", "method"),
        new ArrayList<>(((JsonObject) j.get("auroc").orElseThrow()).members().keySet()));
    assertEquals("\"paired-bootstrap\"", ((JsonObject) j.get("ece").orElseThrow()).get("method").orElseThrow()
        .toString());
    assertEquals("{\"replicates\":200,\"seed\":8}", j.get("bootstrap").orElseThrow().toString());
  }

  @Test
  void compare_sameSeed_identicalJson() {
    String a = Json.canonical(MetricsComparison.builder(y, good, weak).bootstrap(100, 2).build().toJson());
    String b = Json.canonical(MetricsComparison.builder(y, good, weak).bootstrap(100, 2).build().toJson());
    assertEquals(a, b);
  }

  @Test
  void compare_candidateReport_equalsStandaloneReport() {
    MetricsComparison c = MetricsComparison.builder(y, good, weak).bootstrap(50, 4).build();
    assertEquals(Json.canonical(BinaryMetrics.builder(y, good).bootstrap(50, 4).build().toJson()),
        Json.canonical(c.candidate().toJson()));
  }

  @Test
  void compare_noBootstrap_pointDifferencesOnly() {
    MetricsComparison c = MetricsComparison.of(y, good, weak);
    MetricDifference brier = c.difference("brier").orElseThrow();
    assertEquals(MetricDifference.Method.NONE, brier.method());
    assertEquals("no bootstrap was requested", brier.lower95().reason().orElseThrow());
    assertEquals(c.candidate().value("brier").orElseThrow() - c.baseline().value("brier").orElseThrow(),
        brier.difference().orElseThrow(), 0);
  }

  @Test
  void compare_badBaselineScore_namesBaseline() {
    double[] bad = weak.clone();
    bad[9] = Double.NaN;
    InputException e = assertThrows(InputException.class, () -> MetricsComparison.of(y, good, bad));
    assertEquals("ERROR: predictions (baseline): score must be within [0, 1], found NaN (row 10)\n"
        + "hint: scores must be predicted probabilities in [0, 1]; fix the producer or rescale", e.getMessage());
  }
}
