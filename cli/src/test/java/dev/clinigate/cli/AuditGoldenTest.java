package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases of {@code clinigate diff} and {@code clinigate impact}: the printed output and the exit code are
 * the specification. {@code golden/diff/<case>/{old.yaml, new.yaml}} give {@code expected.txt},
 * {@code expected.json} and {@code expected-exit.txt}; {@code golden/impact/<case>/args.txt} (one line of
 * arguments, run from the cli module) gives {@code expected.txt} and {@code expected-exit.txt}. The impact cases
 * run on the sample log in {@code samples/audit}.
 *
 * <p>To regenerate after an intended change, run with {@code -Dgolden.update=true} and review the diff.
 */
class AuditGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<String> diffCases() throws IOException {
    return cases("diff");
  }

  static Stream<String> impactCases() throws IOException {
    return cases("impact");
  }

  private static Stream<String> cases(String kind) throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve(kind))) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertFalse(names.isEmpty(), "no golden cases under " + ROOT.resolve(kind).toAbsolutePath());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "diff {0}")
  @MethodSource("diffCases")
  void diff_goldenCase_outputAndExitVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve("diff").resolve(name);
    String old = dir.resolve("old.yaml").toString();
    String neu = dir.resolve("new.yaml").toString();
    CliRunner text = CliRunner.run("diff", old, neu);
    assertEquals("", text.err());
    check(dir.resolve("expected.txt"), text.out());
    check(dir.resolve("expected-exit.txt"), text.exit() + "\n");
    CliRunner json = CliRunner.run("diff", "--format", "json", old, neu);
    check(dir.resolve("expected.json"), json.out());
    assertEquals(text.exit(), json.exit());
  }

  @ParameterizedTest(name = "impact {0}")
  @MethodSource("impactCases")
  void impact_goldenCase_outputAndExitVerbatim(String name) throws IOException {
    Path dir = ROOT.resolve("impact").resolve(name);
    String[] args = Files.readString(dir.resolve("args.txt"), StandardCharsets.UTF_8).trim().split(" +");
    CliRunner r = CliRunner.run(args);
    assertEquals("", r.err());
    check(dir.resolve("expected.txt"), r.out());
    check(dir.resolve("expected-exit.txt"), r.exit() + "\n");
    // determinism: a second run prints the same bytes
    assertEquals(r.out(), CliRunner.run(args).out());
  }

  private static void check(Path expectedFile, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, expectedFile.toString());
  }
}
