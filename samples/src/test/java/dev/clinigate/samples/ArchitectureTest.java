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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of DESIGN.md honest by reading the imports of every main source file: dependencies
 * point inward, governance-core has no third-party imports (and knows neither audit nor reports), YAML stays in
 * policy-dsl, Tribuo stays in the metrics adapter package, picocli stays in the CLI (not in reports nor the Maven
 * plugin), and no module reaches into another module's {@code internal} package.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..");

  /** Import prefixes each module must not use. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "governance-core", List.of("com.", "org.", "picocli.", "net.", "dev.clinigate.dsl", "dev.clinigate.metrics",
          "dev.clinigate.contracts", "dev.clinigate.cli", "dev.clinigate.audit", "dev.clinigate.reports"),
      "governance-audit", List.of("picocli.", "org.tribuo", "dev.clinigate.metrics", "dev.clinigate.contracts",
          "dev.clinigate.cli", "dev.clinigate.reports"),
      "governance-reports", List.of("picocli.", "dev.clinigate.cli"),
      "clinigate-maven-plugin", List.of("picocli.", "dev.clinigate.cli"),
      "policy-dsl", List.of("org.tribuo", "picocli.", "org.apache.commons.math3", "dev.clinigate.metrics",
          "dev.clinigate.contracts", "dev.clinigate.cli", "dev.clinigate.audit", "dev.clinigate.reports"),
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

  /**
   * Each module's root package is its API and {@code <pkg>.internal} its implementation: no module (main or test
   * source) may name another module's {@code internal} package, by import or fully qualified. A package belongs to
   * the module whose {@code src/main/java} holds it.
   */
  @Test
  void noModule_reachesIntoAnotherModulesInternalPackage() throws IOException {
    Map<String, String> owner = new TreeMap<>(); // internal package -> module
    List<String> modules = modules();
    for (String m : modules) {
      Path main = ROOT.resolve(m).resolve("src/main/java");
      try (Stream<Path> s = Files.walk(main)) {
        s.filter(Files::isDirectory).map(d -> main.relativize(d).toString().replace('\\', '/').replace('/', '.'))
            .filter(p -> INTERNAL.matcher(p).matches()).forEach(p -> owner.put(p, m));
      }
    }
    assertFalse(owner.isEmpty(), "no internal packages found under " + ROOT.toAbsolutePath());
    List<String> violations = new ArrayList<>();
    for (String m : modules) {
      for (String kind : List.of("src/main/java", "src/test/java")) {
        Path dir = ROOT.resolve(m).resolve(kind);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
          files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
              continue; // javadoc and comments may name a package
            }
            Matcher x = REFERENCE.matcher(line);
            while (x.find()) {
              String pkg = ownerOf(x.group(), owner.keySet());
              if (pkg != null && !owner.get(pkg).equals(m)) {
                violations.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + m + " uses " + pkg + " of "
                    + owner.get(pkg));
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  private static final Pattern INTERNAL = Pattern.compile("dev\\.clinigate(\\.[a-z0-9_]+)*\\.internal(\\.[a-z0-9_]+)*");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.clinigate(\\.[a-z0-9_]+)*\\.internal(\\.[a-z0-9_]+)*");

  /** The longest known internal package that {@code reference} (a package, or a package and more) lies in. */
  private static String ownerOf(String reference, java.util.Set<String> packages) {
    String best = null;
    for (String p : packages) {
      if ((reference.equals(p) || reference.startsWith(p + ".")) && (best == null || p.length() > best.length())) {
        best = p;
      }
    }
    return best;
  }

  /** Every module of the build: a folder beside samples with a pom.xml and main sources. */
  private static List<String> modules() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src/main/java")))
          .map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Path> sources(String module) throws IOException {
    Path dir = ROOT.resolve(module).resolve("src/main/java");
    assertFalse(!Files.isDirectory(dir), "no sources for " + module + " at " + dir.toAbsolutePath());
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
