package dev.clinigate.cli;

import dev.clinigate.cli.report.ReportFormat;
import dev.clinigate.cli.report.Reports;
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

/** {@code clinigate monitor}: a rollback policy over monitoring windows, to HOLD / ROLLBACK. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Evaluate a rollback policy over monitoring windows (JSON Lines, in time order). "
        + "Exit 0 = HOLD, 1 = ROLLBACK, 2 = bad input.")
final class MonitorCommand implements Callable<Integer> {
  /** Largest windows file accepted (256 MiB). */

  /** Output formats. */
  enum Format { text, json, junit, sarif, github, markdown }

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
  Format format;

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
    var warnings = format == Format.text ? out : spec.commandLine().getErr();
    for (Problem w : unread) {
      warnings.println("WARNING: " + w.render().substring("ERROR: ".length()));
    }
    switch (format) {
      case json -> out.println(d.toPrettyJson());
      case text -> out.print(d.explain());
      case junit -> out.print(ReportFormat.JUNIT.render(Reports.of(d, policy)));
      case sarif -> out.print(ReportFormat.SARIF.render(Reports.of(d, policy)));
      case github -> out.print(ReportFormat.GITHUB.render(Reports.of(d, policy)));
      case markdown -> out.print(ReportFormat.MARKDOWN.render(Reports.of(d, policy)));
      default -> throw new IllegalStateException("unknown format " + format);
    }
    out.flush();
    return d.verdict().exitCode();
  }
}
