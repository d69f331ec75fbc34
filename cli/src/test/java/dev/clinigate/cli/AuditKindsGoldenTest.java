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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases of the decision log for every kind of decision (promotion, rollback, review): a case folder
 * {@code golden/audit-kinds/<case>/} holds {@code script.txt}, one command a line, run in order in a fresh
 * temporary directory ({@code $TMP}), from the cli module; {@code expected.txt} is the transcript, verbatim: each
 * command, its stdout, its stderr and its exit code. Lines starting with {@code #} are comments; {@code $CASE} is
 * the case folder, {@code $HASH} the hash the last {@code audit append} printed. Besides CLI arguments a line may
 * be:
 * <ul>
 *   <li>{@code @replace N FROM TO FILE}: replaces the first {@code FROM} in line {@code N} of {@code FILE} (tampering);</li>
 *   <li>{@code @drop N FILE}: deletes line {@code N} of {@code FILE};</li>
 *   <li>{@code @cat FILE}: prints the file into the transcript;</li>
 *   <li>{@code @summary FILE}: prints an evidence package's {@code summary.md} up to its table of files (whose
 *       hashes depend on the temporary path the package names);</li>
 *   <li>{@code @absent TEXT PATH}: asserts that no byte of any file under {@code PATH} holds {@code TEXT} (in UTF-8 or
 *       UTF-16), e.g. a patient identifier; the transcript records the check.</li>
 * </ul>
 *
 * <p>To regenerate after an intended change, run with {@code -Dgolden.update=true} and review the diff.
 */
class AuditKindsGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/golden/audit-kinds");
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
  void auditKinds_goldenCase_transcriptVerbatim(String name, @TempDir Path tmp) throws IOException {
    Path dir = ROOT.resolve(name);
    String t = tmp.toString();
    StringBuilder transcript = new StringBuilder();
    String hash = "";
    for (String raw : Files.readAllLines(dir.resolve("script.txt"), StandardCharsets.UTF_8)) {
      if (raw.isBlank() || raw.startsWith("#")) {
        continue;
      }
      String line = raw.replace("$TMP", t).replace("$CASE", dir.toString()).replace("$HASH", hash);
      transcript.append("$ ").append(raw).append('\n');
      String[] args = line.trim().split(" +");
      switch (args[0]) {
        case "@replace" -> {
          Path f = Path.of(args[4]);
          List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
          int n = Integer.parseInt(args[1]) - 1;
          assertTrue(lines.get(n).contains(args[2]), raw + ": line " + args[1] + " does not hold " + args[2]);
          lines.set(n, lines.get(n).replaceFirst(java.util.regex.Pattern.quote(args[2]),
              java.util.regex.Matcher.quoteReplacement(args[3])));
          Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        }
        case "@drop" -> {
          Path f = Path.of(args[2]);
          List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
          lines.remove(Integer.parseInt(args[1]) - 1);
          Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        }
        case "@cat" -> transcript.append(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).replace(t, "$TMP"));
        case "@summary" -> {
          String summary = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
          int files = summary.indexOf("\n## Files\n");
          assertTrue(files > 0, raw);
          transcript.append(summary.substring(0, files + 1).replace(t, "$TMP"));
        }
        case "@absent" -> {
          List<Path> files;
          try (Stream<Path> s = Files.walk(Path.of(args[2]))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
          }
          assertFalse(files.isEmpty(), raw);
          for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
              assertFalse(indexOf(bytes, args[1].getBytes(cs)) >= 0, args[1] + " found in " + f + " (" + cs + ")");
            }
          }
          transcript.append("absent from ").append(files.size()).append(" files\n");
        }
        default -> {
          CliRunner r = CliRunner.run(args);
          for (String out : r.out().split("\n")) {
            if (out.startsWith("hash ")) {
              hash = out.substring("hash ".length());
            }
          }
          transcript.append(r.out().replace(t, "$TMP")).append(r.err().replace(t, "$TMP"))
              .append("[exit ").append(r.exit()).append("]\n");
        }
      }
    }
    Path expected = dir.resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expected, transcript.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), transcript.toString(), expected.toString());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
