package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every command, fed hostile or malformed input (files outside the root, symbolic links out,
 * FIFOs, devices, /proc files, secrets, files over a limit, 50 MB strings, 20,000 columns, 30,000 groups,
 * catastrophic patterns, malformed option values), must answer with exit 2 and its expected message, verbatim.
 *
 * <p>The cases are {@code src/test/resources/bad-input/cases.txt}: {@code == name}, then {@code $ args} (with
 * {@code {in}} for a scratch copy of {@code bad-input/files}, {@code {out}} for an empty folder and {@code {tmp}}
 * for their parent, which also holds a {@code .env} outside {@code {in}}), then the expected stderr, and the
 * expected stdout with each line prefixed {@code out| }. Files that git cannot hold or that are large (FIFOs,
 * symbolic links, directories, non-UTF-8 bytes, 16 MiB and 50 MB files, 20,000 columns, 30,000 groups) are made in
 * {@link #makeHostileFiles()}. Besides its message, every case must: exit 2; print no stack trace and no Java
 * exception name; name a location (a file of the arguments, an option, or {@code clinigate}) on its first line;
 * never print a GO; never print a planted secret, a line of /etc/passwd or the environment; finish within 2 s.
 *
 * <p>This class runs in its own surefire execution with {@code -Xmx256m} (cli/pom.xml): no input may exhaust it.
 * Run with {@code -Dcorpus.record=true} to rewrite the expected outputs after a deliberate change, then review
 * the diff.
 */
class BadInputCorpusTest {
  private static final Path CASES = Path.of("src/test/resources/bad-input/cases.txt");
  private static final Path FILES = Path.of("src/test/resources/bad-input/files");
  private static final boolean RECORD = Boolean.getBoolean("corpus.record");
  /**
   * A liveness guard, not a performance target: a case that blocks (a FIFO, an endless stream) or backtracks
   * catastrophically never finishes, while the slowest legitimate case (reading a 50 MB string up to its
   * limit) takes 0.3 s on an idle 2-core machine and 2.2 s under a load average of 20.
   */
  private static final long MAX_MILLIS = 10_000;
  private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\tat ");
  private static final Pattern GO = Pattern.compile("(?m)^GO\\b|\"verdict\"\\s*:\\s*\"GO\"");
  private static final List<String> SECRETS = List.of("FAKE", "root:x:0:0", "hunter2");

  private static Path tmp;
  private static final List<String[]> recorded = new ArrayList<>();

  /** One case: its name, arguments (with placeholders) and expected outputs. */
  record Case(String name, String args, String err, String out) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    return read(CASES).stream();
  }

  /**
   * Reads a case file: {@code == name}, {@code $ args}, the expected stderr, the expected stdout lines prefixed
   * {@code out| } (also the format of the usage-error goldens).
   */
  static List<Case> read(Path file) throws IOException {
    List<Case> out = new ArrayList<>();
    String name = null;
    String args = null;
    StringBuilder err = new StringBuilder();
    StringBuilder std = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("== ")) {
        if (name != null) {
          out.add(new Case(name, args, trimEnd(err), trimEnd(std)));
        }
        name = line.substring(3).strip();
        args = null;
        err.setLength(0);
        std.setLength(0);
      } else if (name == null) {
        continue; // the header
      } else if (args == null && line.startsWith("$ ")) {
        args = line.substring(2);
      } else if (line.startsWith("out| ") || line.equals("out|")) {
        std.append(line.length() > 5 ? line.substring(5) : "").append('\n');
      } else {
        err.append(line).append('\n');
      }
    }
    if (name != null) {
      out.add(new Case(name, args, trimEnd(err), trimEnd(std)));
    }
    return out;
  }

  private static String trimEnd(CharSequence b) {
    String s = b.toString().replaceAll("\\n+$", "");
    return s.isEmpty() ? s : s + "\n";
  }

  @BeforeAll
  static void makeHostileFiles() throws IOException, InterruptedException {
    tmp = Files.createTempDirectory("clinigate-corpus").toRealPath();
    Path in = tmp.resolve("in");
    try (Stream<Path> s = Files.walk(FILES)) {
      for (Path p : s.toList()) {
        Path target = in.resolve(FILES.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve(".env"), "CI_DEPLOY_TOKEN=FAKE-SECRET-outside-the-root\n", StandardCharsets.UTF_8);
    Path gen = Files.createDirectories(in.resolve("gen"));
    for (String fifo : List.of("gen/fifo.yaml", "gen/fifo.json", "gen/fifo.jsonl", "gen/fifo.csv", "attack/fifo.yaml",
        "suites/fifo.yaml", "suites/fifo.json")) {
      Process p = new ProcessBuilder("mkfifo", in.resolve(fifo).toString()).inheritIO().start();
      assertEquals(0, p.waitFor(), "mkfifo " + fifo);
    }
    for (String link : List.of("gen/passwd-link.yaml", "gen/passwd-link.json", "gen/passwd-link.csv",
        "attack/passwd-link.yaml", "suites/evidence-link.json")) {
      Files.createSymbolicLink(in.resolve(link), Path.of("/etc/passwd"));
    }
    Files.createSymbolicLink(gen.resolve("environ-link.json"), Path.of("/proc/self/environ"));
    Files.createDirectories(in.resolve("attack/dir.yaml"));
    Files.createDirectories(gen.resolve("dir.json"));
    byte[] notUtf8 = "label,score,age\n1,0.5,".getBytes(StandardCharsets.US_ASCII);
    notUtf8 = Arrays.copyOf(notUtf8, notUtf8.length + 3);
    notUtf8[notUtf8.length - 3] = (byte) 0xC3; // a lead byte followed by a byte that cannot continue it
    notUtf8[notUtf8.length - 2] = (byte) 0x28;
    notUtf8[notUtf8.length - 1] = '\n';
    Files.write(gen.resolve("not-utf8.csv"), notUtf8);
    Files.write(gen.resolve("not-utf8.json"), new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'});
    Files.write(gen.resolve("not-utf8.yaml"), new byte[] {'a', ':', ' ', (byte) 0xFE, '\n'});
    Files.writeString(gen.resolve("empty.csv"), "");
    Files.writeString(gen.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n"
        + "-----END PUBLIC KEY-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    // a policy of 1 MiB + 1 byte: comments after a valid document
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(in.resolve("attack/big.yaml")))) {
      byte[] head = Files.readAllBytes(in.resolve("ok/policy.yaml"));
      o.write(head);
      long left = (1 << 20) + 1 - head.length;
      byte[] line = ("#" + "x".repeat(62) + "\n").getBytes(StandardCharsets.US_ASCII);
      for (; left >= line.length; left -= line.length) {
        o.write(line);
      }
      for (; left > 0; left--) {
        o.write('#');
      }
    }
    // evidence of 16 MiB + 1 byte (valid JSON padded with spaces)
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(gen.resolve("evidence-16mib.json")))) {
      byte[] head = "{\"metrics\": {\"auroc\": 0.8}}".getBytes(StandardCharsets.US_ASCII);
      o.write(head);
      byte[] spaces = new byte[8192];
      Arrays.fill(spaces, (byte) ' ');
      long left = (16L << 20) + 1 - head.length;
      while (left > 0) {
        int n = (int) Math.min(spaces.length, left);
        o.write(spaces, 0, n);
        left -= n;
      }
    }
    // one JSON line holding a 50 MB string (under 64 MiB)
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(gen.resolve("huge-string.json")))) {
      o.write("{\"metrics\": {\"auroc\": 0.8}, \"note\": \"".getBytes(StandardCharsets.US_ASCII));
      byte[] xs = new byte[8192];
      Arrays.fill(xs, (byte) 'x');
      for (long left = 50_000_000L; left > 0; left -= xs.length) {
        o.write(xs, 0, (int) Math.min(xs.length, left));
      }
      o.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
    }
    // 20,000 columns
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(gen.resolve("wide.csv")))) {
      StringBuilder h = new StringBuilder();
      StringBuilder r = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        h.append(i == 0 ? "" : ",").append('c').append(i);
        r.append(i == 0 ? "" : ",").append(i % 2);
      }
      o.write((h + "\n" + r + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    // 30,000 distinct values in a group column
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(gen.resolve("groups.csv")))) {
      o.write("label,score,site\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 30_000; i++) {
        o.write(((i % 2) + "," + (i % 100) / 100.0 + ",site-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  @AfterAll
  static void cleanUpAndRecord() throws IOException {
    if (RECORD && !recorded.isEmpty()) {
      StringBuilder b = new StringBuilder(header());
      for (String[] r : recorded) {
        b.append("== ").append(r[0]).append('\n').append("$ ").append(r[1]).append('\n');
        if (!r[2].isEmpty()) {
          b.append(r[2]).append(r[2].endsWith("\n") ? "" : "\n");
        }
        for (String l : r[3].lines().toList()) {
          b.append("out| ").append(l).append('\n');
        }
        b.append('\n');
      }
      Files.writeString(CASES, b.toString(), StandardCharsets.UTF_8);
    }
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted((a, c) -> c.compareTo(a)).forEach(p -> {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  private static String header() throws IOException {
    StringBuilder h = new StringBuilder();
    for (String line : Files.readAllLines(CASES, StandardCharsets.UTF_8)) {
      if (line.startsWith("== ")) {
        break;
      }
      h.append(line).append('\n');
    }
    return h.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInput_exitsTwoWithItsMessage(Case c) {
    String in = tmp.resolve("in").toString();
    String out = tmp.resolve("out").toString();
    String[] args = c.args().strip().split(" +");
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].replace("{in}", in).replace("{out}", out).replace("{tmp}", tmp.toString());
    }
    long start = System.nanoTime();
    CliRunner r = CliRunner.run(args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    String err = trimEnd(r.err().replace(in, "{in}").replace(out, "{out}").replace(tmp.toString(), "{tmp}"));
    String std = trimEnd(r.out().replace(in, "{in}").replace(out, "{out}").replace(tmp.toString(), "{tmp}"));
    if (RECORD) {
      synchronized (recorded) {
        recorded.add(new String[] {c.name(), c.args(), err, r.exit() == 2 && args[0].equals("test") ? std : ""});
      }
    }
    String all = r.err() + r.out();
    assertEquals(2, r.exit(), c.name() + ": exit\n" + r.err() + r.out());
    assertFalse(JAVA_EXCEPTION.matcher(all).find(), c.name() + ": a Java exception or stack trace\n" + all);
    assertFalse(GO.matcher(r.out()).find(), c.name() + ": printed GO\n" + r.out());
    for (String secret : SECRETS) {
      assertFalse(all.contains(secret), c.name() + ": echoed a secret (" + secret + ")\n" + all);
    }
    String path = System.getenv("PATH");
    if (path != null && path.length() > 8) {
      assertFalse(all.contains(path), c.name() + ": echoed the environment\n" + all);
    }
    String first = (r.err().isEmpty() ? r.out() : r.err()).lines().filter(l -> l.startsWith("ERROR: ")
        || l.startsWith("  ERROR ") || l.contains("ERROR")).findFirst().orElse("");
    assertTrue(hasLocation(first, args), c.name() + ": no location in the first error line: " + first);
    assertTrue(millis < MAX_MILLIS, c.name() + ": took " + millis + " ms");
    if (!RECORD) {
      assertEquals(c.err(), err, c.name() + ": stderr");
      if (args[0].equals("test")) {
        assertEquals(c.out(), std, c.name() + ": stdout");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void debug_alone_addsTheStackTrace() {
    String in = tmp.resolve("in").toString();
    CliRunner plain = CliRunner.run("evaluate", "--policy", in + "/ok/policy.yaml", "--evidence", "/dev/zero");
    CliRunner debug = CliRunner.run("evaluate", "--policy", in + "/ok/policy.yaml", "--evidence", "/dev/zero",
        "--debug");
    assertEquals(2, plain.exit());
    assertEquals(2, debug.exit());
    assertFalse(plain.err().contains("\tat "), plain.err());
    assertTrue(debug.err().startsWith(plain.err()), debug.err());
    assertTrue(debug.err().contains("\tat dev.clinigate.SourceFiles."), debug.err());
  }

  /** The line names a file of the arguments (or a part of one), an option given, or the program. */
  private static boolean hasLocation(String line, String[] args) {
    if (line.contains("clinigate")) {
      return true;
    }
    for (String a : args) {
      if (a.startsWith("--") && line.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
        return true;
      }
      if (a.contains("/")) {
        Path p = Path.of(a);
        if (line.contains(a) || (p.getFileName() != null && line.contains(p.getFileName().toString()))) {
          return true;
        }
      }
    }
    return line.matches(".*\\.(ya?ml|json|jsonl|csv|pem)(:\\d+)*:.*");
  }
}
