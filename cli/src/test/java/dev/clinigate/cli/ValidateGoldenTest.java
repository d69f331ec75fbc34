package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clinigate.Clinigate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code clinigate validate}: every golden case {@code src/test/resources/golden/validate/<case>/args.txt} (one line
 * of arguments, run from the cli folder) prints {@code expected-out.txt} on stdout and {@code expected-err.txt} on
 * stderr, verbatim, and exits with {@code expected-exit.txt}. The documents are under {@code validate/files}: a
 * policy with six problems, a policy whose base has one, a contract with schema and semantic problems, a suite
 * whose cases misfit its policy, a rollback and a review policy, clean documents of every kind, a folder with a
 * non-clinigate YAML file, and every output format (SARIF validated against the SARIF 2.1.0 schema, JUnit XML
 * against Jenkins' and surefire's XSDs).
 *
 * <p>Report locations are relative to the repository root ({@link CiReports#root}): the goldens write the cli
 * folder's place in it as {@code {cli}/}. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class ValidateGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden/validate");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("args.txt"))).map(p -> p.getFileName().toString()).sorted()
          .toList().stream();
    }
  }

  /** The cli folder relative to the report root, with a trailing slash ("" when the cli folder is the root). */
  static String cliPrefix() {
    Path cli = Path.of("").toAbsolutePath().normalize();
    String rel = CiReports.root(null).relativize(cli).toString().replace('\\', '/');
    return rel.isEmpty() ? "" : rel + "/";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate_goldenCase_outputsAndExitVerbatim(String name) throws Exception {
    Path dir = ROOT.resolve(name);
    String[] args = Files.readString(dir.resolve("args.txt")).strip().split("\\s+");
    CliRunner r = CliRunner.run(args);
    String out = r.out().replace(Clinigate.version(), "VERSION");
    if (!cliPrefix().isEmpty()) {
      out = out.replace(cliPrefix() + "src/test/resources", "{cli}/src/test/resources");
    }
    if (UPDATE) {
      Files.writeString(dir.resolve("expected-out.txt"), out, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("expected-err.txt"), r.err(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("expected-exit.txt"), r.exit() + "\n", StandardCharsets.UTF_8);
    }
    String expectedOut = Files.readString(dir.resolve("expected-out.txt"), StandardCharsets.UTF_8);
    if (cliPrefix().isEmpty()) {
      expectedOut = expectedOut.replace("{cli}/", "");
    }
    assertEquals(expectedOut, out);
    assertEquals(Files.readString(dir.resolve("expected-err.txt"), StandardCharsets.UTF_8), r.err());
    assertEquals(Integer.parseInt(Files.readString(dir.resolve("expected-exit.txt")).strip()), r.exit());
    assertFalse(r.err().contains("Exception"), r.err());
    if (name.equals("format-sarif")) {
      CiSchemas.validateSarif(r.out());
    } else if (name.equals("format-junit")) {
      CiSchemas.validateJunit(r.out());
    }
  }
}
