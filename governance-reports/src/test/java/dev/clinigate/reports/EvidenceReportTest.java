package dev.clinigate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.ClinigateException;
import dev.clinigate.Evidence;
import dev.clinigate.EvidenceException;
import dev.clinigate.InputException;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.SourceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.metrics.BinaryMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole page: self-contained, escaped, deterministic, honest about absent data; bad input fails cleanly. */
class EvidenceReportTest {
  static final Path READMISSION = Path.of("../samples/readmission");

  static String readmissionHtml() {
    PromotionPolicy p = PolicyYaml.loadPromotion(READMISSION.resolve("policy.yaml"));
    return EvidenceReport.builder(Evidence.load(READMISSION.resolve("evidence.json"))).policy(p).build().html();
  }

  /** A small evidence document: a metrics report with curves, groups, plus drift and governance members. */
  static JsonObject tinyEvidence(String groupValue, String rationale) {
    String[] site = {"east", groupValue, "east", groupValue, "east", groupValue, "east", groupValue};
    JsonObject report = BinaryMetrics.builder(new int[] {0, 1, 1, 0, 1, 0, 0, 1},
        new double[] {0.2, 0.7, 0.4, 0.4, 0.9, 0.1, 0.3, 0.6}).thresholds(0.5).bins(4).group("site", site).build()
        .toJson();
    JsonObject.Builder b = JsonObject.builder();
    report.members().forEach(b::put);
    JsonObject extra = (JsonObject) Json.parse("""
        {"drift": {"features": {"age": {"psi": 0.1, "ks": 0.2, "wasserstein": 1.5, "js_distance": 0.1,
           "missing_rate": 0.0, "histogram": {"edges": [40, 60], "reference": [3, 4, 3], "current": [1, 4, 5]}}}},
         "approvals": [{"principal": "a.b", "role": "compliance", "decision": "approve",
           "rationale": %s, "timestamp": "2026-01-01T00:00:00Z"}]}
        """.formatted(Json.compact(new dev.clinigate.json.JsonString(rationale))), "extra").root();
    extra.members().forEach(b::put);
    return b.build();
  }

  @Test
  void html_sameInputs_sameBytes() {
    assertEquals(readmissionHtml(), readmissionHtml());
    JsonObject e = tinyEvidence("west", "ok");
    assertEquals(EvidenceReport.builder(Evidence.of(e)).build().html(), EvidenceReport.builder(Evidence.of(e)).build().html());
  }

  @Test
  void html_anyInput_selfContainedWithoutScriptOrExternalResource() {
    for (String html : List.of(readmissionHtml(), EvidenceReport.builder(Evidence.of(tinyEvidence("west", "ok"))).build().html())) {
      for (String banned : List.of("<script", "http:", "https:", "src=", "url(", "@import", "<link", "<iframe",
          "<object", "<embed", "javascript:")) {
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains(banned), banned);
      }
      assertFalse(java.util.regex.Pattern.compile("<[^>]*\\son[a-z]+\\s*=").matcher(html).find(), "no event handler");
      assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"), html);
      assertTrue(html.contains("@media print"), "print styles");
      for (String section : EvidenceReport.SECTIONS) {
        assertTrue(html.contains("</h2>") && html.contains(">" + section + "</h2>"), section);
      }
    }
  }

  @Test
  void html_hostileGroupAndRationale_escapedEverywhere() {
    String group = "<script>alert(1)</script>";
    String rationale = "<img src=x onerror=alert(2)> & \"quoted\"";
    String html = EvidenceReport.builder(Evidence.of(tinyEvidence(group, rationale))).build().html();
    assertFalse(html.contains("<script"), "no script element");
    assertFalse(html.contains("<img"), "no img element");
    assertTrue(html.contains("site=&lt;script&gt;alert(1)&lt;/script&gt;"), "group label escaped in the forest plot");
    assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot;"), "rationale escaped");
  }

  @Test
  void html_readmissionWithPolicy_forestMarksEastFailingAgainstTheBound() {
    String html = readmissionHtml();
    assertTrue(html.contains("<span class=\"verdict NO_GO\">NO_GO</span>"), html);
    assertTrue(html.contains("<h3>Rule subgroup-calibration: ECE</h3>"), html);
    assertTrue(html.contains(">\u2717 FAIL</text>"), "east marked");
    assertTrue(html.contains(">max 0.08</text>"), "the policy bound drawn");
    assertTrue(html.contains("ECE for site=east is 0.146, above the maximum 0.08 (n=7,968)."), "explanation");
    // the hand-written sample has no curves, bins or drift: said, not drawn
    assertTrue(html.contains("ROC and precision-recall curves: not in the evidence"), html);
    assertTrue(html.contains("Reliability diagram: not in the evidence"), html);
    assertTrue(html.contains("Decision curve: not in the evidence"), html);
    assertTrue(html.contains("Drift: not in the evidence"), html);
    assertTrue(html.contains("Approvals: not in the evidence."), html);
    assertTrue(html.contains("No data contract result was given"), html);
    assertFalse(html.contains("<polyline"), "no curve drawn without curve data");
  }

  @Test
  void html_provenance_listsHashesAndWarnsOnOtherEvidence() {
    Evidence e = Evidence.load(READMISSION.resolve("evidence.json"));
    PromotionPolicy p = PolicyYaml.loadPromotion(READMISSION.resolve("policy.yaml"));
    JsonObject decision = p.evaluate(e).toJson();
    String html = EvidenceReport.builder(e).decision(decision).policy(p).build().html();
    assertTrue(html.contains("<tr><th>evidence sha256</th><td class=\"hash\">" + e.sha256() + "</td></tr>"), html);
    assertTrue(html.contains("<td class=\"hash\">" + p.sha256() + "</td>"), html);
    assertTrue(html.contains("<tr><th>decision sha256 (canonical JSON)</th><td class=\"hash\">" + Json.sha256(decision)
        + "</td></tr>"), html);
    assertFalse(html.contains("made on other evidence"), html);
    String other = EvidenceReport.builder(Evidence.of(tinyEvidence("west", "ok"))).decision(decision).build().html();
    assertTrue(other.contains("The decision was made on other evidence: its evidence sha256 differs from this "
        + "evidence's."), other);
  }

  @Test
  void html_withCurvesBinsAndDrift_drawsEveryChart() {
    String html = EvidenceReport.builder(Evidence.of(tinyEvidence("west", "ok"))).build().html();
    assertEquals(6, html.split("<svg ", -1).length - 1, "ROC, PR, reliability, decision, one forest, one histogram");
    assertTrue(html.contains("<h3>AUROC by site (no policy bound: no decision)</h3>"), html);
    assertFalse(html.contains("not in the evidence (clinigate"), html);
  }

  @Test
  void load_malformedPlotData_errorNamesFileLinePathWithoutValue(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("evidence.json");
    Files.writeString(f, "{\"n\": 10, \"positives\": 4,\n \"curves\": {\"roc\": [[0, 0], [0.5, \"MRN-123\"]]}}\n",
        StandardCharsets.UTF_8);
    EvidenceException ex = assertThrows(EvidenceException.class,
        () -> EvidenceReport.builder(EvidenceReport.loadEvidence(f, SourceFiles.besideFile(f))).build());
    assertEquals("ERROR: " + f + ":2:35: $.curves.roc[1][1]: a point of the ROC curve must hold numbers within [0, 1]\n"
        + "hint: give the curves clinigate metrics computes", ex.getMessage());
    assertFalse(ex.getMessage().contains("MRN"), "never echoes a value");
  }

  @Test
  void loadDecision_notADecision_inputErrorAtPath(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("decision.json");
    Files.writeString(f, "{\"verdict\": \"GO\",\n \"rules\": [{\"id\": \"x\"}]}\n", StandardCharsets.UTF_8);
    InputException ex = assertThrows(InputException.class, () -> EvidenceReport.loadDecision(f, SourceFiles.besideFile(f)));
    assertEquals("ERROR: " + f + ":2:12: $.rules[0]: a rule result must have an id and a status\n"
        + "hint: give the output of 'clinigate evaluate --format json'", ex.getMessage());
  }

  @Test
  void write_unwritableTarget_failsWithoutPartialFile(@TempDir Path dir) {
    EvidenceReport r = EvidenceReport.builder(Evidence.of(tinyEvidence("west", "ok"))).build();
    Path out = dir.resolve("missing-dir").resolve("report.html");
    ClinigateException ex = assertThrows(InputException.class, () -> r.write(out));
    assertEquals("ERROR: " + out + ": cannot write the report: its directory does not exist\n"
        + "hint: check that the directory exists and is writable", ex.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void write_existingTarget_replacedWholeAndNoTemporaryLeft(@TempDir Path dir) throws IOException {
    EvidenceReport r = EvidenceReport.builder(Evidence.of(tinyEvidence("west", "ok"))).build();
    Path out = dir.resolve("report.html");
    Files.writeString(out, "old");
    r.write(out);
    assertEquals(r.html(), Files.readString(out, StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList());
    }
  }
}
