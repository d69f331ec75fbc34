package dev.clinigate.cli;

import dev.clinigate.cli.internal.PredictionsCsv;
import dev.clinigate.cli.internal.RaterLabelsCsv;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.CohenKappa;
import dev.clinigate.metrics.EstimatedPerformance;
import dev.clinigate.metrics.MetricDifference;
import dev.clinigate.metrics.MetricsComparison;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import java.util.Locale;
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
    header = "Discrimination, calibration, threshold and decision-curve metrics of a predictions CSV.",
    description = {"Compute discrimination, calibration, threshold and decision-curve metrics of a predictions CSV,",
        "overall and per subgroup. The JSON output is valid evidence for 'clinigate evaluate'.",
        "Exit 0 = computed, 2 = bad input."})
final class MetricsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--predictions", required = true, paramLabel = "F.csv",
      description = "CSV with a header row: one row per case.")
  Path predictions;

  @Option(names = "--label", paramLabel = "COL", description = {"Label column: 0 or 1 (also true/false). Without it,",
      "label-free estimated_* metrics are computed from the scores alone (they assume a calibrated model)."})
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
      description = "Stratified bootstrap replicates for 95%% intervals of every metric but AUROC (default 0: none; "
          + "AUROC always has DeLong's interval).")
  int bootstrap;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "20261123",
      description = "Bootstrap seed, recorded in the report (default 20261123).")
  long seed;

  @Option(names = "--baseline-score", paramLabel = "COL",
      description = {"The baseline (production) model's score column on the same cases. Adds \"baseline\" (its full",
          "report) and \"comparison\" (candidate - baseline per metric: paired DeLong for AUROC, paired bootstrap",
          "for the others when --bootstrap is set) to the JSON, for baseline and non-inferiority gates."})
  String baselineScore;

  @Option(names = "--rater-labels", split = ",", paramLabel = "COL1,COL2",
      description = {"Two raters' label columns (0/1; empty = not labelled by that rater). Adds \"labels\":",
          "{\"raters\": 2, \"agreement\": {\"cohen_kappa\": {point, lower95, upper95, se, ...}}} to the JSON: Cohen's",
          "kappa over the cases both labelled, read by policies as label_kappa."})
  List<String> raterLabels;

  @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT", description = "json (default) or text.",
      converter = OutputFormat.JsonOrText.class, completionCandidates = OutputFormat.JsonOrText.class)
  OutputFormat format;

  @Override
  public Integer call() {
    Options.atLeast("--bins", bins, 2, "calibration needs at least 2 bins; the default is 10");
    Options.within("--bootstrap", bootstrap, 0, 100_000, "0 turns the bootstrap off; 1,000 to 10,000 replicates are usual");
    Options.probabilities("--threshold", thresholds, "a threshold is a probability, e.g. --threshold 0.3");
    if (Math.abs(seed) > (1L << 53)) {
      throw Options.invalid("--seed", "must be within [-2^53, 2^53], found " + seed, "e.g. --seed 20261123");
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.indexOf(groups.get(i)) != i) {
        throw Options.invalid("--group", "column \"" + groups.get(i) + "\" is given twice", "give each group column once");
      }
    }
    if (raterLabels != null && (raterLabels.size() != 2 || raterLabels.get(0).equals(raterLabels.get(1)))) {
      String found = raterLabels.size() == 2 ? "the same column twice" : raterLabels.size() + " column"
          + (raterLabels.size() == 1 ? "" : "s");
      throw Options.invalid("--rater-labels", "needs two different columns, found " + found,
          "e.g. --rater-labels reader1,reader2");
    }
    if (label == null) {
      return labelFree();
    }
    PredictionsCsv data = PredictionsCsv.read(predictions, label, score, baselineScore, groups,
        common.files(predictions), common.limits().maxGroups());
    String source = predictions.toString();
    MetricsReport report = report(data.scores(), data, source);
    CohenKappa kappa = raterLabels == null ? null : kappa();
    var out = spec.commandLine().getOut();
    if (data.baseline() == null) {
      format.print(out, () -> report.toText() + kappaText(kappa) + "\n", () -> Json.prettyInOrder(withLabels(
          report.toJson(), kappa)));
      return Main.EXIT_OK;
    }
    MetricsReport base = report(data.baseline(), data, source + " (baseline)");
    MetricsComparison.Builder cb = MetricsComparison.builder(data.intLabels(), data.scores(), data.baseline())
        .source(source).bins(bins);
    if (!thresholds.isEmpty()) {
      cb.thresholds(thresholds.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (bootstrap > 0) {
      cb.bootstrap(bootstrap, seed);
    }
    MetricsComparison comparison = cb.build();
    format.print(out, () -> report.toText() + kappaText(kappa) + "\nBaseline (" + baselineScore + ")\n"
        + base.toText() + "\n" + comparisonText(comparison) + "\n", () -> {
          JsonObject.Builder all = JsonObject.builder();
          withLabels(report.toJson(), kappa).members().forEach(all::put);
          all.put("baseline", base.toJson()).put("comparison", comparison.toJson());
          return Json.prettyInOrder(all.build());
        });
    return Main.EXIT_OK;
  }

  /** Cohen's kappa of the two {@code --rater-labels} columns, over the cases both raters labelled. */
  private CohenKappa kappa() {
    RaterLabelsCsv r = RaterLabelsCsv.read(predictions, raterLabels.get(0), raterLabels.get(1),
        common.files(predictions));
    return CohenKappa.of(r.rater1(), r.rater2());
  }

  /** The report with {@code labels: {raters: 2, agreement: {cohen_kappa: ...}}} after its members. */
  private static JsonObject withLabels(JsonObject report, CohenKappa kappa) {
    if (kappa == null) {
      return report;
    }
    JsonObject.Builder b = JsonObject.builder();
    report.members().forEach(b::put);
    b.put("labels", JsonObject.builder().put("raters", 2).put("agreement", JsonObject.builder()
        .put("cohen_kappa", kappa.toJson()).build()).build());
    return b.build();
  }

  private String kappaText(CohenKappa kappa) {
    if (kappa == null) {
      return "";
    }
    String head = "\nLabel agreement (Cohen's kappa) of " + raterLabels.get(0) + " and " + raterLabels.get(1) + ": ";
    if (!kappa.kappa().isDefined()) {
      return head + "undefined (" + kappa.kappa().reason().orElseThrow() + "), n = " + kappa.n() + "\n";
    }
    return head + Json.fixed(kappa.kappa().orElseThrow(), 4) + " (95% CI " + Json.fixed(
        kappa.interval().lower95().orElseThrow(), 4) + " to " + Json.fixed(kappa.interval().upper95().orElseThrow(), 4)
        + "), n = " + kappa.n() + "\n";
  }

  /** Without {@code --label}: confidence-based estimates, with a warning that they assume calibration. */
  private int labelFree() {
    for (String[] o : new String[][] {{"--group", groups.isEmpty() ? null : "x"}, {"--baseline-score", baselineScore},
        {"--bootstrap", bootstrap > 0 ? "x" : null}, {"--rater-labels", raterLabels == null ? null : "x"}}) {
      if (o[1] != null) {
        throw Options.invalid(o[0], "needs --label", "without --label only label-free estimated_* metrics are "
            + "computed, overall; give --label COL for " + o[0]);
      }
    }
    PredictionsCsv data = PredictionsCsv.read(predictions, null, score, null, List.of(), common.files(predictions),
        common.limits().maxGroups());
    double[] ts = thresholds.isEmpty() ? new double[] {0.5} : thresholds.stream().mapToDouble(Double::doubleValue).toArray();
    EstimatedPerformance e = EstimatedPerformance.of(data.scores(), ts);
    var err = spec.commandLine().getErr();
    err.println("WARNING: " + predictions + ": no --label: the estimated_* metrics take each score as the probability "
        + "of the outcome, so they are only as good as the model's calibration");
    err.flush();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Label-free estimates (assume calibration), n = %d, "
        + "estimated_prevalence %s%n", e.n(), Json.fixed(e.estimatedPrevalence(), 4)));
    b.append(String.format(Locale.ROOT, "  %-9s %11s %11s %11s %11s%n", "threshold", "sensitivity", "specificity",
        "ppv", "npv"));
    for (EstimatedPerformance.AtThreshold t : e.thresholds()) {
      b.append(String.format(Locale.ROOT, "  %-9s %11s %11s %11s %11s%n", Json.fixed(t.threshold(), 4),
          fixed(t.sensitivity()), fixed(t.specificity()), fixed(t.ppv()), fixed(t.npv())));
    }
    format.print(spec.commandLine().getOut(), b::toString, () -> Json.prettyInOrder(e.toJson()));
    return Main.EXIT_OK;
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "n/a" : Json.fixed(v, 4);
  }

  private MetricsReport report(double[] scores, PredictionsCsv data, String source) {
    BinaryMetrics.Builder b = BinaryMetrics.builder(data.labels(), scores).source(source).bins(bins)
        .maxGroups(common.limits().maxGroups());
    if (!thresholds.isEmpty()) {
      b.thresholds(thresholds);
    }
    for (int i = 0; i < groups.size(); i++) {
      b.group(groups.get(i), data.groupCodes().get(i), data.groupLevels().get(i));
    }
    if (bootstrap > 0) {
      b.bootstrap(bootstrap, seed);
    }
    return b.build();
  }

  private static String comparisonText(MetricsComparison c) {
    StringBuilder b = new StringBuilder("Candidate - baseline\n");
    b.append(String.format(Locale.ROOT, "  %-22s %10s %10s %10s  %s%n", "metric", "difference", "lower95", "upper95",
        "method"));
    for (MetricDifference d : c.differences()) {
      JsonObject j = d.toJson();
      b.append(String.format(Locale.ROOT, "  %-22s %10s %10s %10s  %s%n", d.metric(), num(j, "difference"),
          num(j, "lower95"), num(j, "upper95"), j.get("method").map(v -> v instanceof JsonString s ? s.value()
              : v.toString()).orElse("")));
    }
    return b.toString();
  }

  private static String num(JsonObject j, String key) {
    return j.get(key).filter(v -> v instanceof JsonNumber).map(v -> Json.fixed(((JsonNumber) v).value(), 4)).orElse("n/a");
  }
}
