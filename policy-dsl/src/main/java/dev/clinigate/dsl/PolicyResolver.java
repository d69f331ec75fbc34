package dev.clinigate.dsl;

import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads the base documents that policies name in {@code extends}.
 *
 * <pre>{@code
 * Policy p = PolicyYaml.parse(text, "policies/sepsis.yaml", PolicyResolver.files());
 * }</pre>
 */
@FunctionalInterface
public interface PolicyResolver {
  /**
   * Reads the document {@code path} names, relative to the document named {@code from}.
   *
   * @param from the source name of the extending document, as used in its error locations
   * @param path the {@code extends} value, a relative path such as {@code base.yaml}
   * @return the base document: its source name (used in its error locations, and to detect cycles) and text
   * @throws dev.clinigate.ClinigateException when it cannot be read; the message is reported at the
   *     {@code extends} key of the extending document
   */
  Source resolve(String from, String path);

  /**
   * A document found by a resolver.
   *
   * @param name the source name used in error locations, e.g. {@code samples/high-risk/base.yaml}
   * @param text the YAML text
   */
  record Source(String name, String text) {
    /** Validates. */
    public Source {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Resolves {@code extends} against the file system, relative to the directory of the extending file
   * ({@code from} is taken as a path, as {@link PolicyYaml#load(Path)} names files), each base confined to the
   * folder of the file that names it: the same as {@link #files(SourceFiles)} with
   * {@link SourceFiles#besideFile} of every extending file.
   */
  static PolicyResolver files() {
    return (from, path) -> read(SourceFiles.besideFile(Path.of(from)), from, path);
  }

  /**
   * Resolves {@code extends} relative to the extending file, confined to the root of {@code files} and held to its
   * {@link dev.clinigate.Limits#maxPolicyBytes() policy size limit}. A base must be a relative path to a
   * {@code .yaml} or {@code .yml} file inside the root; absolute paths, paths that leave the root (with {@code ..}
   * or through a symbolic link), and anything but a regular file are refused before a byte is read.
   *
   * <pre>{@code
   * PolicyResolver r = PolicyResolver.files(SourceFiles.confinedTo(Path.of("policies")));
   * }</pre>
   */
  static PolicyResolver files(SourceFiles files) {
    Objects.requireNonNull(files, "files");
    return (from, path) -> read(files, from, path);
  }

  private static Source read(SourceFiles files, String from, String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
      throw new PolicyException(Problem.at(from, 0, 0, "extends must name a .yaml or .yml policy file",
          "name the base policy's YAML file, relative to this file"));
    }
    Path base = files.resolve(Path.of(from), path);
    Path relative = Path.of(from).resolveSibling(path).normalize();
    return new Source(relative.toString(), files.readText(base, files.limits().maxPolicyBytes(), "maxPolicyBytes"));
  }

  /** Refuses every {@code extends}: for policies parsed from text with no file behind them. */
  static PolicyResolver none() {
    return (from, path) -> {
      throw new PolicyException(Problem.at(from, 0, 0, "extends needs a file, but " + from
          + " was parsed from text", "load the policy with PolicyYaml.load(Path), or pass a PolicyResolver"));
    };
  }
}
