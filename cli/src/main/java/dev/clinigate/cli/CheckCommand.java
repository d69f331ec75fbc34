package dev.clinigate.cli;

import dev.clinigate.reports.Reports;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate check}: a CSV file against a data contract. */
@Command(name = "check", mixinStandardHelpOptions = true,
    header = "Check a CSV file against a data contract. Exit 0 = all rules pass, 1 = a rule failed, 2 = bad input.",
    description = {"Check a CSV file (with a header row) against a data contract: types, ranges, allowed values,",
        "patterns, uniqueness, missingness (overall and per subgroup), row counts, freshness, primary key, drift",
        "against a reference, and the leakage/PHI guard over the model's inputs. A rule that cannot be evaluated",
        "(freshness without --at, drift without a reference) fails. Values of phi columns never appear in output.",
        "Exit 0 = all rules pass, 1 = a rule failed, 2 = bad input."})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--contract", required = true, paramLabel = "C.yaml", description = "The DataContract YAML file.")
  Path contract;

  @Option(names = "--data", required = true, paramLabel = "F.csv", description = "The data to check (UTF-8 CSV).")
  Path data;

  @Option(names = "--reference", paramLabel = "R.csv",
      description = "A reference CSV (e.g. the training snapshot) that drift rules compare against.")
  Path reference;

  @Option(names = "--profile", paramLabel = "P.json",
      description = "A saved reference profile (from 'clinigate profile') that drift rules compare against.")
  Path profile;

  @Option(names = "--features-used", split = ",", paramLabel = "a,b,c",
      description = "The model's input features: each must be declared, available before the prediction, allowed at "
          + "inference and not phi.")
  List<String> featuresUsed = new ArrayList<>();

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "The evaluation time freshness is measured against, ISO-8601 (e.g. 2026-11-23T00:00:00Z). Never "
          + "the wall clock.")
  Instant at;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = {"text (for people, the default), json (the result, usable as promotion evidence), or a CI",
          "report: junit (JUnit XML), sarif (SARIF 2.1.0), github (workflow annotations), markdown (a summary table)."})
  OutputFormat format;

  @Option(names = "--max-keys", paramLabel = "N", defaultValue = "" + ContractChecker.DEFAULT_MAX_KEYS,
      description = "Most keys remembered per unique or primaryKey rule (default ${DEFAULT-VALUE}; ~16-43 bytes each).")
  long maxKeys;

  @Option(names = "--max-drift-values", paramLabel = "N", defaultValue = "" + ContractChecker.DEFAULT_MAX_DRIFT_VALUES,
      description = "Most values kept per ks or wasserstein drift feature for exact values (default ${DEFAULT-VALUE}; "
          + "8 bytes each); beyond, bounds from a histogram decide.")
  int maxDriftValues;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads that check columns while the file is parsed (default: the processors, at most 4). "
          + "The result does not depend on it.")
  Integer threads;

  @Override
  public Integer call() {
    if (reference != null && profile != null) {
      throw new IllegalArgumentException("give --reference or --profile, not both");
    }
    Options.atLeast("--max-keys", maxKeys, 1, "the default is " + ContractChecker.DEFAULT_MAX_KEYS);
    Options.atLeast("--max-drift-values", maxDriftValues, 1, "the default is "
        + ContractChecker.DEFAULT_MAX_DRIFT_VALUES);
    if (threads != null) {
      Options.within("--threads", threads, 1, 64, "the result does not depend on it; the default uses up to 4 cores");
    }
    DataContract c = DataContracts.load(contract, common.files(contract));
    ContractChecker.Builder b = ContractChecker.builder(c).maxKeys(maxKeys).maxDriftValues(maxDriftValues)
        .threads(threads != null ? threads : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))
        .limits(common.limits());
    if (reference != null) {
      b.reference(DataProfile.of(reference, c, common.files(reference)));
    } else if (profile != null) {
      b.reference(DataProfile.read(profile, common.files(profile)));
    }
    if (at != null) {
      b.evaluatedAt(at);
    }
    if (!featuresUsed.isEmpty()) {
      b.featuresUsed(featuresUsed);
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.onTerminal(err);
    b.progress(progress::rows);
    ContractResult result = b.build().check(data, common.files(data));
    progress.done();
    PrintWriter out = spec.commandLine().getOut();
    format.print(out, result::toText, () -> Json.prettyInOrder(result.toJson()),
        () -> CiReports.relative(Reports.of(result, contract), common.root));
    return result.passed() ? Main.EXIT_OK : Main.EXIT_FAIL;
  }

  /**
   * Progress on stderr for long checks, only when a person is watching a terminal (never in CI logs):
   * it starts after two seconds and is erased when the check ends.
   */
  static final class Progress {
    private static final long DELAY_NANOS = 2_000_000_000L;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(PrintWriter err) {
      this.err = err;
    }

    static Progress onTerminal(PrintWriter err) {
      return new Progress(System.console() != null ? err : null);
    }

    void rows(long n) {
      if (err != null && System.nanoTime() - start > DELAY_NANOS) {
        err.print(String.format(Locale.ROOT, "\rclinigate: checked %,d rows...", n));
        err.flush();
        shown = true;
      }
    }

    void done() {
      if (shown) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
      }
    }
  }
}
