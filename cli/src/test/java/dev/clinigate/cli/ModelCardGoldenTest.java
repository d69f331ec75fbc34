package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clinigate.Clinigate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases of {@code clinigate model-card} and of {@code evaluate --model-card}: {@code golden/model-card/<case>/}
 * holds {@code args.txt} (one line, run from the cli module; cards and evidence beside it or in governance-reports'
 * test resources) and the verbatim {@code expected-out.txt}, {@code expected-err.txt} and {@code expected-exit.txt};
 * the {@code render-*} cases also compare the written card with {@code expected-card}. The library version is
 * written as {@code ${version}}.
 *
 * <p>To regenerate after an intended change, run with {@code -Dgolden.update=true} and review the diff.
 */
class ModelCardGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden/model-card");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no golden cases under " + ROOT.toAbsolutePath());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void modelCard_goldenCase_outputAndExitVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    String[] args = Files.readString(dir.resolve("args.txt"), StandardCharsets.UTF_8).trim().split(" +");
    Files.createDirectories(Path.of("target/golden-model-card"));
    CliRunner r = CliRunner.run(args);
    check(dir.resolve("expected-out.txt"), r.out());
    check(dir.resolve("expected-err.txt"), r.err());
    check(dir.resolve("expected-exit.txt"), r.exit() + "\n");
    int out = Arrays.asList(args).indexOf("--out");
    if (name.startsWith("render-")) {
      check(dir.resolve("expected-card"), Files.readString(Path.of(args[out + 1]), StandardCharsets.UTF_8));
    }
    // determinism: a second run prints the same bytes
    assertEquals(r.out(), CliRunner.run(args).out());
  }

  private static void check(Path expectedFile, String actual) throws IOException {
    String v = Clinigate.version();
    String a = actual.replace("clinigate " + v, "clinigate ${version}")
        .replace("\"version\": \"" + v + "\"", "\"version\": \"${version}\"");
    if (UPDATE) {
      Files.writeString(expectedFile, a, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), a, expectedFile.toString());
  }
}
