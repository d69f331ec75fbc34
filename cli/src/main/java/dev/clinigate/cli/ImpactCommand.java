package dev.clinigate.cli;

import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.Verification;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.audit.ContentStore;
import dev.clinigate.audit.ImpactAnalysis;
import dev.clinigate.audit.ImpactReport;
import dev.clinigate.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clinigate impact}: which logged decisions a new policy would flip. */
@Command(name = "impact", mixinStandardHelpOptions = true,
    description = "Re-evaluate a new policy on the decisions in a log (from their stored evidence) and show which "
        + "would flip, GO -> NO_GO and back, rule by rule. Exit 0 = analysed (1 with --fail-on-flip when a decision "
        + "flips, or when the log is not valid), 2 = bad usage.")
final class ImpactCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Mixin
  AuditOptions.Verify verify;

  @Mixin
  AuditOptions.Mask mask;

  @Option(names = "--policy", required = true, paramLabel = "NEW.yaml", description = "The proposed policy.")
  Path policy;

  @Option(names = "--log", required = true, paramLabel = "LOG.jsonl",
      description = "The decision log: a JSON Lines file, or a database's jdbc: URL.")
  String log;

  @Option(names = "--evidence", required = true, paramLabel = "DIR", description = "Stored evidence (<sha256>.json).")
  Path evidence;

  @Option(names = "--all-policies",
      description = "Also re-evaluate decisions logged under policies with another name (default: same name only).")
  boolean allPolicies;

  @Option(names = "--fail-on-flip", description = "Exit 1 when any decision would flip.")
  boolean failOnFlip;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.",
      converter = OutputFormat.TextOrJson.class, completionCandidates = OutputFormat.TextOrJson.class)
  OutputFormat format;

  @Override
  public Integer call() {
    PromotionPolicy p = PolicyYaml.loadPromotion(policy, common.files(policy));
    PrintWriter out = spec.commandLine().getOut();
    Verification v = AuditLogs.verify(log, common, verify.verifier(common));
    if (!v.valid()) {
      out.print(v.render());
      out.println("impact analysis skipped: the log is not valid");
      out.flush();
      return Main.EXIT_FAIL;
    }
    ImpactReport r = ImpactAnalysis.analyse(p, AuditLogs.records(log), AuditLogs.name(log),
        ContentStore.at(evidence), mask.mask(common), allPolicies);
    format.print(out, r::render, () -> Json.pretty(r.toJson()));
    return failOnFlip && r.anyFlip() ? Main.EXIT_FAIL : Main.EXIT_OK;
  }
}
