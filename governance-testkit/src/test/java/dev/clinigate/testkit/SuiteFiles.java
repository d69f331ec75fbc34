package dev.clinigate.testkit;

import dev.clinigate.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures of the suite tests: the test resources folder, running one suite, writing a file. */
final class SuiteFiles {
  /** Suites here name fixtures in sibling folders: the resources folder is their root. */
  private static final SourceFiles ROOT = SourceFiles.confinedTo(Path.of("src/test/resources"));
  static final Path RES = Path.of("src/test/resources");

  private SuiteFiles() {}

  /** Runs the suite at {@code file}, relative to the test resources. */
  static SuiteResult suite(String file) {
    return PolicyTestRunner.runSuite(RES.resolve(file), ROOT);
  }

  /** Writes {@code lines} (each ended by a newline) to {@code dir/name}. */
  static Path write(Path dir, String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }
}
