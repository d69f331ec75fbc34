package dev.clinigate.cli;

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

/** {@code clinigate diff}: every change between two policies, classified. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two promotion policies and classify every change as tightening, loosening or neutral. "
        + "Exit 0 = nothing loosens and nothing needs review, 1 = a change loosens or needs review, 2 = bad input.")
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
    PolicyDiff d = PolicyDiff.between(PolicyYaml.loadPromotion(before, common.files(before)),
        PolicyYaml.loadPromotion(after, common.files(after)));
    PrintWriter out = spec.commandLine().getOut();
    format.print(out, d::render, () -> Json.pretty(d.toJson()));
    return d.loosens() || d.needsReview() ? Main.EXIT_FAIL : Main.EXIT_OK;
  }
}
