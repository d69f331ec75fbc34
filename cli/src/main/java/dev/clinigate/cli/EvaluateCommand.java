package dev.clinigate.cli;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.dsl.PolicyYaml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate evaluate}: a promotion policy against evidence, to GO / NO_GO. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a promotion policy against evidence. Exit 0 = GO, 1 = NO_GO, 2 = bad input.")
final class EvaluateCommand implements Callable<Integer> {
  /** Output formats of evaluate. */
  enum Format { text, json }

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
      description = "text (for people, the default) or json (the decision).")
  Format format;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Evaluation time recorded in the decision, ISO-8601 (e.g. 2026-11-23T00:00:00Z). Never the wall clock.")
  Instant at;

  @Override
  public Integer call() {
    PromotionPolicy p = PolicyYaml.loadPromotion(policy);
    Evidence e = EvidenceFiles.load(evidence);
    Decision d = at == null ? p.evaluate(e) : p.evaluate(e, Clock.fixed(at, ZoneOffset.UTC));
    var out = spec.commandLine().getOut();
    switch (format) {
      case json -> out.println(d.toPrettyJson());
      case text -> out.print(d.explain());
      default -> throw new IllegalStateException("unknown format " + format);
    }
    out.flush();
    return d.verdict().exitCode();
  }
}
