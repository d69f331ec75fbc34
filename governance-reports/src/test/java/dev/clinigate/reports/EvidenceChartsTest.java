package dev.clinigate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.CalibrationBin;
import dev.clinigate.metrics.Curves;
import dev.clinigate.metrics.SubsetMetrics;
import dev.clinigate.reports.internal.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * SVG geometry of every chart for a tiny known input: labels {0, 1, 1, 0}, scores {0.2, 0.7, 0.4, 0.4}, two
 * calibration bins (the input BinaryMetricsTest checks against scikit-learn). The whole SVG is compared with
 * {@code src/test/resources/evidence-report/svg/<chart>.svg}; the key coordinates are also checked by hand: the
 * plot area of a 320 x 260 chart is x 48..308, y 12..220, so data (x, y) in [0, 1]^2 is drawn at
 * (48 + 260 x, 220 - 208 y). Regenerate the files with {@code -Dclinigate.writeGoldens=true} and review the diff.
 */
class EvidenceChartsTest {
  static final SubsetMetrics TINY = BinaryMetrics.builder(new int[] {0, 1, 1, 0}, new double[] {0.2, 0.7, 0.4, 0.4})
      .thresholds(0.5).bins(2).build().overall();

  static List<double[]> xy(List<Curves.Point> points) {
    List<double[]> out = new ArrayList<>();
    for (Curves.Point p : points) {
      out.add(new double[] {p.x(), p.y()});
    }
    return out;
  }

  private static void golden(String name, String svg) throws IOException {
    Path dir = Path.of("src/test/resources/evidence-report/svg");
    if (Boolean.getBoolean("clinigate.writeGoldens")) {
      Files.writeString(dir.resolve(name + ".svg"), svg + "\n", StandardCharsets.UTF_8);
    }
    Path file = dir.resolve(name + ".svg");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), svg + "\n", name);
    assertTrue(svg.startsWith("<svg ") && svg.endsWith("</svg>"), name);
  }

  @Test
  void roc_tinyInput_pointsAtKnownPixels() throws Exception {
    String svg = Charts.roc(xy(TINY.curves().orElseThrow().roc()));
    // (0, 0), (0, 0.5), (0.5, 1), (1, 1)
    assertTrue(svg.contains("points=\"48.0,220.0 48.0,116.0 178.0,12.0 308.0,12.0\""), svg);
    // the chance diagonal from (0, 0) to (1, 1)
    assertTrue(svg.contains("<line x1=\"48.0\" y1=\"220.0\" x2=\"308.0\" y2=\"12.0\" stroke=\"#777\" "
        + "stroke-dasharray=\"4 3\"/>"), svg);
    golden("roc", svg);
  }

  @Test
  void precisionRecall_tinyInput_stepsAtKnownPixels() throws Exception {
    String svg = Charts.precisionRecall(xy(TINY.curves().orElseThrow().precisionRecall()), 0.5);
    // (recall, precision): (1, 0.5), (1, 2/3), (0.5, 1), (0, 1) as steps; no-skill line at prevalence 0.5
    assertTrue(svg.contains("d=\"M308.0,116.0 H308.0 V81.3 H178.0 V12.0 H48.0 V12.0\""), svg);
    assertTrue(svg.contains("<line x1=\"48.0\" y1=\"116.0\" x2=\"308.0\" y2=\"116.0\""), svg);
    golden("pr", svg);
  }

  @Test
  void reliability_tinyInput_binsAndCountsAtKnownPixels() throws Exception {
    List<Charts.Bin> bins = new ArrayList<>();
    for (CalibrationBin b : TINY.calibration().curve()) {
      bins.add(new Charts.Bin(b.lower(), b.upper(), b.n(), b.meanPredicted(), b.observedRate()));
    }
    String svg = Charts.reliability(bins);
    // bin [0, 0.5]: 3 cases, mean 1/3, observed 1/3; bin [0.5, 1]: 1 case, mean 0.7, observed 1
    assertTrue(svg.contains("<circle cx=\"134.7\" cy=\"150.7\" r=\"3.5\""), svg);
    assertTrue(svg.contains("<circle cx=\"230.0\" cy=\"12.0\" r=\"3.5\""), svg);
    // count bars: a quarter of the plot height (52 px) for the fullest bin, 52/3 for the other
    assertTrue(svg.contains("<rect x=\"49.0\" y=\"168.0\" width=\"128.0\" height=\"52.0\""), svg);
    assertTrue(svg.contains("<rect x=\"179.0\" y=\"202.7\" width=\"128.0\" height=\"17.3\""), svg);
    assertTrue(svg.contains(">3</text>") && svg.contains(">1</text>"), svg);
    golden("reliability", svg);
  }

  @Test
  void decisionCurve_tinyInput_goldenGeometry() throws Exception {
    List<double[]> pts = new ArrayList<>();
    for (Curves.NetBenefit nb : TINY.curves().orElseThrow().decision()) {
      pts.add(new double[] {nb.threshold(), nb.model(), nb.treatAll()});
    }
    String svg = Charts.decisionCurve(pts, 0.5);
    // y range: step 0.2 (prevalence 0.5 / 4 rounded up), from -0.2 to 0.6: y = 220 - 208 (v + 0.2) / 0.8;
    // treat none (0) at y 168; treat all starts at (0.01, 0.4949...) = (50.6, 39.3) and leaves at -0.2
    assertTrue(svg.contains("<line x1=\"48.0\" y1=\"168.0\" x2=\"308.0\" y2=\"168.0\" stroke=\"#000\""), svg);
    assertTrue(svg.contains("stroke-dasharray=\"4 3\" points=\"50.6,39.3 "), svg);
    golden("decision", svg);
  }

  @Test
  void forest_failingAndHostileGroups_markedEscapedAndBoundDrawn() throws Exception {
    List<Charts.ForestRow> rows = List.of(
        new Charts.ForestRow("site=central", 0.03, 0.02, 0.04, "PASS"),
        new Charts.ForestRow("site=east", 0.146, 0.12, 0.17, "FAIL"),
        new Charts.ForestRow("site=<script>alert(1)</script>", 0.05, Double.NaN, Double.NaN, "INSUFFICIENT_DATA"));
    String svg = Charts.forest("ECE", rows, OptionalDouble.empty(), OptionalDouble.of(0.08));
    assertTrue(svg.contains("site=&lt;script&gt;alert(1)&lt;/script&gt;"), svg);
    assertTrue(!svg.contains("<script"), svg);
    assertTrue(svg.contains(">\u2717 FAIL</text>"), svg);
    // x from 0 to 0.2 over 160..460: the bound 0.08 at 280, east's square centred at 379
    assertTrue(svg.contains("<line x1=\"280.0\" y1=\"12.0\" x2=\"280.0\" y2=\"72.0\" stroke=\"#c0392b\""), svg);
    assertTrue(svg.contains("<rect x=\"375.5\" y=\"38.5\" width=\"7.0\" height=\"7.0\" fill=\"#c0392b\""), svg);
    golden("forest", svg);
  }

  @Test
  void histogram_numericAndCategorical_goldenGeometry() throws Exception {
    String numeric = Charts.histogram("lab", new Charts.Histogram(List.of("2"), true, new long[] {1, 3},
        new long[] {0, 2}));
    // 2 bins over x 48..308 (130 px each), shares 0..1 over y 188..28 (160 px): the reference bar of bin 2
    // (share 0.75) spans x 191 to 243 and y 68 to 188
    assertTrue(numeric.contains("<rect x=\"191.0\" y=\"68.0\" width=\"52.0\" height=\"120.0\" fill=\"#9aa9bf\""),
        numeric);
    golden("histogram-numeric", numeric);
    String categorical = Charts.histogram("site", new Charts.Histogram(List.of("east", "north", "west"), false,
        new long[] {1, 0, 2}, new long[] {1, 1, 2}));
    golden("histogram-categorical", categorical);
  }
}
