package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  static int[] y;
  static double[] p;

  static {
    SplittableRandom r = new SplittableRandom(17);
    int n = 2000;
    y = new int[n];
    p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.2 ? 1 : 0;
      p[i] = Math.round((0.3 * y[i] + 0.6 * r.nextDouble()) * 1000) / 1000.0;
    }
  }

  static MetricsReport report(int replicates, long seed) {
    return BinaryMetrics.builder(y, p).thresholds(0.3, 0.5).group("half", half()).bootstrap(replicates, seed).build();
  }

  static String[] half() {
    String[] g = new String[y.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = i % 2 == 0 ? "even" : "odd";
    }
    return g;
  }

  @Test
  void bootstrap_sameSeed_identicalReport() {
    assertEquals(Json.canonical(report(300, 42).toJson()), Json.canonical(report(300, 42).toJson()));
  }

  @Test
  void bootstrap_differentSeed_differentIntervals() {
    Interval a = report(300, 42).interval("ece").orElseThrow();
    Interval b = report(300, 43).interval("ece").orElseThrow();
    assertEquals(a.point(), b.point());
    assertNotEquals(a.lower95(), b.lower95());
  }

  @Test
  void bootstrap_fixedSeed_pinnedValues() {
    // pins the documented generator (SplitMix64, Lemire bounded ints, stratified draws): any change in
    // the resampling scheme changes these numbers and must be deliberate
    Interval ece = report(300, 42).interval("ece").orElseThrow();
    assertEquals(Interval.Method.BOOTSTRAP, ece.method());
    assertEquals("{\"point\":0.2012415,\"lower95\":0.19148250000000003,\"upper95\":0.21186307499999998,"
        + "\"method\":\"bootstrap\"}", ece.toJson().toString());
  }

  @Test
  void bootstrap_everyMetricButAurocAndFits_getsPercentileInterval() {
    MetricsReport r = report(200, 1);
    Map<String, Interval> iv = r.overall().intervals();
    assertEquals(Interval.Method.DELONG, iv.get("auroc").method());
    // the calibration fits and O/E keep their Wald intervals; everything else is bootstrapped, including
    // net benefit at every threshold
    assertEquals(Interval.Method.WALD, iv.get("calibration_slope").method());
    assertEquals(Interval.Method.WALD, iv.get("calibration_intercept").method());
    assertEquals(Interval.Method.WALD, iv.get("oe_ratio").method());
    assertEquals(Interval.Method.BOOTSTRAP, iv.get("net_benefit@0.5").method());
    assertEquals(Interval.Method.BOOTSTRAP, iv.get("ece").method());
    // auroc + 3 Wald + 5 bootstrapped scalars (auprc, brier, log_loss, ece, mce) + 7 per threshold
    assertEquals(1 + 3 + 5 + 7 * 2, iv.size());
    for (Map.Entry<String, Interval> e : iv.entrySet()) {
      Interval i = e.getValue();
      assertTrue(i.isDefined(), e.getKey());
      double lo = i.lower95().orElseThrow();
      double hi = i.upper95().orElseThrow();
      assertTrue(lo <= hi, e.getKey());
      // with 2,000 cases every point estimate lies inside its 95% interval
      assertTrue(lo <= i.point().orElseThrow() && i.point().orElseThrow() <= hi, e.getKey() + " " + i);
    }
    assertEquals("{\"replicates\":200,\"seed\":1}", r.toJson().get("bootstrap").orElseThrow().toString());
    assertTrue(r.group("half", "odd").orElseThrow().interval("brier").orElseThrow().isDefined());
  }

  @Test
  void bootstrap_metricUndefinedInSomeReplicates_noInterval() {
    // one positive scored above 0.9: some replicates have no predicted positive at 0.9, so PPV@0.9 is
    // undefined there and gets no interval (fail closed)
    int[] yy = {1, 1, 1, 0, 0, 0, 0, 0};
    double[] pp = {0.95, 0.6, 0.4, 0.5, 0.3, 0.2, 0.1, 0.05};
    MetricsReport r = BinaryMetrics.builder(yy, pp).thresholds(0.9).bootstrap(100, 3).build();
    Interval ppv = r.interval("ppv@0.9").orElseThrow();
    assertEquals(1.0, ppv.point().orElseThrow(), 0);
    String reason = ppv.lower95().reason().orElseThrow();
    assertTrue(reason.matches("undefined in \\d+ of 100 bootstrap replicates \\(no predicted positives at this"
        + " threshold\\)"), reason);
  }

  @Test
  void bootstrap_stratified_keepsClassCounts() {
    // prevalence is fixed in every replicate: sensitivity at threshold 0 is 1 in each, so the interval is [1, 1]
    MetricsReport r = BinaryMetrics.builder(y, p).thresholds(0.0).bootstrap(50, 9).build();
    Interval sens = r.interval("sensitivity@0.0").orElseThrow();
    assertEquals(1.0, sens.lower95().orElseThrow(), 0);
    assertEquals(1.0, sens.upper95().orElseThrow(), 0);
    Interval alert = r.interval("alert_rate@0.0").orElseThrow();
    assertEquals(1.0, alert.lower95().orElseThrow(), 0);
  }
}
