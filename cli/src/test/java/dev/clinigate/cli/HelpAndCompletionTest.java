package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clinigate help ...} and {@code clinigate completion}. */
class HelpAndCompletionTest {

  /** Every command path of the tool, nested ones included (e.g. [audit, verify]). */
  private static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(Main.class), new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine c, List<String> prefix, List<List<String>> into) {
    c.getSubcommands().forEach((name, sub) -> {
      List<String> p = new ArrayList<>(prefix);
      p.add(name);
      into.add(p);
      collect(sub, p, into);
    });
  }

  @Test
  void helpOfEveryCommandIsItsUsage() {
    List<List<String>> paths = commandPaths();
    assertTrue(paths.size() >= 15, "expected every command, nested included: " + paths);
    for (List<String> path : paths) {
      if (path.get(path.size() - 1).equals("help")) {
        continue;
      }
      List<String> helpArgs = new ArrayList<>(List.of("help"));
      helpArgs.addAll(path);
      CliRunner viaHelp = CliRunner.run(helpArgs.toArray(String[]::new));
      List<String> flagArgs = new ArrayList<>(path);
      flagArgs.add("--help");
      CliRunner viaFlag = CliRunner.run(flagArgs.toArray(String[]::new));
      assertEquals(0, viaHelp.exit(), String.join(" ", helpArgs) + ": " + viaHelp.err());
      assertEquals(viaFlag.out(), viaHelp.out(), String.join(" ", helpArgs));
      assertTrue(viaHelp.out().contains("Usage: clinigate " + String.join(" ", path)), viaHelp.out());
      assertFalse(viaHelp.err().contains("WARN"), viaHelp.err());
      assertFalse(viaFlag.err().contains("WARN"), "picocli warned on " + flagArgs + ": " + viaFlag.err());
    }
  }

  @Test
  void helpWithoutCommandListsEveryCommand() {
    CliRunner r = CliRunner.run("help");
    assertEquals(0, r.exit());
    for (String name : new CommandLine(Main.class).getSubcommands().keySet()) {
      assertTrue(r.out().contains("\n  " + name + " "), name + " missing from\n" + r.out());
    }
  }

  @Test
  void unknownCommandIsAUsageErrorInTheHouseFormat() {
    CliRunner r = CliRunner.run("help", "audit", "bogus");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals("ERROR: clinigate help: unknown command 'bogus' for 'clinigate audit'; known: append, verify, "
        + "replay, export\nhint: run 'clinigate help --help' for usage\n", r.err().replace("\r\n", "\n"));
  }

  @Test
  void completionScriptNamesEveryCommandAndOption() {
    CliRunner r = CliRunner.run("completion");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("\r"), "Unix line ends");
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 40));
    for (List<String> path : commandPaths()) {
      assertTrue(r.out().contains(path.get(path.size() - 1)), "completion lacks " + path);
    }
    for (String option : List.of("--policy", "--evidence", "--predictions", "--windows", "--coverage-min")) {
      assertTrue(r.out().contains(option), "completion lacks " + option);
    }
    assertEquals(r.out(), CliRunner.run("completion").out(), "same bytes every time");
  }

  /** The script is valid bash and completes a partial command word; needs bash, which every CI has. */
  @Test
  void completionScriptRunsInBash(@TempDir Path dir) throws IOException, InterruptedException {
    Path script = dir.resolve("clinigate-completion.bash");
    Files.writeString(script, CliRunner.run("completion").out(), StandardCharsets.UTF_8);
    Path bash = Path.of("/bin/bash");
    if (!Files.isExecutable(bash)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true but /bin/bash is missing");
      }
      System.out.println("SKIPPED completionScriptRunsInBash: /bin/bash not found");
      return;
    }
    Process p = new ProcessBuilder(bash.toString(), "-c", "source \"$1\"; COMP_WORDS=(clinigate mon); COMP_CWORD=1; "
        + "COMP_LINE='clinigate mon'; COMP_POINT=${#COMP_LINE}; _picocli_clinigate; echo \"${COMPREPLY[*]}\"", "bash",
        script.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), out);
    assertEquals("monitor", out);
  }
}
