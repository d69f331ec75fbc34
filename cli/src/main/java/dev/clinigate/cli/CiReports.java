package dev.clinigate.cli;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the commands with CI reports ({@code --format junit|sarif|github|markdown}) share: the repository root that
 * report paths are relative to, and the report of a run that failed on bad input.
 *
 * <p>The report root is the git root (the nearest folder with a {@code .git} entry) of {@code --root} when it is
 * given, else of the working directory; without a git root, {@code --root} or the working directory itself. GitHub
 * code scanning and workflow annotations resolve paths against the repository root, so a policy given as
 * {@code ../governance/policy.yaml} from a sub-folder is still reported as {@code governance/policy.yaml}.
 */
final class CiReports {
  private CiReports() {}

  /** The folder report paths are relative to (see the class comment). */
  static Path root(Path rootOption) {
    Path start = (rootOption != null ? rootOption : Path.of("")).toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return start;
  }

  /** The report with its files named relative to the report root. */
  static Report relative(Report r, Path rootOption) {
    return r.relativeTo(root(rootOption));
  }

  /**
   * The CI report format a command was asked for, from its parsed {@code --format} (after an execution error), or
   * empty when it has none or prints text or JSON.
   */
  static Optional<ReportFormat> parsed(CommandLine c) {
    OptionSpec o = c.getCommandSpec().findOption("--format");
    if (o == null || !(o.getValue() instanceof OutputFormat f)) {
      return Optional.empty();
    }
    return ci(f);
  }

  /**
   * The CI report format the arguments ask for (after a usage error, when picocli did not parse them all), or empty
   * when the command has no CI formats or none was asked for.
   */
  static Optional<ReportFormat> requested(CommandLine c, String[] args) {
    OptionSpec o = c.getCommandSpec().findOption("--format");
    if (o == null || o.type() != OutputFormat.class
        || (o.converters().length > 0 && o.converters()[0] instanceof OutputFormat.Subset)) {
      return Optional.empty();
    }
    String value = null;
    for (int k = 0; k < args.length; k++) {
      if (args[k].equals("--format") && k + 1 < args.length) {
        value = args[k + 1];
      } else if (args[k].startsWith("--format=")) {
        value = args[k].substring("--format=".length());
      }
    }
    if (value == null) {
      return Optional.empty();
    }
    for (OutputFormat f : OutputFormat.values()) {
      if (f.name().equalsIgnoreCase(value.strip())) {
        return ci(f);
      }
    }
    return Optional.empty();
  }

  /** The {@code --root} the arguments give, when picocli did not parse them all. */
  static Path rootArgument(String[] args) {
    Path root = null;
    for (int k = 0; k < args.length; k++) {
      try {
        if (args[k].equals("--root") && k + 1 < args.length) {
          root = Path.of(args[k + 1]);
        } else if (args[k].startsWith("--root=")) {
          root = Path.of(args[k].substring("--root=".length()));
        }
      } catch (java.nio.file.InvalidPathException e) {
        root = null;
      }
    }
    return root;
  }

  private static Optional<ReportFormat> ci(OutputFormat f) {
    return switch (f) {
      case text, json -> Optional.empty();
      default -> Optional.of(ReportFormat.valueOf(f.name().toUpperCase(Locale.ROOT)));
    };
  }
}
