package dev.clinigate.cli;

import dev.clinigate.ArtifactVerifier;
import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.reports.Reports;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.reports.card.ModelCard;
import dev.clinigate.dsl.PolicyYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code clinigate evaluate}: a promotion policy against evidence, to GO / NO_GO. The policy may
 * {@code extends} a base file (relative to it); {@code --at} supplies the evaluation time (waiver expiry,
 * approval age); {@code --artifacts-dir} verifies the SHA-256 of each required artifact's file; {@code --model-card}
 * supplies the model card that {@code requires.modelCard} checks.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a promotion policy against evidence. Exit 0 = GO, 1 = NO_GO, 2 = bad input.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--policy", required = true, paramLabel = "P.yaml", description = "The PromotionPolicy YAML file.")
  Path policy;

  @Option(names = "--evidence", required = true, paramLabel = "E.json",
      description = "The evidence: JSON (e.g. the output of 'clinigate metrics --format json'), or YAML when the "
          + "file name ends in .yaml or .yml.")
  Path evidence;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = {"text (for people, the default), json (the decision), or a CI report: junit (JUnit XML), sarif",
          "(SARIF 2.1.0, located at the policy's rules), github (workflow annotations), markdown (a summary table)."})
  OutputFormat format;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = {"Evaluation time, ISO-8601 (e.g. 2026-11-23T00:00:00Z): recorded in the decision and used for",
          "waiver expiry and approval age (without it, those checks fail closed). Never the wall clock."})
  Instant at;

  @Option(names = "--artifacts-dir", paramLabel = "DIR",
      description = {"Verify required artifacts: the file DIR/<last segment of the artifact's uri> must hash to the",
          "artifact's sha256 in the evidence; a missing or different file fails closed."})
  Path artifactsDir;

  @Option(names = "--model-card", paramLabel = "card.yaml",
      description = {"The model card (kind: ModelCard) that the policy's requires.modelCard checks against the",
          "evidence; if the evidence records artifacts.modelCard.sha256, the card must hash to it."})
  Path modelCard;

  @Override
  public Integer call() {
    PromotionPolicy p = PolicyYaml.loadPromotion(policy, common.files(policy));
    Evidence e = EvidenceFiles.load(evidence, common.files(evidence));
    EvaluationOptions options = at == null ? EvaluationOptions.none() : EvaluationOptions.at(at);
    if (artifactsDir != null) {
      if (!Files.isDirectory(artifactsDir)) {
        throw new InputException(Problem.at(artifactsDir.toString(), 0, 0, "is not a directory",
            "give --artifacts-dir the directory that holds the artifact files"));
      }
      options = options.withArtifacts(ArtifactVerifier.directory(artifactsDir));
    }
    if (modelCard != null) {
      options = options.withModelCard(ModelCard.load(modelCard, common.files(modelCard)));
    }
    Decision d = p.evaluate(e, options);
    var out = spec.commandLine().getOut();
    format.print(out, d::explain, d::toPrettyJson, () -> Reports.of(d, p, policy));
    return d.verdict().exitCode();
  }
}
