package dev.clinigate.cli;

import dev.clinigate.Policy;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.PolicyDiff;
import dev.clinigate.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clinigate diff}: every change between two versions of a policy (promotion, rollback or review), classified. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two versions of a promotion, rollback or review policy and classify every change as "
        + "tightening, loosening or neutral. Exit 0 = nothing loosens and nothing needs review, 1 = a change loosens or "
        + "needs review, 2 = bad input (including two policies of different kinds).")
final class DiffCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Parameters(index = "0", paramLabel = "OLD.yaml", description = "The current policy.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW.yaml", description = "The proposed policy.")
  Path after;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.",
      converter = OutputFormat.TextOrJson.class, completionCandidates = OutputFormat.TextOrJson.class)
  OutputFormat format;

  @Override
  public Integer call() {
    Policy old = PolicyYaml.load(before, common.files(before));
    Policy neu = PolicyYaml.load(after, common.files(after));
    if (old.kind() != neu.kind()) {
      throw new PolicyException(Problem.at(after.toString(), 1, 1, "expected kind " + old.kind().yamlName() + " like "
          + before + ", found " + neu.kind().yamlName(), "diff compares two versions of one policy; compare it with "
          + "another " + neu.kind().yamlName()));
    }
    PolicyDiff d = PolicyDiff.between(old, neu);
    PrintWriter out = spec.commandLine().getOut();
    format.print(out, d::render, () -> Json.pretty(d.toJson()));
    return d.loosens() || d.needsReview() ? Main.EXIT_FAIL : Main.EXIT_OK;
  }
}
