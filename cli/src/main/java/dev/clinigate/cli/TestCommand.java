package dev.clinigate.cli;

import dev.clinigate.reports.Reports;
import dev.clinigate.json.Json;
import dev.clinigate.testkit.Coverage;
import dev.clinigate.testkit.Outcome;
import dev.clinigate.testkit.PolicyTestRunner;
import dev.clinigate.testkit.TestRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate test}: policy unit tests ({@code kind: PolicyTest} suites) and rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
    header = "Run policy unit tests (YAML suites of kind PolicyTest) and report their coverage.",
    description = {"Run policy unit tests: YAML suites of kind PolicyTest found in the given files and directories.",
        "A suite tests a PromotionPolicy, RollbackPolicy or ReviewPolicy. Reports every case, and the coverage of",
        "every policy tested (each rule and subject driven to PASS and to a failure; each trigger to PASS and fired;",
        "each review rule matched and not matched). Exit 0 = all passed, 1 = a case or the coverage failed, 2 = a",
        "suite is in error (invalid, or names a rule or trigger the policy does not have) or bad usage."})
final class TestCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Suite files, or directories searched recursively.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--require-tests",
      description = "Fail when a PromotionPolicy, RollbackPolicy or ReviewPolicy file found in the paths has no suite.")
  boolean requireTests;

  @Option(names = "--coverage-min", paramLabel = "N",
      description = "Fail when a policy's rule coverage is below N percent (0-100).")
  Double coverageMin;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text (the default), json, junit (JUnit XML), sarif (SARIF 2.1.0), github (workflow "
          + "annotations) or markdown (a summary table).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (coverageMin != null && !(coverageMin >= 0 && coverageMin <= 100)) {
      throw Options.invalid("--coverage-min", "must be within [0, 100], found " + Options.plain(coverageMin),
          "a percentage of rules driven to both sides, e.g. --coverage-min 100");
    }
    TestRun run = common.root != null ? PolicyTestRunner.run(paths, common.files(common.root))
        : PolicyTestRunner.run(paths, common.limits());
    OptionalDouble min = coverageMin == null ? OptionalDouble.empty() : OptionalDouble.of(coverageMin);
    List<String> gateFailures = new ArrayList<>();
    if (requireTests) {
      for (String p : run.untestedPolicies()) {
        gateFailures.add(p + ": no PolicyTest suite tests this policy (--require-tests)");
      }
    }
    if (min.isPresent()) {
      for (Coverage c : run.coverage()) {
        if (c.percent() < min.getAsDouble()) {
          gateFailures.add(String.format(Locale.ROOT, "%s: coverage %s%% is below the minimum %s%%", c.policyFile(),
              dev.clinigate.json.Json.fixed(c.percent(), 1), plain(min.getAsDouble())));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    format.print(out, () -> run.toText() + gateFailures.stream().map(f -> "FAIL " + f + "\n")
        .collect(Collectors.joining()), () -> Json.prettyInOrder(run.toJson()),
        () -> CiReports.relative(Reports.of(run, requireTests, min), common.root));
    if (run.outcome() == Outcome.ERROR) {
      return Main.EXIT_USAGE;
    }
    return run.outcome() == Outcome.PASSED && gateFailures.isEmpty() ? Main.EXIT_OK : Main.EXIT_FAIL;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : dev.clinigate.json.Json.number(d);
  }
}
