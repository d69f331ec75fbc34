package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.reports.ReportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input with {@code --format junit|sarif|github|markdown} still writes a valid report, of a failed run, on stdout
 * (what CI redirects into the file it uploads), and exits 2 with the error on stderr as always: SARIF's invocation
 * has {@code executionSuccessful: false} and the error, verbatim, as a tool execution notification located at the
 * offending file; JUnit XML (valid for Jenkins' and surefire's XSDs) has a test case in error; GitHub gets an
 * {@code ::error file=...,line=...,col=...::} annotation; Markdown a failed section. Every command with CI formats is
 * covered (a policy error, a contract error, a missing path, a data error, a usage error), and no value of the data
 * reaches the report.
 */
class BadInputReportsTest {
  private static final String V = "src/test/resources/golden/validate/files/";
  private static final String R = "../governance-reports/src/test/resources/reports/";
  private static final String B = "src/test/resources/bad-input-reports/";

  /** A bad-input run: its arguments, and the file (as reported, relative to cli/) its first error is located in. */
  record Run(String name, List<String> args, String file, boolean hasLine) {
    Run(String name, List<String> args, String file) {
      this(name, args, file, file != null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Run> runs() {
    return List.of(
        new Run("evaluate, policy with problems",
            List.of("evaluate", "--policy", V + "broken/policy.yaml", "--evidence", R + "decision/evidence.json"),
            V + "broken/policy.yaml"),
        new Run("evaluate, evidence value of the wrong type",
            List.of("evaluate", "--policy", B + "policy.yaml", "--evidence", B + "evidence-with-text.json"),
            B + "evidence-with-text.json"),
        new Run("check, contract with problems",
            List.of("check", "--contract", V + "broken/features.contract.yaml", "--data", R + "contract/data.csv"),
            V + "broken/features.contract.yaml"),
        new Run("monitor, rollback policy with problems",
            List.of("monitor", "--policy", V + "broken/monitoring.yaml", "--windows", R + "rollback/windows.jsonl"),
            V + "broken/monitoring.yaml"),
        new Run("test, a path that does not exist", List.of("test", "no/such/suites"), "no/such/suites", false),
        new Run("evaluate, usage error (no --evidence)", List.of("evaluate", "--policy", B + "policy.yaml"), null));
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Run r : runs()) {
      for (ReportFormat f : ReportFormat.values()) {
        out.add(Arguments.of(r, f));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void badInput_ciFormat_writesAValidReportOfAFailedRun_andExits2(Run run, ReportFormat f) throws Exception {
    List<String> args = new ArrayList<>(run.args());
    args.add("--format");
    args.add(f.name().toLowerCase(Locale.ROOT));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("ERROR: "), r.err());
    assertFalse(r.out().isBlank(), "an empty report for " + run);
    assertFalse(r.out().contains("MRN-0042-SECRET") || r.err().contains("MRN-0042-SECRET"), r.out());
    String error = r.err().stripTrailing();
    String where = run.file() == null ? null : ValidateGoldenTest.cliPrefix() + run.file();
    switch (f) {
      case SARIF -> {
        CiSchemas.validateSarif(r.out());
        JSONObject sarifRun = new JSONObject(new JSONTokener(r.out())).getJSONArray("runs").getJSONObject(0);
        JSONObject invocation = sarifRun.getJSONArray("invocations").getJSONObject(0);
        assertFalse(invocation.getBoolean("executionSuccessful"));
        JSONArray notes = invocation.getJSONArray("toolExecutionNotifications");
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < notes.length(); k++) {
          assertEquals("error", notes.getJSONObject(k).getString("level"));
          texts.add(notes.getJSONObject(k).getJSONObject("message").getString("text"));
        }
        assertEquals(error, String.join("\n", texts), "the notifications are the errors as printed");
        if (where != null) {
          JSONObject at = notes.getJSONObject(0).getJSONArray("locations").getJSONObject(0)
              .getJSONObject("physicalLocation");
          assertEquals(where, at.getJSONObject("artifactLocation").getString("uri"));
          assertEquals("%SRCROOT%", at.getJSONObject("artifactLocation").getString("uriBaseId"));
          assertEquals(run.hasLine(), at.has("region"), at.toString());
        }
        assertEquals(0, sarifRun.getJSONArray("results").length());
      }
      case JUNIT -> {
        CiSchemas.validateJunit(r.out());
        assertTrue(r.out().contains("<error message=\"ERROR: "), r.out());
        assertFalse(r.out().contains("errors=\"0\""), r.out());
      }
      case GITHUB -> {
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith(where == null ? "::error title=" : "::error file=" + where + ","), first);
        assertEquals(run.hasLine(), first.contains(",line=") && first.contains(",col="), first);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("::error title=clinigate::")), r.out());
      }
      case MARKDOWN -> {
        assertTrue(r.out().startsWith("### ❌ clinigate "), r.out());
        assertTrue(r.out().contains("**The run failed: clinigate could not use its input.**"), r.out());
        assertTrue(r.out().contains(error.lines().findFirst().orElseThrow()), r.out());
      }
      default -> throw new AssertionError(f);
    }
  }
}
