package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
  @Test
  void metrics_badRows_allReportedWithLines(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "y,p,site\n1,0.9,a\n0,1.7,b\nx,0.2,a\n0,,b\n");
    CliRunner r = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "y", "--score", "p");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals("ERROR: " + csv + ":3: p must be a probability within [0, 1], found 1.7 (row 2)\n"
        + "hint: scores are probabilities; apply the model's link function (e.g. the sigmoid) first\n"
        + "ERROR: " + csv + ":4: y must be 0 or 1, found text (row 3)\n"
        + "hint: labels are 0/1 (true/false is accepted too); a missing label cannot be scored\n"
        + "ERROR: " + csv + ":5: p must be a probability within [0, 1], found an empty field (row 4)\n"
        + "hint: a missing score cannot be evaluated: remove the row or fix the producer\n", r.err());
  }

  @Test
  void metrics_withoutLabel_printsEstimatesAndWarns(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "p\n0.9\n0.6\n0.4\n0.1\n");
    CliRunner r = CliRunner.run("metrics", "--predictions", csv.toString(), "--score", "p");
    assertEquals(0, r.exit(), r.err());
    assertEquals("WARNING: " + csv + ": no --label: the estimated_* metrics take each score as the probability of the "
        + "outcome, so they are only as good as the model's calibration\n", r.err());
    assertEquals("{\"assumesCalibration\":true,\"estimated_prevalence\":0.5,\"n\":4,\"thresholds\":["
        + "{\"estimated_npv\":0.75,\"estimated_ppv\":0.75,\"estimated_sensitivity\":0.75,"
        + "\"estimated_specificity\":0.75,\"threshold\":0.5}]}", Json.canonical(Json.parse(r.out(), "stdout").root()));
    CliRunner g = CliRunner.run("metrics", "--predictions", csv.toString(), "--score", "p", "--group", "p");
    assertEquals(2, g.exit());
    assertEquals("ERROR: --group: needs --label\nhint: without --label only label-free estimated_* metrics are "
        + "computed, overall; give --label COL for --group\n", g.err());
  }

  @Test
  void metrics_raterLabels_kappaEqualsScikitLearnAndFeedsLabelKappaGate(@TempDir Path dir) throws IOException {
    // the kappa golden case "binary-500" (scikit-learn cohen_kappa_score, statsmodels std_kappa), plus two
    // rows one rater did not label, which are left out of the agreement
    JsonObject golden = (JsonObject) ((dev.clinigate.json.JsonArray) ((JsonObject) Json.parse(Files.readString(
        Path.of("../metrics/src/test/resources/golden/kappa/cases.json")), "cases.json").root()).members()
        .get("cases")).get(0);
    dev.clinigate.json.JsonArray r1 = (dev.clinigate.json.JsonArray) golden.members().get("rater1");
    dev.clinigate.json.JsonArray r2 = (dev.clinigate.json.JsonArray) golden.members().get("rater2");
    StringBuilder csv = new StringBuilder("y,p,reader1,reader2\n");
    for (int i = 0; i < r1.size(); i++) {
      csv.append(r1.get(i)).append(',').append(i % 2 == 0 ? "0.8" : "0.2").append(',').append(r1.get(i)).append(',')
          .append(r2.get(i)).append('\n');
    }
    csv.append("1,0.9,1,\n0,0.1,,0\n");
    Path file = write(dir, csv.toString());
    CliRunner r = CliRunner.run("metrics", "--predictions", file.toString(), "--label", "y", "--score", "p",
        "--rater-labels", "reader1,reader2");
    assertEquals(0, r.exit(), r.err());
    JsonObject kappa = (JsonObject) ((JsonObject) ((JsonObject) ((JsonObject) Json.parse(r.out(), "stdout").root())
        .members().get("labels")).members().get("agreement")).members().get("cohen_kappa");
    assertEquals(0.5341201526311119, ((dev.clinigate.json.JsonNumber) kappa.members().get("point")).value(), 1e-12);
    assertEquals(0.044647781220883205, ((dev.clinigate.json.JsonNumber) kappa.members().get("se")).value(), 1e-12);
    assertEquals("500", kappa.members().get("n").toString());
    assertEquals("\"wald\"", kappa.members().get("method").toString());
    Path evidence = dir.resolve("evidence.json");
    Files.writeString(evidence, r.out(), StandardCharsets.UTF_8);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: p, version: 1}\n"
        + "spec:\n  gates:\n    - {id: labels, metric: label_kappa, min: 0.6, bound: lower95}\n");
    CliRunner e = CliRunner.run("evaluate", "--policy", policy.toString(), "--evidence", evidence.toString());
    assertEquals(1, e.exit(), e.err());
    assertTrue(e.out().contains("labels  Label agreement (Cohen's kappa) lower 95% bound is 0.447 (point 0.534, "
        + "95% CI 0.447 to 0.622), below the minimum 0.6 (n=500)."), e.out());
    CliRunner text = CliRunner.run("metrics", "--predictions", file.toString(), "--label", "y", "--score", "p",
        "--rater-labels", "reader1,reader2", "--format", "text");
    assertTrue(text.out().contains("Label agreement (Cohen's kappa) of reader1 and reader2: 0.5341 (95% CI 0.4466 to "
        + "0.6216), n = 500\n"), text.out());
  }

  @Test
  void metrics_raterLabels_badInput_exitTwo(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "y,p,a,b\n1,0.9,1,yes\n0,0.2,0,0\n");
    CliRunner bad = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "y", "--score", "p",
        "--rater-labels", "a,b");
    assertEquals(2, bad.exit());
    assertEquals("ERROR: " + csv + ":2: b must be 0 or 1, found text (row 1)\nhint: a rater's label is 0/1 "
        + "(true/false is accepted too); leave it empty when the rater did not label the case\n", bad.err());
    CliRunner one = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "y", "--score", "p",
        "--rater-labels", "a");
    assertEquals(2, one.exit());
    assertEquals("ERROR: --rater-labels: needs two different columns, found 1 column\n"
        + "hint: e.g. --rater-labels reader1,reader2\n", one.err());
    CliRunner same = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "y", "--score", "p",
        "--rater-labels", "a,a");
    assertEquals("ERROR: --rater-labels: needs two different columns, found the same column twice\n"
        + "hint: e.g. --rater-labels reader1,reader2\n", same.err());
    CliRunner noLabel = CliRunner.run("metrics", "--predictions", csv.toString(), "--score", "p",
        "--rater-labels", "a,b");
    assertEquals(2, noLabel.exit());
    assertTrue(noLabel.err().startsWith("ERROR: --rater-labels: needs --label\n"), noLabel.err());
  }

  @Test
  void metrics_unknownColumn_exitTwo(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "label,score\n1,0.9\n");
    CliRunner r = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "label", "--score", "scor");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: " + csv + ":1: no column named \"scor\" in the header\n"), r.err());
    assertTrue(r.err().contains("score"), r.err());
  }

  @Test
  void metrics_badOption_exitTwoWithoutStackTrace(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "label,score\n1,0.9\n0,0.2\n");
    CliRunner r = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "label", "--score", "score",
        "--threshold", "1.5");
    assertEquals(2, r.exit());
    assertEquals("ERROR: --threshold: must be within [0, 1], found 1.5\n"
        + "hint: a threshold is a probability, e.g. --threshold 0.3\n", r.err());
    assertTrue(!r.err().contains("\tat "), r.err());
  }

  @Test
  void metrics_outputIsEvidence_evaluatesToADecision(@TempDir Path dir) throws IOException {
    Path csv = write(dir, "y,p,q,sex\n1,0.9,0.8,F\n0,0.1,0.3,M\n1,0.4,0.35,F\n0,0.3,0.5,M\n1,0.7,0.6,M\n0,0.2,0.1,F\n");
    CliRunner m = CliRunner.run("metrics", "--predictions", csv.toString(), "--label", "y", "--score", "p",
        "--baseline-score", "q", "--group", "sex", "--threshold", "0.5");
    assertEquals(0, m.exit(), m.err());
    JsonObject report = (JsonObject) Json.parse(m.out(), "stdout").root();
    assertEquals("6", report.get("n").orElseThrow().toString());
    assertTrue(report.has("baseline") && report.has("comparison") && report.has("groups"));
    Path evidence = dir.resolve("evidence.json");
    Files.writeString(evidence, m.out(), StandardCharsets.UTF_8);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: p, version: 1}\n"
        + "spec:\n  gates:\n    - {id: auroc, metric: auroc, min: 0.9}\n"
        + "    - {id: not-worse, metric: auroc, baseline: production, maxDrop: 0.0}\n"
        + "    - {id: sens-by-sex, metric: sensitivity@0.5, by: [sex], min: 0.5}\n", StandardCharsets.UTF_8);
    CliRunner e = CliRunner.run("evaluate", "--policy", policy.toString(), "--evidence", evidence.toString());
    assertEquals(0, e.exit(), e.out() + e.err());
    assertTrue(e.out().contains("AUROC is 1, at or above the minimum 0.9 (n=6)."), e.out());
    assertTrue(e.out().contains("AUROC is 1 against production's 0.889: no worse, within the maximum drop 0 (n=6)."),
        e.out());
  }

  private static Path write(Path dir, String text) throws IOException {
    Path p = dir.resolve("predictions.csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
