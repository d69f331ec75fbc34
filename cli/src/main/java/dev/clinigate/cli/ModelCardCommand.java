package dev.clinigate.cli;

import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.Suggest;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.reports.card.CardCheck;
import dev.clinigate.reports.card.CardFormat;
import dev.clinigate.reports.card.CardItemResult;
import dev.clinigate.reports.card.CardStandard;
import dev.clinigate.reports.card.ModelCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code clinigate model-card}: renders a model card from its human-written YAML and the evidence, and checks it
 * against disclosure standards. The card goes to {@code --out} or standard output; the check goes to standard
 * output when the card is written to a file, else to standard error.
 */
@Command(name = "model-card", mixinStandardHelpOptions = true,
    header = "Render a model card from card.yaml and the evidence; check it against disclosure standards.",
    description = {"Render a model card: the human-written parts from --card (kind: ModelCard), every number from",
        "--evidence (with its SHA-256). Each --standard checks the card's completeness against a shipped, versioned",
        "checklist (" + "chai-model-card-0.2, hti1-dsi-2024, tripod-ai-2024): an item is missing when the card does",
        "not write it or the evidence lacks its numbers, stale when a number typed in the card differs from the",
        "evidence. Exit 0 = rendered and complete, 1 = a standard has missing or stale items, 2 = bad input."})
final class ModelCardCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--card", required = true, paramLabel = "card.yaml", description = "The model card (kind: ModelCard).")
  Path card;

  @Option(names = "--evidence", required = true, paramLabel = "E.json",
      description = "The evidence the card's numbers come from (JSON, or YAML when the name ends in .yaml or .yml).")
  Path evidence;

  @Option(names = "--standard", paramLabel = "ID",
      description = "Check completeness against a shipped standard (repeatable): chai-model-card-0.2, "
          + "hti1-dsi-2024, tripod-ai-2024.")
  List<String> standards = new ArrayList<>();

  @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT", converter = FormatConverter.class,
      completionCandidates = FormatConverter.class,
      description = "markdown (the default), html (one self-contained file), json, or chai-xml (CHAI Applied Model "
          + "Card v0.2 XML).")
  CardFormat format;

  @Option(names = "--out", paramLabel = "F", description = "Write the card to F instead of standard output.")
  Path outFile;

  @Override
  public Integer call() {
    List<CardStandard> selected = new ArrayList<>();
    for (String id : standards) {
      try {
        selected.add(CardStandard.of(id));
      } catch (IllegalArgumentException e) {
        throw Options.invalid("--standard", "unknown standard \"" + Options.shorten(id) + "\"",
            Suggest.hint(id, CardStandard.ids(), "shipped standards: " + String.join(", ", CardStandard.ids())));
      }
    }
    ModelCard c = ModelCard.load(card, common.files(card));
    Evidence e = EvidenceFiles.load(evidence, common.files(evidence));
    List<CardCheck> checks = new ArrayList<>();
    for (CardStandard s : selected) {
      checks.add(c.check(s, e));
    }
    String rendered;
    try {
      rendered = c.render(format, e, checks);
    } catch (IllegalArgumentException x) {
      throw new InputException(Problem.at(card.toString(), 0, 0, "cannot export " + format.id() + ": "
          + x.getMessage(), "add a key metric with a result to each group, or choose --format json"));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter report = outFile == null ? spec.commandLine().getErr() : out;
    if (outFile == null) {
      out.print(rendered);
      out.flush();
    } else {
      try {
        Files.writeString(outFile, rendered, StandardCharsets.UTF_8);
      } catch (IOException x) {
        throw new InputException(Problem.at(outFile.toString(), 0, 0, "cannot write the model card: "
            + x.getMessage(), "check that the directory exists and is writable"), x);
      }
      out.println("model card " + c.name() + " (" + format.id() + ") written to " + outFile);
    }
    boolean complete = true;
    for (CardCheck k : checks) {
      complete &= k.complete();
      report.println(k.standard() + ": " + (k.complete() ? "complete (" + k.items().size() + " items)"
          : k.incomplete().size() + " of " + k.items().size() + " items incomplete"));
      for (CardItemResult i : k.incomplete()) {
        report.println(String.format(Locale.ROOT, "  %-8s %s %s: %s", i.status().name(), i.id(), i.title(),
            i.detail()));
      }
    }
    report.flush();
    return complete ? Main.EXIT_OK : Main.EXIT_FAIL;
  }

  /** Converts and lists the card formats by their command-line names. */
  static final class FormatConverter implements ITypeConverter<CardFormat>, Iterable<String> {
    @Override
    public CardFormat convert(String value) {
      try {
        return CardFormat.of(value.strip().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("\"" + Options.shorten(value) + "\" is not one of " + String.join(", ",
            this));
      }
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(CardFormat.values()).map(CardFormat::id).iterator();
    }
  }
}
