package dev.clinigate.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures of the suite tests: the test resources folder, running one suite, writing a file. */
final class SuiteFiles {
  static final Path RES = Path.of("src/test/resources");

  private SuiteFiles() {}

  /** Runs the suite at {@code file}, relative to the test resources. */
  static SuiteResult suite(String file) {
    return PolicyTestRunner.runSuite(RES.resolve(file));
  }

  /** Writes {@code lines} (each ended by a newline) to {@code dir/name}. */
  static Path write(Path dir, String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }
}
