package dev.clinigate.cli;

import dev.clinigate.ClinigateException;
import dev.clinigate.Inference;
import dev.clinigate.Problem;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clinigate review}: routes inferences with a review policy. One inference: exit 0 when the action
 * may proceed (AUTO, or a review route approved by a qualified reviewer), 1 otherwise (REVIEW and
 * SECONDARY_REVIEW awaiting a decision, BLOCK: BLOCK never exits 0), 2 for bad input. A batch
 * ({@code --inferences}, JSON Lines): one canonical decision per input line, in order; an unusable line
 * gives {@code {"line": n, "errors": [...]}} in its place and its located error on stderr; exit 2 when any
 * line was unusable, else 1 when any inference may not proceed, else 0.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Route inferences with a review policy. Exit 0 = may proceed (AUTO or approved), "
        + "1 = REVIEW / SECONDARY_REVIEW pending or BLOCK, 2 = bad input.")
final class ReviewCommand implements Callable<Integer> {
  /** Largest inferences file accepted (256 MiB). */

  static final class Input {
    @Option(names = "--inference", required = true, paramLabel = "I.json", description = "One inference (JSON).")
    Path inference;

    @Option(names = "--inferences", required = true, paramLabel = "I.jsonl",
        description = "A batch: one inference per line (JSON Lines); prints one decision per line.")
    Path inferences;
  }

  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--policy", required = true, paramLabel = "V.yaml", description = "The ReviewPolicy YAML file.")
  Path policy;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "For --inference: text (the default) or json. A batch is always JSON Lines.",
      converter = OutputFormat.TextOrJson.class, completionCandidates = OutputFormat.TextOrJson.class)
  OutputFormat format;

  @Option(names = "--at", paramLabel = "INSTANT", description = "Evaluation time recorded in each decision, ISO-8601.")
  Instant at;

  @Override
  public Integer call() {
    ReviewPolicy p = PolicyYaml.loadReview(policy, common.files(policy));
    PrintWriter out = spec.commandLine().getOut();
    if (input.inference != null) {
      SourceFiles files = common.files(input.inference);
      Inference in = Inference.parse(files.readText(input.inference, files.limits().maxEvidenceBytes(),
          "maxEvidenceBytes"), input.inference.toString(), files.limits());
      ReviewDecision d = p.evaluate(in, Optional.ofNullable(at));
      format.print(out, d::explain, () -> Json.pretty(d.toJson()));
      return d.outcome().exitCode();
    }
    PrintWriter err = spec.commandLine().getErr();
    SourceFiles files = common.files(input.inferences);
    String text = files.readText(input.inferences, files.limits().maxJsonLinesBytes(), "maxJsonLinesBytes");
    String source = input.inferences.toString();
    String[] lines = text.split("\n", -1);
    boolean bad = false;
    boolean hold = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      try {
        ReviewDecision d = p.evaluate(Inference.parse(line, source, files.limits()), Optional.ofNullable(at));
        hold |= !d.outcome().proceed();
        out.println(d.toCanonicalJson());
      } catch (ClinigateException e) {
        bad = true;
        List<JsonValue> errors = new ArrayList<>();
        for (Problem q : e.problems()) {
          // no source line: the inference is data (a line may hold an identifier, and be megabytes long)
          Problem located = new Problem(source, lineNo, q.column(), q.path(), q.message(), q.hint(), "");
          err.println(located.render());
          errors.add(JsonObject.builder().put("location", located.location()).put("path", q.path())
              .put("message", q.message()).build());
        }
        out.println(Json.canonical(JsonObject.builder().put("line", lineNo).put("errors", new JsonArray(errors))
            .build()));
      }
    }
    out.flush();
    err.flush();
    return bad ? Main.EXIT_USAGE : hold ? Main.EXIT_FAIL : Main.EXIT_OK;
  }
}
