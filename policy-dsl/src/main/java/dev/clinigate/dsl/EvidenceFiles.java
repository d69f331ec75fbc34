package dev.clinigate.dsl;

import dev.clinigate.Evidence;
import dev.clinigate.SourceFiles;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads evidence from JSON or YAML files. JSON is parsed by governance-core's strict parser; a file whose
 * name ends in {@code .yaml} or {@code .yml} is parsed by {@link Yaml} (safely) into the same tree, so the
 * two spellings of the same evidence have the same SHA-256.
 *
 * <pre>{@code
 * Evidence e = EvidenceFiles.load(Path.of("evidence.yaml"));
 * }</pre>
 */
public final class EvidenceFiles {
  private EvidenceFiles() {}

  /** Loads evidence, choosing the syntax by the file name's extension, confined to the file's folder. */
  public static Evidence load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /** Loads evidence through {@code files} (its root and limits), choosing the syntax by the file name. */
  public static Evidence load(Path file, SourceFiles files) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      String text = files.readText(file, files.limits().maxEvidenceBytes(), "maxEvidenceBytes");
      return Evidence.of(Yaml.parse(text, file.toString()));
    }
    return Evidence.load(file, files);
  }
}
