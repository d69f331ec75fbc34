package dev.clinigate.dsl;

import dev.clinigate.Evidence;
import dev.clinigate.EvidenceException;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.JsonDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
      return Evidence.of(parseYamlData(text, file.toString()));
    }
    return Evidence.load(file, files);
  }

  /**
   * Parses YAML data (evidence) safely, turning a syntax error into an {@link EvidenceException} that quotes
   * no line and no token of the data: the YAML parser's messages quote what they found, which may be a
   * patient identifier or a secret.
   */
  static JsonDocument parseYamlData(String text, String source) {
    try {
      return Yaml.parse(text, source).asData();
    } catch (PolicyException e) {
      List<Problem> problems = new ArrayList<>();
      for (Problem p : e.problems()) {
        problems.add(new Problem(p.source(), p.line(), p.column(), p.path(), withoutQuotes(p.message()), p.hint(), ""));
      }
      throw new EvidenceException(problems);
    }
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"|&[^\\s)]+");

  /** Drops quoted text from a parser message, keeping a quoted single punctuation character ({@code ':'}). */
  static String withoutQuotes(String message) {
    Matcher m = QUOTED.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String inside = m.group(1) != null ? m.group(1) : m.group(2);
      boolean punctuation = inside != null && inside.length() == 1 && !Character.isLetterOrDigit(inside.charAt(0));
      String hidden = m.group().startsWith("&") ? "text of the data" : "(text of the data)"; // "(&name)"
      m.appendReplacement(b, Matcher.quoteReplacement(punctuation ? m.group() : hidden));
    }
    m.appendTail(b);
    return b.toString();
  }
}
