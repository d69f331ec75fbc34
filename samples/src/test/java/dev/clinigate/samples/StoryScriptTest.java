package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.cli.Main;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samples/story.sh} works: every {@code step} line of the script (continuation lines joined) is run in-process
 * with {@code $S} the samples folder and {@code $OUT} a temporary folder, in order, and must exit as the script
 * expects; the reports and model cards it announces are written.
 */
class StoryScriptTest {
  @Test
  void everyStepOfTheStory_exitsAsTheScriptExpects(@TempDir Path out) throws IOException {
    List<List<String>> steps = steps(Files.readString(Path.of("story.sh"), StandardCharsets.UTF_8));
    assertTrue(steps.size() >= 9, "steps: " + steps.size());
    for (List<String> step : steps) {
      String title = step.get(0);
      int expected = Integer.parseInt(step.get(1));
      String file = step.get(2);
      String[] args = step.subList(3, step.size()).stream()
          .map(a -> a.replace("$S", ".").replace("$OUT", out.toString())).toArray(String[]::new);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
          new PrintStream(stderr, true, StandardCharsets.UTF_8));
      assertEquals(expected, code, title + "\n" + stderr.toString(StandardCharsets.UTF_8));
      if (!file.equals("-")) {
        Files.write(out.resolve(file), stdout.toByteArray());
      }
    }
    // the CLI's metrics of the Tribuo model's predictions are the committed evidence's, member for member
    JsonObject metrics = (JsonObject) Json.parse(Files.readString(out.resolve("pima-metrics.json")), "m").root();
    JsonObject evidence = (JsonObject) Json.parse(Files.readString(Path.of("pima-tribuo/evidence.json")), "e").root();
    for (String key : metrics.members().keySet()) {
      assertEquals(Json.canonical(metrics.members().get(key)), Json.canonical(evidence.members().get(key)), key);
    }
    for (String f : List.of("pima-report.html", "readmission-report.html", "pima-model-card.html",
        "readmission-model-card.html")) {
      assertTrue(Files.size(out.resolve(f)) > 1000, f);
    }
  }

  /** The arguments of each {@code step} line: title, expected exit, stdout file, then clinigate's arguments. */
  static List<List<String>> steps(String script) {
    List<List<String>> steps = new ArrayList<>();
    String[] lines = script.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("step ")) {
        continue;
      }
      StringBuilder cmd = new StringBuilder(lines[i]);
      while (cmd.toString().endsWith("\\")) {
        cmd.setLength(cmd.length() - 1);
        cmd.append(' ').append(lines[++i].strip());
      }
      steps.add(words(cmd.substring("step ".length())));
    }
    return steps;
  }

  /** Splits at spaces outside double quotes, dropping the quotes (the script quotes no quote). */
  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }
}
