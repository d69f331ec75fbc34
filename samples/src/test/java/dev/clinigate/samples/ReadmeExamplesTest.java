package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's command examples do not drift from the repository: every {@code ./clinigate} command in a code
 * block names a command that exists, and every file under {@code samples/} it names exists.
 */
class ReadmeExamplesTest {

  /** Each {@code ./clinigate ...} command of the README's code blocks, continuation lines joined. */
  static List<String> commands(List<String> readme) {
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    StringBuilder pending = null;
    for (String raw : readme) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock) {
        continue;
      }
      if (pending != null) {
        pending.append(' ').append(line);
      } else {
        String l = line.startsWith("$ ") ? line.substring(2).strip() : line;
        if (!l.startsWith("./clinigate ")) {
          continue;
        }
        pending = new StringBuilder(l);
      }
      if (pending.toString().endsWith("\\")) {
        pending.setLength(pending.length() - 1);
      } else {
        out.add(pending.toString());
        pending = null;
      }
    }
    return out;
  }

  @Test
  void everyExampleNamesAnExistingCommandAndExistingSampleFiles() throws IOException {
    Path root = Path.of("..");
    List<String> commands = commands(Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8));
    assertTrue(commands.size() >= 15, "expected the README's examples: " + commands);
    Set<String> known = new CommandLine(Main.class).getSubcommands().keySet();
    List<String> problems = new ArrayList<>();
    for (String command : commands) {
      String[] words = command.split("\\s+");
      if (!known.contains(words[1])) {
        problems.add("unknown command '" + words[1] + "' in: " + command);
      }
      for (String w : words) {
        if (w.startsWith("#")) {
          break; // a shell comment follows
        }
        String path = w.replaceAll("^[\"'(]+|[\"'),;]+$", "");
        if (path.contains("=")) {
          path = path.substring(path.indexOf('=') + 1);
        }
        if (path.startsWith("samples/") && !Files.exists(root.resolve(path))) {
          problems.add("missing file " + path + " in: " + command);
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
