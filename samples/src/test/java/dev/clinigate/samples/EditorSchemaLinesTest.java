package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample YAML starts with a {@code # yaml-language-server: $schema=...} line (docs/editors.md) that
 * names, relative to the sample, the very schema file clinigate ships on its classpath, and the sample is
 * valid against it: what an editor shows is what clinigate checks.
 */
class EditorSchemaLinesTest {
  private static final Pattern MODELINE = Pattern.compile("# yaml-language-server: \\$schema=(\\S+)");

  private static List<Path> sampleYamlFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("."))) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.startsWith("./target") && !p.startsWith("./src"))
          .sorted().toList();
    }
  }

  @Test
  void everySampleNamesItsShippedSchemaAndIsValidAgainstIt() throws IOException {
    List<Path> files = sampleYamlFiles();
    assertTrue(files.size() >= 18, "expected the samples' policies, contracts and suites: " + files);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String first = text.lines().findFirst().orElse("");
      Matcher m = MODELINE.matcher(first);
      assertTrue(m.matches(), file + ": the first line must be '# yaml-language-server: $schema=<relative path>'");
      Path schema = file.getParent().resolve(m.group(1)).normalize();
      assertTrue(Files.isRegularFile(schema), file + ": $schema names a missing file " + schema);
      String unix = schema.toString().replace('\\', '/');
      int at = unix.indexOf("/src/main/resources/");
      assertTrue(at > 0, file + ": $schema must name a schema clinigate ships (under src/main/resources): " + unix);
      String resource = unix.substring(at + "/src/main/resources".length());
      try (InputStream in = EditorSchemaLinesTest.class.getResourceAsStream(resource)) {
        assertNotNull(in, file + ": " + resource + " is not on clinigate's classpath");
        assertArrayEquals(Files.readAllBytes(schema), in.readAllBytes(), file + ": repository file and shipped schema differ");
      }
      assertEquals(List.of(), SchemaValidator.forResource(resource).validate(Yaml.parse(text, file.toString())),
          file + " is not valid against " + resource);
    }
  }
}
