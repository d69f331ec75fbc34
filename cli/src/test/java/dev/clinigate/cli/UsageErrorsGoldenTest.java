package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CLI usage errors, verbatim: {@code src/test/resources/usage-errors/cases.txt} holds {@code == name}, {@code $ args},
 * then the expected stderr (read as the bad-input corpus is). Every case exits 2, prints nothing on stdout, and none of picocli's own wording.
 */
class UsageErrorsGoldenTest {
  private static final Path CASES = Path.of("src/test/resources/usage-errors/cases.txt");
  private static final Pattern PICOCLI_WORDING =
      Pattern.compile("Missing required|Possible solutions|Did you mean|Unmatched argument|Invalid value|Error:|picocli");

  static Stream<BadInputCorpusTest.Case> cases() throws IOException {
    return BadInputCorpusTest.read(CASES).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void usageError_isReportedInTheHouseFormat(BadInputCorpusTest.Case c) {
    CliRunner r = CliRunner.run(c.args().isEmpty() ? new String[0] : c.args().split(" "));
    assertEquals(c.err(), r.err(), c.name());
    assertEquals(2, r.exit(), c.name());
    assertEquals("", r.out(), c.name());
    assertTrue(r.err().startsWith("ERROR: ") && r.err().lines().toList().get(1).startsWith("hint: "), r.err());
    assertFalse(PICOCLI_WORDING.matcher(r.err()).find(), r.err());
  }

  @Test
  void rootHelp_listsEveryCommandWithWholeSentences() {
    CliRunner r = CliRunner.run("--help");
    assertEquals(0, r.exit());
    String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:"));
    // one entry per command: its name at two spaces, continuation lines deeper; each entry ends a sentence
    List<String> entries = new ArrayList<>();
    for (String line : commands.lines().skip(1).toList()) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip());
      } else if (!line.isBlank()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    assertEquals(new picocli.CommandLine(Main.class).getSubcommands().size(), entries.size(), commands);
    for (String e : entries) {
      assertTrue(e.endsWith("."), "cut mid-sentence: " + e);
    }
  }

  @Test
  void commandHelp_printsNoPicocliWarnings() {
    // picocli's tracer writes to System.err, not to the command's stream
    PrintStream saved = System.err;
    ByteArrayOutputStream traced = new ByteArrayOutputStream();
    System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
    try {
      helpOfEveryCommand();
    } finally {
      System.setErr(saved);
    }
    assertEquals("", traced.toString(StandardCharsets.UTF_8));
  }

  private static void helpOfEveryCommand() {
    for (String command : List.of("evaluate", "metrics", "drift", "check", "profile", "audit", "impact", "diff",
        "test", "monitor", "review")) {
      CliRunner r = CliRunner.run(command, "--help");
      assertEquals(0, r.exit(), command);
      assertEquals("", r.err(), command);
      assertFalse(r.out().contains("WARN"), command);
    }
  }
}
