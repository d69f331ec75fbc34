package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of DESIGN.md honest by reading the imports of every main source file: dependencies
 * point inward, governance-core has no third-party imports, YAML stays in policy-dsl, Tribuo stays in
 * the metrics adapter package, picocli stays in the CLI.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..");

  /** Import prefixes each module must not use. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "governance-core", List.of("com.", "org.", "picocli.", "net.", "dev.clinigate.dsl", "dev.clinigate.metrics",
          "dev.clinigate.contracts", "dev.clinigate.cli"),
      "policy-dsl", List.of("org.tribuo", "picocli.", "org.apache.commons.math3", "dev.clinigate.metrics",
          "dev.clinigate.contracts", "dev.clinigate.cli"),
      "metrics", List.of("com.fasterxml", "org.yaml", "org.everit", "org.json", "picocli.", "dev.clinigate.dsl",
          "dev.clinigate.contracts", "dev.clinigate.cli"),
      "contracts", List.of("org.tribuo", "picocli.", "dev.clinigate.cli"));

  @Test
  void modules_importOnlyInward() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
      for (Path file : sources(e.getKey())) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.startsWith("import ")) {
            continue;
          }
          String imported = line.substring(line.startsWith("import static ") ? 14 : 7);
          for (String bad : e.getValue()) {
            if (imported.startsWith(bad)) {
              violations.add(ROOT.relativize(file) + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void tribuo_onlyInTheMetricsAdapterPackage() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources("metrics")) {
      boolean adapter = file.toString().replace('\\', '/').contains("/dev/clinigate/metrics/tribuo/");
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!adapter && text.contains("import org.tribuo")) {
        violations.add(file.toString());
      }
    }
    assertEquals(List.of(), violations);
  }

  private static List<Path> sources(String module) throws IOException {
    Path dir = ROOT.resolve(module).resolve("src/main/java");
    assertFalse(!Files.isDirectory(dir), "no sources for " + module + " at " + dir.toAbsolutePath());
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
