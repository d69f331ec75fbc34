package dev.clinigate.cli;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clinigate profile}: the reference profile of a CSV file, for later drift checks. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    header = "Profile a CSV file into a JSON reference profile for drift checks.",
    description = {"Profile a CSV file (e.g. a model's training snapshot) into a JSON reference profile: per-column",
        "statistics and drift references. 'clinigate check --profile P.json' measures drift against it.",
        "With --contract, columns get the contract's types, and phi columns (and columns the contract does not",
        "declare) are profiled by counts only; without it, types are inferred and every column is profiled.",
        "Exit 0 = written, 2 = bad input."})
final class ProfileCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--data", required = true, paramLabel = "F.csv", description = "The data to profile (UTF-8 CSV).")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "P.json", description = "Where to write the profile.")
  Path outFile;

  @Option(names = "--contract", paramLabel = "C.yaml", description = "The DataContract whose types and PHI marks apply.")
  Path contract;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    DataProfile p;
    if (contract != null) {
      p = DataProfile.of(data, DataContracts.load(contract, common.files(contract)), common.files(data));
    } else {
      err.println("note: no --contract: column types are inferred and every column is profiled with its values;"
          + " give the contract so that phi columns stay out of the profile");
      err.flush();
      p = DataProfile.of(data, common.files(data));
    }
    try {
      Files.writeString(outFile, Json.prettyInOrder(p.toJson()) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(Problem.at(outFile.toString(), 0, 0, "cannot write the profile: " + e.getMessage(),
          "check that the directory exists and is writable"), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.format(Locale.ROOT, "profiled %,d rows and %d columns of %s (%d drift references) into %s",
        p.rows(), p.columns().size(), p.source(), p.references().size(), outFile));
    out.flush();
    return Main.EXIT_OK;
  }
}
