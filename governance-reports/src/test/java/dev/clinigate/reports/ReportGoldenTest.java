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
import javax.xml.validation.Validator;
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

  static Report report(String kind) {
    Path dir = RES.resolve(kind);
    return switch (kind) {
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
    for (String kind : List.of("decision", "decision-extends", "contract", "test", "rollback", "test-rollback",
        "test-review")) {
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
      junitValidator().validate(new StreamSource(new StringReader(text)));
    }
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
  void junitXsd_rejectsAnUnknownElement_soTheValidationCanFail() throws Exception {
    String bad = ReportFormat.JUNIT.render(report("decision")).replace("<failure ", "<failed ")
        .replace("</failure>", "</failed>");
    Validator v = junitValidator();
    assertThrows(SAXException.class, () -> v.validate(new StreamSource(new StringReader(bad))));
  }

  @Test
  void reports_passedFlag_followsTheVerdict() {
    assertFalse(report("decision").passed());
    assertFalse(report("contract").passed());
    assertFalse(report("test").passed());
    assertFalse(report("test-rollback").passed());
    assertFalse(report("test-review").passed());
  }

  private static Validator junitValidator() throws SAXException {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return f.newSchema(Path.of("src/test/resources/schemas/junit.xsd").toFile()).newValidator();
  }

  private static Schema sarifSchema() {
    try {
      String text = Files.readString(Path.of("src/test/resources/schemas/sarif-schema-2.1.0.json"));
      return SchemaLoader.builder().schemaJson(new JSONObject(new JSONTokener(text))).draftV7Support().build().load()
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
