package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.MonitoringWindow;
import dev.clinigate.RollbackDecision;
import dev.clinigate.reports.ReportFormat;
import dev.clinigate.reports.Reports;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.dsl.PolicyYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code check} and {@code monitor} print the CI report writers' output for {@code --format
 * junit|sarif|github|markdown} (the writers' own goldens validate SARIF against its schema and JUnit XML
 * against the XSDs) with files named relative to the repository root, and keep their exit codes.
 */
class CiFormatsCommandTest {
  private static final Path REPORTS = Path.of("../governance-reports/src/test/resources/reports");

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void check_ciFormat_printsTheContractReport(ReportFormat f) {
    Path contract = REPORTS.resolve("contract/contract.yaml");
    Path data = REPORTS.resolve("contract/data.csv");
    CliRunner r = CliRunner.run("check", "--contract", contract.toString(), "--data", data.toString(), "--format",
        f.name().toLowerCase(Locale.ROOT));
    ContractResult result = ContractChecker.builder(DataContracts.load(contract)).build().check(data);
    assertEquals(result.passed() ? 0 : 1, r.exit(), r.err());
    assertEquals(f.render(Reports.of(result, contract).relativeTo(CiReports.root(null))), r.out());
    if ((f == ReportFormat.SARIF || f == ReportFormat.GITHUB) && !ValidateGoldenTest.cliPrefix().isEmpty()) {
      // in a git checkout: relative to the repository root, not to the working directory (no "../" out of it)
      assertTrue(r.out().contains("governance-reports/src/test/resources/reports/contract/contract.yaml"), r.out());
      assertFalse(r.out().contains("\"uri\": \"../") || r.out().contains("file=../"), r.out());
    }
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void monitor_ciFormat_printsTheRollbackReport(ReportFormat f) throws java.io.IOException {
    Path policy = REPORTS.resolve("rollback/policy.yaml");
    Path windows = REPORTS.resolve("rollback/windows.jsonl");
    CliRunner r = CliRunner.run("monitor", "--policy", policy.toString(), "--windows", windows.toString(), "--format",
        f.name().toLowerCase(Locale.ROOT));
    dev.clinigate.RollbackPolicy p = PolicyYaml.loadRollback(policy);
    RollbackDecision d = p.evaluate(MonitoringWindow.parseJsonLines(
        Files.readString(windows), windows.toString()), Optional.empty());
    assertEquals(1, r.exit(), r.err());
    assertEquals(f.render(Reports.of(d, p, policy).relativeTo(CiReports.root(null))), r.out());
  }
}
