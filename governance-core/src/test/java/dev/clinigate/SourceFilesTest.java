package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-access layer: confinement, regular files only, bounded reads, no content in errors. */
class SourceFilesTest {
  private static String message(Runnable r) {
    InputException e = assertThrows(InputException.class, r::run);
    Problem p = e.problems().get(0);
    return p.source() + ": " + p.message();
  }

  @Test
  void resolve_relativeInsideRoot_isTheFile(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("org"));
    Files.writeString(root.resolve("org/base.yaml"), "a: 1\n");
    Files.writeString(root.resolve("policy.yaml"), "b: 2\n");
    SourceFiles files = SourceFiles.confinedTo(root);
    Path base = files.resolve(root.resolve("policy.yaml"), "org/base.yaml");
    assertEquals(root.resolve("org/base.yaml").toAbsolutePath().normalize(), base);
    assertEquals(root.resolve("org/base.yaml").toAbsolutePath().normalize(),
        files.resolve(root.resolve("org/x.yaml"), "../org/./base.yaml"));
    assertEquals("a: 1\n", files.readText(base, 100, "maxPolicyBytes"));
  }

  @Test
  void resolve_absoluteOrEscaping_refusedBeforeReading(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(dir.resolve("secret.yaml"), "token: FAKE\n");
    SourceFiles files = SourceFiles.confinedTo(root);
    Path from = root.resolve("p.yaml");
    assertEquals("/etc/passwd: is an absolute path; references inside files must be relative",
        message(() -> files.resolve(from, "/etc/passwd")));
    assertEquals("../secret.yaml: leaves the folder that files are confined to",
        message(() -> files.resolve(from, "../secret.yaml")));
    assertEquals("a/../../secret.yaml: leaves the folder that files are confined to",
        message(() -> files.resolve(from, "a/../../secret.yaml")));
    assertEquals("~/x.yaml: is an absolute path; references inside files must be relative",
        message(() -> files.resolve(from, "~/x.yaml")));
    assertEquals(" : is an empty path", message(() -> files.resolve(from, " ")));
  }

  @Test
  void symlinkLeavingTheRoot_refused_symlinkInside_allowed(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Path outside = Files.writeString(dir.resolve("outside.yaml"), "FAKE-SECRET\n");
    Files.writeString(root.resolve("inside.yaml"), "ok\n");
    Files.createSymbolicLink(root.resolve("out.yaml"), outside);
    Files.createSymbolicLink(root.resolve("in.yaml"), root.resolve("inside.yaml"));
    Files.createSymbolicLink(root.resolve("sub"), dir);
    SourceFiles files = SourceFiles.confinedTo(root);
    assertEquals(root.resolve("out.yaml") + ": is a symbolic link (or lies under one) that leads outside the folder "
        + "that files are confined to", message(() -> files.readText(root.resolve("out.yaml"), 100, "maxPolicyBytes")));
    assertEquals("sub/outside.yaml: is a symbolic link (or lies under one) that leads outside the folder that files "
        + "are confined to", message(() -> files.resolve(root.resolve("p.yaml"), "sub/outside.yaml")));
    assertEquals("ok\n", files.readText(root.resolve("in.yaml"), 100, "maxPolicyBytes"));
    // the single-file front doors: a link in the file's own folder to a file elsewhere is refused too
    assertEquals(root.resolve("out.yaml") + ": is a symbolic link (or lies under one) that leads outside the folder "
        + "that files are confined to", message(() -> SourceFiles.besideFile(root.resolve("out.yaml"))
        .readText(root.resolve("out.yaml"), 100, "maxPolicyBytes")));
  }

  @Test
  void devicesProcFilesDirectoriesAndMissing_refused(@TempDir Path dir) {
    assertEquals("/dev/zero: is a system pseudo-file, not a regular file",
        message(() -> SourceFiles.besideFile(Path.of("/dev/zero")).readBytes(Path.of("/dev/zero"), 10, "maxKeyBytes")));
    assertEquals("/proc/self/environ: is a system pseudo-file, not a regular file", message(() -> SourceFiles
        .besideFile(Path.of("/proc/self/environ")).readText(Path.of("/proc/self/environ"), 10, "maxEvidenceBytes")));
    assertEquals(dir + ": is a directory, not a file", message(() -> SourceFiles.besideFile(dir).check(dir)));
    Path missing = dir.resolve("missing.json");
    assertEquals(missing + ": file not found", message(() -> SourceFiles.besideFile(missing).check(missing)));
  }

  @Test
  void fifo_refusedWithoutBlocking(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("evidence.json");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    long start = System.nanoTime();
    assertEquals(fifo + ": is not a regular file (a pipe, socket or device)",
        message(() -> SourceFiles.besideFile(fifo).readText(fifo, 100, "maxEvidenceBytes")));
    assertEquals(true, Duration.ofNanos(System.nanoTime() - start).toSeconds() < 2);
  }

  @Test
  void sizeLimit_countedWhileReading_namesTheLimit(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("e.json"), new byte[1001]);
    InputException e = assertThrows(InputException.class,
        () -> SourceFiles.besideFile(f).readBytes(f, 1000, "maxEvidenceBytes"));
    assertEquals(List.of(Problem.at(f.toString(), 0, 0, "file is larger than the limit maxEvidenceBytes = 1,000 bytes",
        "if the input is legitimate, raise the limit: --limit maxEvidenceBytes=N on the command line, or "
            + "Limits.withMaxEvidenceBytes(N) in Java")), e.problems());
    assertArrayEquals(new byte[1001], SourceFiles.besideFile(f).readBytes(f, 1001, "maxEvidenceBytes"));
    try (InputStream in = SourceFiles.besideFile(f).open(f, 10, "maxCsvBytes")) {
      byte[] buf = new byte[4];
      assertEquals(4, in.read(buf));
      assertEquals(4, in.read(buf));
      // the next read asks for one byte past the limit, and finds it
      InputException streamed = assertThrows(InputException.class, () -> in.read(buf));
      assertEquals("file is larger than the limit maxCsvBytes = 10 bytes", streamed.problems().get(0).message());
    }
  }

  @Test
  void notUtf8_locatedAtTheLine_withoutQuotingIt(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("p.yaml"), new byte[] {'a', '\n', 'b', (byte) 0xFF, '\n'});
    InputException e = assertThrows(InputException.class,
        () -> SourceFiles.besideFile(f).readText(f, 100, "maxPolicyBytes"));
    assertEquals(Problem.at(f.toString(), 2, 0, "file is not valid UTF-8 (byte offset 3)", "save the file as UTF-8"),
        e.problems().get(0));
    assertEquals("é\n", SourceFiles.besideFile(f).readText(Files.write(f, "é\n".getBytes(StandardCharsets.UTF_8)),
        100, "maxPolicyBytes"));
  }

  @Test
  void limits_withByName_validatesAndNamesEveryComponent() throws ReflectiveOperationException {
    Limits l = Limits.defaults().with("maxGroups", 5).with("maxCsvBytes", 1L << 40);
    assertEquals(5, l.maxGroups());
    assertEquals(1L << 40, l.maxCsvBytes());
    assertEquals(Limits.defaults().maxPolicyBytes(), l.maxPolicyBytes());
    var components = Limits.class.getRecordComponents();
    assertEquals(Limits.NAMES.size(), components.length);
    for (int i = 0; i < components.length; i++) {
      assertEquals(components[i].getName(), Limits.NAMES.get(i));
      Object seven = components[i].getAccessor().invoke(Limits.defaults().with(Limits.NAMES.get(i), 7));
      assertEquals(7L, ((Number) seven).longValue(), Limits.NAMES.get(i));
      assertEquals(7L, Limits.defaults().with(Limits.NAMES.get(i), 7).get(Limits.NAMES.get(i)));
    }
    assertEquals("maxDepth must be at least 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with("maxDepth", 0)).getMessage());
    assertEquals("maxColumns must be at most 2147483647, found 2147483648", assertThrows(IllegalArgumentException.class,
        () -> Limits.defaults().with("maxColumns", 1L << 31)).getMessage());
    assertEquals(true, assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with("maxFoo", 1))
        .getMessage().startsWith("unknown limit \"maxFoo\"; the limits are maxPolicyBytes, "));
  }
}
