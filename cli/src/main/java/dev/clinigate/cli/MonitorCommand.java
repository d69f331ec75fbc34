package dev.clinigate.cli;

import dev.clinigate.reports.Reports;
import dev.clinigate.InputException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Problem;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.SourceFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clinigate monitor}: a rollback policy over monitoring windows, to HOLD / REAPPROVE / ROLLBACK / DISABLE. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Evaluate a rollback policy over monitoring windows (JSON Lines, in time order). "
        + "Exit 0 = HOLD, 1 = REAPPROVE, ROLLBACK or DISABLE (each demands action), 2 = bad input.")
final class MonitorCommand implements Callable<Integer> {
  /** Largest windows file accepted (256 MiB). */

  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--policy", required = true, paramLabel = "R.yaml", description = "The RollbackPolicy YAML file.")
  Path policy;

  @Option(names = "--windows", required = true, paramLabel = "W.jsonl",
      description = "Monitoring windows, one JSON object per line, in time order without overlap.")
  Path windows;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = {"text (for people, the default), json (the decision), or a CI report: junit (JUnit XML),",
          "sarif (SARIF 2.1.0), github (workflow annotations), markdown (a summary table)."})
  OutputFormat format;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Evaluation time recorded in the decision, ISO-8601; a window ending after it is an error.")
  Instant at;

  @Option(names = "--strict", description = {"Treat a window metric that no trigger reads (e.g. a misspelt",
      "missing_rate[creatinin]) as an error (exit 2) instead of a warning; for CI."})
  boolean strict;

  @Override
  public Integer call() {
    RollbackPolicy p = PolicyYaml.loadRollback(policy, common.files(policy));
    SourceFiles files = common.files(windows);
    String text = files.readText(windows, files.limits().maxJsonLinesBytes(), "maxJsonLinesBytes");
    List<MonitoringWindow> ws = MonitoringWindow.parseJsonLines(text, windows.toString());
    List<Problem> unread = MonitoringWindow.unreadMetrics(text, windows.toString(), p.metricKeys());
    if (strict && !unread.isEmpty()) {
      throw new InputException(unread);
    }
    RollbackDecision d = p.evaluate(ws, Optional.ofNullable(at));
    var out = spec.commandLine().getOut();
    // warnings go with the text for people; machine formats keep stdout parseable, so they go to stderr
    var warnings = format == OutputFormat.text ? out : spec.commandLine().getErr();
    for (Problem w : unread) {
      warnings.println("WARNING: " + w.render().substring("ERROR: ".length()));
    }
    format.print(out, d::explain, d::toPrettyJson, () -> Reports.of(d, p, policy));
    return d.verdict().exitCode();
  }
}
