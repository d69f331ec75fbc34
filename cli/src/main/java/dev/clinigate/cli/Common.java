package dev.clinigate.cli;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options every command accepts: {@code --debug}, and how files are read ({@code --root}, {@code --limit}).
 *
 * <p>Without {@code --root}, each file given on the command line is confined to its own folder: it may be
 * anywhere, but a symbolic link from it, and every file it names ({@code extends}, a suite's {@code policy:}),
 * must stay in that folder ({@code clinigate test DIR} confines suites to {@code DIR}). With {@code --root DIR},
 * every file the command reads, given or named, must lie inside {@code DIR}.
 */
final class Common {
  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Option(names = "--root", paramLabel = "DIR",
      description = {"Confine every file this command reads to DIR (default: each file given is confined to its own",
          "folder, and what it names, e.g. extends, to that folder too)."})
  Path root;

  @Option(names = "--limit", paramLabel = "NAME=VALUE",
      description = {"Raise or lower an input limit (repeatable), e.g. --limit maxEvidenceBytes=33554432. The limits",
          "and their defaults are listed in SECURITY.md."})
  List<String> limitSettings = new ArrayList<>();

  private Limits limits;

  /** The limits, defaults changed by {@code --limit}. */
  Limits limits() {
    if (limits == null) {
      Limits l = Limits.defaults();
      for (String s : limitSettings) {
        int eq = s.indexOf('=');
        String name = eq < 0 ? s : s.substring(0, eq).strip();
        if (eq < 0 || !Limits.NAMES.contains(name)) {
          throw Options.invalid("--limit", "expected NAME=VALUE with NAME one of " + String.join(", ", Limits.NAMES)
              + ", found \"" + Options.shorten(s) + "\"", "e.g. --limit maxGroups=5000");
        }
        String v = s.substring(eq + 1).strip().replace("_", "");
        long value;
        try {
          value = Long.parseLong(v);
        } catch (NumberFormatException e) {
          throw Options.invalid("--limit", name + " must be a whole number, found \"" + Options.shorten(v) + "\"",
              "e.g. --limit " + name + "=" + String.format(Locale.ROOT, "%d", 2 * Limits.defaults().get(name)));
        }
        try {
          l = l.with(name, value);
        } catch (IllegalArgumentException e) {
          throw Options.invalid("--limit", e.getMessage(), "every limit is at least 1");
        }
      }
      limits = l;
    }
    return limits;
  }

  /** The file access for a file given on the command line: {@code --root}, or the file's own folder. */
  SourceFiles files(Path given) {
    if (root != null) {
      if (!Files.isDirectory(root)) {
        throw new InputException(Problem.at(root.toString(), 0, 0, "--root is not a directory",
            "give the folder that every file of this command lies in"));
      }
      return SourceFiles.confinedTo(root).withLimits(limits());
    }
    return SourceFiles.besideFile(given).withLimits(limits());
  }

  /** The file access for a directory given on the command line: {@code --root}, or the directory itself. */
  SourceFiles filesUnder(Path dir) {
    return root != null ? files(dir) : SourceFiles.confinedTo(dir).withLimits(limits());
  }

  /** The bytes of an audit log given on the command line, within {@code --limit maxAuditLogBytes}. */
  byte[] auditLog(Path log) {
    SourceFiles f = files(log);
    return f.readBytes(log, f.limits().maxAuditLogBytes(), "maxAuditLogBytes");
  }

  /** Checks that a file given on the command line may be read (confinement, regular file) and returns it. */
  Path checked(Path given) {
    files(given).check(given);
    return given;
  }
}
