package dev.clinigate.cli;

import dev.clinigate.cli.internal.FeatureColumns;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.DriftReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate drift}: how far a current sample's features moved from a reference sample. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    header = "Drift of features between a reference CSV and a current CSV.",
    description = {"Drift of features between a reference CSV and a current CSV: PSI, KS (+ p-value), Wasserstein and",
        "Jensen-Shannon distance for numeric features; chi-square, PSI and Jensen-Shannon distance for categorical",
        "ones. Empty cells and NA, N/A, NaN, nan, null, NULL are missing: excluded and reported as missing_rate.",
        "A feature is numeric when every present value in both files is a decimal number, unless --categorical.",
        "Exit 0 = computed, 2 = bad input."})
final class DriftCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--reference", required = true, paramLabel = "R.csv", description = "The reference sample (e.g. training data).")
  Path reference;

  @Option(names = "--current", required = true, paramLabel = "C.csv", description = "The current sample.")
  Path current;

  @Option(names = "--feature", required = true, arity = "1..*", paramLabel = "COL",
      description = "Feature columns (repeatable, or several after one --feature).")
  List<String> features = new ArrayList<>();

  @Option(names = "--categorical", arity = "1..*", paramLabel = "COL",
      description = "Treat these features as categorical even when their values are numbers (e.g. codes).")
  List<String> categorical = new ArrayList<>();

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10", description = "PSI bins for numeric features (default 10).")
  int bins;

  @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT", description = "json (default) or text.",
      converter = OutputFormat.JsonOrText.class, completionCandidates = OutputFormat.JsonOrText.class)
  OutputFormat format;

  @Override
  public Integer call() {
    Options.atLeast("--bins", bins, 2, "PSI needs at least 2 bins; the default is 10");
    Set<String> seen = new HashSet<>();
    for (String f : features) {
      if (!seen.add(f)) {
        throw new IllegalArgumentException("--feature " + f + " is given twice");
      }
    }
    for (String c : categorical) {
      if (!seen.contains(c)) {
        throw new IllegalArgumentException("--categorical " + c + " is not one of the --feature columns " + features);
      }
    }
    FeatureColumns ref = FeatureColumns.read(reference, features, common.files(reference));
    FeatureColumns cur = FeatureColumns.read(current, features, common.files(current));
    DriftReport.Builder report = DriftReport.builder();
    for (int i = 0; i < features.size(); i++) {
      String name = features.get(i);
      String[] r = ref.columns().get(i);
      String[] c = cur.columns().get(i);
      double[] rn = categorical.contains(name) ? null : FeatureColumns.numeric(r);
      double[] cn = rn == null ? null : FeatureColumns.numeric(c);
      if (rn != null && cn != null) {
        report.numeric(name, rn, cn, bins);
      } else {
        report.categorical(name, r, c);
      }
    }
    DriftReport built = report.build();
    var out = spec.commandLine().getOut();
    format.print(out, built::toText, () -> Json.prettyInOrder(built.toJson()));
    return Main.EXIT_OK;
  }
}
