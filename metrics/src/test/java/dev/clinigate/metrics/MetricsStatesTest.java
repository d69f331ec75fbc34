package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsStatesTest {
  static final MetricsOptions OPTIONS = MetricsOptions.defaults().withThresholds(0.2, 0.5, 0.8).withBins(7);

  static int[] y;
  static double[] p;

  static {
    SplittableRandom r = new SplittableRandom(5);
    int n = 3000;
    y = new int[n];
    p = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < 0.25 ? 1 : 0;
      double raw = 0.35 * y[i] + 0.65 * r.nextDouble();
      p[i] = i % 3 == 0 ? raw : Math.round(raw * 100) / 100.0; // ties and unique scores
    }
    p[0] = 0.0;
    p[1] = 1.0;
    p[2] = 2.0 / 7;
  }

  @Test
  void exactState_mergedPartitions_bitIdenticalToArrays() {
    MetricsOptions options = OPTIONS.withBootstrap(100, 77);
    ExactMetricsState[] parts = new ExactMetricsState[4];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = ExactMetricsState.create();
    }
    for (int i = y.length - 1; i >= 0; i--) { // reverse order, round-robin partitions
      parts[i % 4].accept(y[i], p[i]);
    }
    ExactMetricsState merged = ExactMetricsState.create();
    merged.merge(parts[3]);
    parts[1].merge(parts[0]);
    merged.merge(parts[1]);
    merged.merge(parts[2]);
    String expected = Json.canonical(BinaryMetrics.builder(y, p).options(options).build().toJson());
    assertEquals(expected, Json.canonical(merged.toReport(options).toJson()));
  }

  @Test
  void exactState_countedCells_bitIdenticalToArrays() {
    // the cells a distributed engine aggregates: one accept per distinct (score, label) with its count
    java.util.TreeMap<Long, long[]> cells = new java.util.TreeMap<>();
    for (int i = 0; i < y.length; i++) {
      cells.computeIfAbsent(Double.doubleToLongBits(p[i]), k -> new long[2])[y[i]]++;
    }
    ExactMetricsState counted = ExactMetricsState.create();
    for (java.util.Map.Entry<Long, long[]> e : cells.descendingMap().entrySet()) {
      counted.accept(1, Double.longBitsToDouble(e.getKey()), e.getValue()[1]);
      counted.accept(0, Double.longBitsToDouble(e.getKey()), e.getValue()[0]);
    }
    MetricsOptions options = OPTIONS.withBootstrap(50, 3);
    assertEquals(Json.canonical(BinaryMetrics.builder(y, p).options(options).build().toJson()),
        Json.canonical(counted.toReport(options).toJson()));
    assertEquals(cells.size(), counted.distinctScores());
  }

  @Test
  void exactState_countedBadInput_rejectedAndUnchanged() {
    ExactMetricsState s = ExactMetricsState.create("cells");
    s.accept(1, 0.4, 3);
    InputException e = assertThrows(InputException.class, () -> s.accept(0, 1.5, 2));
    assertEquals("score must be within [0, 1], found 1.5 (row 4)", e.problems().get(0).message());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> s.accept(0, 0.5, -1));
    assertEquals("count must be >= 0, found -1", negative.getMessage());
    s.accept(0, 0.2, 0);
    assertEquals(1, s.distinctScores());
    assertEquals(3, s.toReport().n());
  }

  @Test
  void streamingState_mergedPartitions_equalOnePass() {
    StreamingMetricsState one = StreamingMetricsState.create(OPTIONS);
    StreamingMetricsState[] parts = {StreamingMetricsState.create(OPTIONS), StreamingMetricsState.create(OPTIONS),
        StreamingMetricsState.create(OPTIONS)};
    for (int i = 0; i < y.length; i++) {
      one.accept(y[i], p[i]);
      parts[(i * 7) % 3].accept(y[i], p[i]);
    }
    parts[0].merge(parts[1]);
    parts[0].merge(parts[2]);
    SubsetMetrics a = one.toReport().overall();
    SubsetMetrics b = parts[0].toReport().overall();
    assertEquals(a.n(), b.n());
    assertEquals(a.positives(), b.positives());
    assertEquals(a.thresholds(), b.thresholds()); // counts and rates: exact
    for (String name : List.of("brier", "log_loss", "ece", "mce", "spiegelhalter_z", "observed_expected")) {
      assertEquals(a.metric(name).orElseThrow(), b.metric(name).orElseThrow(),
          1e-14 * Math.abs(a.metric(name).orElseThrow()), name);
    }
    assertEquals(a.calibration().curve().size(), b.calibration().curve().size());
  }

  @Test
  void streamingState_agreesWithArrays() {
    StreamingMetricsState s = StreamingMetricsState.create(OPTIONS);
    for (int i = 0; i < y.length; i++) {
      s.accept(y[i], p[i]);
    }
    SubsetMetrics st = s.toReport().overall();
    SubsetMetrics full = BinaryMetrics.builder(y, p).options(OPTIONS).build().overall();
    assertEquals(full.thresholds(), st.thresholds());
    for (String name : List.of("prevalence", "brier", "log_loss", "ece", "mce", "spiegelhalter_z", "spiegelhalter_p",
        "observed_expected")) {
      assertEquals(full.metric(name).orElseThrow(), st.metric(name).orElseThrow(),
          1e-13 * Math.abs(full.metric(name).orElseThrow()), name);
    }
    for (int k = 0; k < full.calibration().curve().size(); k++) {
      CalibrationBin f = full.calibration().curve().get(k);
      CalibrationBin g = st.calibration().curve().get(k);
      assertEquals(f.index(), g.index());
      assertEquals(f.n(), g.n());
      assertEquals(f.meanPredicted(), g.meanPredicted(), 1e-14);
    }
    assertEquals("not available from a streaming state: needs every distinct score (use ExactMetricsState or"
        + " BinaryMetrics)", st.auroc().reason().orElseThrow());
    assertEquals(st.auroc().reason(), st.calibrationSlope().reason());
  }

  @Test
  void states_badCase_rejectedWithRowAndStateUnchanged() {
    StreamingMetricsState s = StreamingMetricsState.create(OPTIONS, "batch-7");
    s.accept(1, 0.4);
    InputException e = assertThrows(InputException.class, () -> s.accept(1, 1.2));
    assertEquals("ERROR: batch-7: score must be within [0, 1], found 1.2 (row 2)\n"
        + "hint: scores must be predicted probabilities in [0, 1]; fix the producer or rescale", e.getMessage());
    assertEquals(1, s.n());
    ExactMetricsState x = ExactMetricsState.create();
    e = assertThrows(InputException.class, () -> x.accept(3, 0.5));
    assertEquals("ERROR: predictions: label must be 0 or 1, found 3 (row 1)\n"
        + "hint: labels must be 0 (negative) or 1 (positive)", e.getMessage());
    assertEquals(0, x.distinctScores());
  }

  @Test
  void streamingState_differentOptions_refusesMerge() {
    StreamingMetricsState a = StreamingMetricsState.create(OPTIONS);
    StreamingMetricsState b = StreamingMetricsState.create(OPTIONS.withBins(10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertEquals("can only merge states with the same thresholds and bins, found [0.2, 0.5, 0.8]/7 and"
        + " [0.2, 0.5, 0.8]/10", e.getMessage());
  }

  @Test
  void states_empty_refuseReport() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ExactMetricsState.create().toReport());
    assertEquals("no cases: a metrics report needs at least one case", e.getMessage());
    assertThrows(IllegalStateException.class, () -> StreamingMetricsState.create(OPTIONS).toReport());
  }
}
