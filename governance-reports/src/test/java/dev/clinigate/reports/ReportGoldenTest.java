package dev.clinigate.reports;

import dev.clinigate.Clinigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Decision;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.testkit.PolicyTestRunner;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/**
 * Golden files of every report format for a decision, a contract result, test runs of a promotion, a rollback
 * and a review policy's suites, and a rollback decision
 * ({@code src/test/resources/reports/<case>/expected.*}); SARIF is validated against the OASIS SARIF 2.1.0
 * schema and JUnit XML against the JUnit XSD. Set {@code -Dclinigate.regenerate=true} to rewrite the goldens
 * after an intended change, then review the diff.
 */
class ReportGoldenTest {
  private static final Path RES = Path.of("src/test/resources/reports");
  private static final Schema SARIF = sarifSchema();
  private static final javax.xml.validation.Schema JENKINS = xsd("junit-10.xsd");
  private static final javax.xml.validation.Schema SUREFIRE = xsd("surefire-test-report.xsd");

  static Report report(String kind) {
    Path dir = RES.resolve(kind);
    return switch (kind) {
      case "decision-waived" -> {
        PromotionPolicy p = PolicyYaml.loadPromotion(dir.resolve("policy.yaml"));
        Decision d = p.evaluate(EvidenceFiles.load(dir.resolve("evidence.json")),
            dev.clinigate.EvaluationOptions.at(java.time.Instant.parse("2026-03-01T09:00:00Z"))
                .withArtifacts(dev.clinigate.ArtifactVerifier.directory(dir.resolve("artifacts"))));
        yield Reports.of(d, p, dir.resolve("policy.yaml"));
      }
      case "failed-run" -> {
        try {
          PolicyYaml.loadPromotion(dir.resolve("policy.yaml"));
          throw new AssertionError("the policy of failed-run must not load");
        } catch (dev.clinigate.PolicyException e) {
          yield Reports.failedRun("evaluate", e.problems());
        }
      }
      case "decision", "decision-extends" -> {
        PromotionPolicy p = PolicyYaml.loadPromotion(dir.resolve("policy.yaml"));
        Decision d = p.evaluate(EvidenceFiles.load(dir.resolve("evidence.json")));
        yield Reports.of(d, p, dir.resolve("policy.yaml"));
      }
      case "contract" -> {
        ContractResult r = ContractChecker.builder(DataContracts.load(dir.resolve("contract.yaml"))).build()
            .check(dir.resolve("data.csv"));
        yield Reports.of(r, dir.resolve("contract.yaml"));
      }
      case "test", "test-rollback", "test-review" ->
          Reports.of(PolicyTestRunner.run(List.of(dir.resolve("suites"))), true, OptionalDouble.of(90));
      case "rollback" -> {
        RollbackPolicy p = PolicyYaml.loadRollback(dir.resolve("policy.yaml"));
        RollbackDecision d = p.evaluate(MonitoringWindow.parseJsonLines(
            dev.clinigate.SourceFiles.besideFile(dir.resolve("windows.jsonl")).readText(dir.resolve("windows.jsonl"), 1 << 20, "maxJsonLinesBytes"), "windows.jsonl"), Optional.empty());
        yield Reports.of(d, p, dir.resolve("policy.yaml"));
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String kind : List.of("decision", "decision-extends", "decision-waived", "contract", "test", "rollback",
        "test-rollback", "test-review", "failed-run")) {
      for (ReportFormat f : ReportFormat.values()) {
        out.add(Arguments.of(kind, f));
      }
    }
    return out.stream();
  }

  @Test
  void inheritedGate_isLocatedInItsBaseFile_namedRelativeToThePolicyFileAsGiven() {
    Path dir = RES.resolve("decision-extends");
    PromotionPolicy p = PolicyYaml.loadPromotion(dir.resolve("policy.yaml").toAbsolutePath());
    Decision d = p.evaluate(EvidenceFiles.load(dir.resolve("evidence.json")));
    Report r = Reports.of(d, p, Path.of("policies/policy.yaml"));
    ReportItem inherited = r.items().stream().filter(i -> i.ruleId().equals("discrimination")).findFirst()
        .orElseThrow();
    ReportItem own = r.items().stream().filter(i -> i.ruleId().equals("calibration")).findFirst().orElseThrow();
    assertEquals(List.of("policies/base.yaml", 12, 7), List.of(inherited.file(), inherited.line(), inherited.column()));
    assertEquals(List.of("policies/policy.yaml", 13, 7), List.of(own.file(), own.line(), own.column()));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void render_matchesGoldenAndSchema(String kind, ReportFormat format) throws Exception {
    String text = format.render(report(kind)).replace(Clinigate.version(), "VERSION");
    Path golden = RES.resolve(kind).resolve("expected" + format.fileName("").substring("clinigate-".length()));
    if (Boolean.getBoolean("clinigate.regenerate")) {
      Files.writeString(golden, text, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text);
    if (format == ReportFormat.SARIF) {
      SARIF.validate(new JSONObject(new JSONTokener(text)));
    } else if (format == ReportFormat.JUNIT) {
      validateJunit(text);
    }
  }

  /**
   * Valid for the Jenkins xunit plugin ({@code junit-10.xsd}, the whole document) and for surefire's readers
   * ({@code surefire-test-report.xsd}, whose root is one {@code testsuite}: each suite of the document).
   */
  static void validateJunit(String xml) throws Exception {
    JENKINS.newValidator().validate(new StreamSource(new StringReader(xml)));
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
    org.w3c.dom.NodeList suites = doc.getDocumentElement().getElementsByTagName("testsuite");
    assertTrue(suites.getLength() > 0, "no testsuite in " + xml);
    for (int k = 0; k < suites.getLength(); k++) {
      SUREFIRE.newValidator().validate(new javax.xml.transform.dom.DOMSource(suites.item(k)));
    }
  }

  @Test
  void sarif_waivedFailure_isAnAcceptedExternalSuppression_notAWarning() {
    JSONObject run = new JSONObject(new JSONTokener(ReportFormat.SARIF.render(report("decision-waived"))))
        .getJSONArray("runs").getJSONObject(0);
    List<JSONObject> waived = new ArrayList<>();
    for (Object o : run.getJSONArray("results")) {
      JSONObject r = (JSONObject) o;
      if (r.getJSONObject("message").getString("text").startsWith("WAIVED: ")) {
        waived.add(r);
      }
    }
    assertEquals(1, waived.size(), run.toString(2));
    JSONObject r = waived.get(0);
    assertEquals("error", r.getString("level"));
    JSONObject s = r.getJSONArray("suppressions").getJSONObject(0);
    assertEquals(List.of("external", "accepted"), List.of(s.getString("kind"), s.getString("status")));
    assertTrue(s.getString("justification").contains("dr.lindqvist"), s.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void sarif_everyRule_hasShortAndFullDescriptionAndHelp_andEveryLocationIsUnderSrcroot(String kind) {
    JSONObject run = new JSONObject(new JSONTokener(ReportFormat.SARIF.render(report(kind))))
        .getJSONArray("runs").getJSONObject(0);
    for (Object o : run.getJSONObject("tool").getJSONObject("driver").getJSONArray("rules")) {
      JSONObject rule = (JSONObject) o;
      for (String key : List.of("shortDescription", "fullDescription")) {
        assertFalse(rule.getJSONObject(key).getString("text").isBlank(), rule.toString());
      }
      assertFalse(rule.getJSONObject("help").getString("text").isBlank(), rule.toString());
      assertFalse(rule.getJSONObject("help").getString("markdown").isBlank(), rule.toString());
    }
    String text = run.toString();
    assertFalse(text.contains("\"uri\":\"/") || text.contains("file:"), text);
    for (Object o : run.getJSONArray("results")) {
      for (Object l : ((JSONObject) o).optJSONArray("locations", new org.json.JSONArray())) {
        JSONObject a = ((JSONObject) l).getJSONObject("physicalLocation").getJSONObject("artifactLocation");
        assertEquals("%SRCROOT%", a.getString("uriBaseId"), a.toString());
      }
    }
    assertTrue(run.getJSONObject("originalUriBaseIds").has("%SRCROOT%"));
  }

  static Stream<String> kinds() {
    return cases().map(a -> (String) a.get()[0]).distinct();
  }

  @Test
  void gateHelp_explainsTheCompiledGate() {
    Report r = report("decision");
    ReportRule rule = r.rules().stream().filter(x -> x.id().equals("subgroup-calibration")).findFirst().orElseThrow();
    assertEquals("readmission-risk v3 gate subgroup-calibration: metric: ece, max: 0.08, by: [\"sex\",\"age_band\","
        + "\"site\"], minGroupSize: 100, enforcement: mandatory, onInsufficientData: report", rule.shortDescription());
  }

  @Test
  void failedRun_isAFailedInvocationWithTheErrorAsNotification_andNoResults() {
    JSONObject run = new JSONObject(new JSONTokener(ReportFormat.SARIF.render(report("failed-run"))))
        .getJSONArray("runs").getJSONObject(0);
    JSONObject invocation = run.getJSONArray("invocations").getJSONObject(0);
    assertFalse(invocation.getBoolean("executionSuccessful"));
    JSONObject n = invocation.getJSONArray("toolExecutionNotifications").getJSONObject(0);
    assertEquals("error", n.getString("level"));
    assertTrue(n.getJSONObject("message").getString("text").startsWith("ERROR: src/test/resources/reports/failed-run/"
        + "policy.yaml:"), n.toString());
    assertEquals(0, run.getJSONArray("results").length());
  }

  @Test
  void relativeTo_namesFilesInsideTheRootRelativeToIt_andKeepsOthers() {
    Report r = new Report("t", "s", false, List.of(
        new ReportItem("g", "a", "r", ReportItem.Outcome.FAIL, "FAIL", "m",
            Path.of("repo/gov/policy.yaml").toAbsolutePath().toString(), 3, 4),
        new ReportItem("g", "b", "r", ReportItem.Outcome.FAIL, "FAIL", "m", "repo/gov/base.yaml", 1, 1),
        new ReportItem("g", "c", "r", ReportItem.Outcome.FAIL, "FAIL", "m", "/elsewhere/x.yaml", 1, 1),
        new ReportItem("g", "d", "r", ReportItem.Outcome.FAIL, "FAIL", "m", "", 0, 0)));
    List<String> files = r.relativeTo(Path.of("repo")).items().stream().map(ReportItem::file).toList();
    assertEquals(List.of("gov/policy.yaml", "gov/base.yaml", "/elsewhere/x.yaml", ""), files);
  }

  @Test
  void sarifUri_percentEncodesWhatAPathMayNotHold_andNeverReadsAsAScheme() {
    assertEquals("gov/my%20policy%C3%A9.yaml", dev.clinigate.reports.internal.SarifWriterAccess.uri("gov/my policyé.yaml"));
    assertEquals("./c:x/p%23q.yaml", dev.clinigate.reports.internal.SarifWriterAccess.uri("c:x/p#q.yaml"));
  }

  @Test
  void sarif_locatesAFailingGateAtItsLineAndColumnInThePolicy() {
    String sarif = ReportFormat.SARIF.render(report("decision"));
    // subgroup-calibration is the 5th gate: line 16, its flow mapping starts at column 7
    assertTrue(sarif.contains("\"ruleId\": \"subgroup-calibration\""), sarif);
    assertTrue(sarif.contains("\"startLine\": 16,\n                  \"startColumn\": 7"), sarif);
  }

  @Test
  void sarifSchema_rejectsAnInvalidLog_soTheValidationCanFail() {
    String bad = ReportFormat.SARIF.render(report("decision")).replace("\"level\": \"error\"", "\"level\": \"fatal\"");
    assertThrows(ValidationException.class, () -> SARIF.validate(new JSONObject(new JSONTokener(bad))));
  }

  @Test
  void junitXsds_rejectWhatEachRefuses_soTheValidationCanFail() {
    String good = ReportFormat.JUNIT.render(report("decision"));
    // junit-10.xsd refuses a file attribute on a test case (what the Jenkins xunit plugin skipped files for)
    String withFile = good.replaceFirst("<testcase ", "<testcase file=\"policy.yaml\" ");
    assertThrows(SAXException.class, () -> JENKINS.newValidator().validate(new StreamSource(new StringReader(withFile))));
    // surefire's schema requires a test case's time
    String withoutTime = good.replace(" time=\"0\"", "");
    assertThrows(SAXException.class, () -> validateJunit(withoutTime));
  }

  @Test
  void reports_passedFlag_followsTheVerdict() {
    assertFalse(report("decision").passed());
    assertFalse(report("contract").passed());
    assertFalse(report("test").passed());
    assertFalse(report("test-rollback").passed());
    assertFalse(report("test-review").passed());
  }

  private static javax.xml.validation.Schema xsd(String name) {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return f.newSchema(Path.of("src/test/resources/xsd").resolve(name).toFile());
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Schema sarifSchema() {
    try {
      String text = Files.readString(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"));
      return SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(text))).build().load().build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
