package dev.clinigate.cli;

import dev.clinigate.cli.internal.PredictionsCsv;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate metrics}: every binary-classification metric of a predictions CSV. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Compute discrimination, calibration, threshold and decision-curve metrics of a predictions CSV,",
        "overall and per subgroup. The JSON output is valid evidence for 'clinigate evaluate'.",
        "Exit 0 = computed, 2 = bad input."})
final class MetricsCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format { json, text }

  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--predictions", required = true, paramLabel = "F.csv",
      description = "CSV with a header row: one row per case.")
  Path predictions;

  @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column: 0 or 1 (also true/false).")
  String label;

  @Option(names = "--score", required = true, paramLabel = "COL", description = "Score column: a probability in [0, 1].")
  String score;

  @Option(names = "--group", paramLabel = "COL", description = "Subgroup column (repeatable). Empty values are left "
      + "out of that column's groups.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "T", description = "Decision threshold in [0, 1] (repeatable; default 0.5).")
  List<Double> thresholds = new ArrayList<>();

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10", description = "Calibration bins for ECE/MCE (default 10).")
  int bins;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
      description = "Stratified bootstrap replicates for 95% intervals of every metric but AUROC (default 0: none; "
          + "AUROC always has DeLong's interval).")
  int bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20261123",
      description = "Bootstrap seed, recorded in the report (default 20261123).")
  long seed;

  @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT", description = "json (default) or text.")
  Format format;

  @Override
  public Integer call() {
    PredictionsCsv data = PredictionsCsv.read(predictions, label, score, groups);
    BinaryMetrics.Builder b = BinaryMetrics.builder(data.labels(), data.scores()).source(predictions.toString())
        .bins(bins);
    if (!thresholds.isEmpty()) {
      b.thresholds(thresholds);
    }
    for (int i = 0; i < groups.size(); i++) {
      b.group(groups.get(i), data.groups().get(i));
    }
    if (bootstrap > 0) {
      b.bootstrap(bootstrap, seed);
    }
    MetricsReport report = b.build();
    var out = spec.commandLine().getOut();
    out.println(format == Format.json ? Json.prettyInOrder(report.toJson()) : report.toText());
    out.flush();
    return Main.EXIT_OK;
  }
}
