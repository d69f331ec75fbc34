package dev.clinigate.cli;

import dev.clinigate.PromotionPolicy;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.reports.EvidenceReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code clinigate report}: the HTML evidence report of a model's evidence, with its decision (given, or
 * evaluated from {@code --policy}) and a data contract result. Every input is read through the confined,
 * bounded file layer; the page is written to a temporary file beside {@code --out} and moved into place.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    header = "Write the HTML evidence report (charts, decision, approvals, provenance) of a model's evidence.",
    description = {"Write one self-contained HTML page (no script, no external resource, printable) for the people",
        "who sign a promotion: decision table with explanations, ROC, precision-recall, reliability and decision",
        "curves, subgroup forest plots with the policy's bounds, drift histograms, the data contract result,",
        "approvals, waivers and the SHA-256 of every input. With --policy and no --decision the policy is",
        "evaluated on the evidence (no clock: waivers and approval age fail closed; pass a decision made with",
        "'evaluate --at' instead). Exit 0 = written, 2 = bad input."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--evidence", required = true, paramLabel = "E.json",
      description = "The evidence (e.g. 'clinigate metrics --format json' output with the governance record).")
  Path evidence;

  @Option(names = "--decision", paramLabel = "D.json",
      description = "The decision on this evidence ('clinigate evaluate --format json').")
  Path decision;

  @Option(names = "--contract-result", paramLabel = "C.json",
      description = "A data contract result ('clinigate check --format json').")
  Path contractResult;

  @Option(names = "--policy", paramLabel = "P.yaml",
      description = "The PromotionPolicy: names the metrics of subgroup rules; evaluated when no --decision.")
  Path policy;

  @Option(names = "--out", required = true, paramLabel = "F.html", description = "Where to write the report.")
  Path out;

  @Override
  public Integer call() {
    String name = evidence.getFileName() == null ? "" : evidence.getFileName().toString().toLowerCase(Locale.ROOT);
    EvidenceReport.Builder b = name.endsWith(".yaml") || name.endsWith(".yml")
        ? EvidenceReport.builder(EvidenceFiles.load(evidence, common.files(evidence)))
        : EvidenceReport.builder(EvidenceReport.loadEvidence(evidence, common.files(evidence)));
    if (decision != null) {
      b.decision(EvidenceReport.loadDecision(decision, common.files(decision)));
    }
    if (contractResult != null) {
      b.contractResult(EvidenceReport.loadContractResult(contractResult, common.files(contractResult)));
    }
    if (policy != null) {
      PromotionPolicy p = PolicyYaml.loadPromotion(policy, common.files(policy));
      b.policy(p);
    }
    EvidenceReport report = b.build();
    report.write(out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote the evidence report to " + out + " (" + String.format(Locale.ROOT, "%,d",
        report.html().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + " bytes)");
    w.flush();
    return Main.EXIT_OK;
  }
}
