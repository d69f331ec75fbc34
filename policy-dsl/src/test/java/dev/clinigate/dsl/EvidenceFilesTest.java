package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.Evidence;
import dev.clinigate.EvidenceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceFilesTest {
  @Test
  void load_yamlAndJson_sameSha256(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("e.json");
    Path yaml = dir.resolve("e.yaml");
    Files.writeString(json, "{\"n\": 100, \"metrics\": {\"auroc\": 0.8, \"ece\": null}}", StandardCharsets.UTF_8);
    Files.writeString(yaml, "n: 100\nmetrics:\n  auroc: 0.8\n  ece: null\n", StandardCharsets.UTF_8);
    Evidence a = EvidenceFiles.load(json);
    Evidence b = EvidenceFiles.load(yaml);
    assertEquals(a.sha256(), b.sha256());
  }

  @Test
  void load_yamlWithWrongShape_locatedError(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("e.yml");
    Files.writeString(yaml, "n: 100\nmetrics: [0.8]\n", StandardCharsets.UTF_8);
    EvidenceException e = assertThrows(EvidenceException.class, () -> EvidenceFiles.load(yaml));
    assertEquals(2, e.problems().get(0).line());
    assertEquals(10, e.problems().get(0).column());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "model:\\n  author: MRN-4711-SECRET\\n   bad: x\\n|3:7: invalid YAML: mapping values are not allowed here",
      "model: {author: MRN-4711-SECRET, author: MRN-4711-SECRET}\\n|1:34: duplicate key (text of the data)",
      "model: &MRN-4711-SECRET {author: x}\\n|1:8: YAML anchors (text of the data) are not allowed",
      "model: !!str MRN-4711-SECRET\\n|1:8: YAML tags such as (text of the data) are not allowed",
      "metrics: MRN-4711-SECRET\\n|1:10: $.metrics: metrics must be an object of metric values, e.g. {\"auroc\": 0.81}, "
          + "found a string"})
  void load_badYamlEvidence_locatedWithoutQuotingTheData(String text, String expected, @TempDir Path dir)
      throws IOException {
    Path yaml = dir.resolve("e.yaml");
    Files.writeString(yaml, text.replace("\\n", "\n"), StandardCharsets.UTF_8);
    EvidenceException e = assertThrows(EvidenceException.class, () -> EvidenceFiles.load(yaml));
    String first = e.getMessage().lines().findFirst().orElseThrow();
    assertEquals("ERROR: " + yaml + ":" + expected, first);
    assertFalse(e.getMessage().contains("4711"), e.getMessage());
  }

  @Test
  void withoutQuotes_keepsQuotedPunctuationOnly() {
    assertEquals("could not find expected ':'", EvidenceFiles.withoutQuotes("could not find expected ':'"));
    assertEquals("found character (text of the data) that cannot start any token",
        EvidenceFiles.withoutQuotes("found character 'M' that cannot start any token"));
    assertEquals("duplicate key (text of the data)", EvidenceFiles.withoutQuotes("duplicate key \"MRN-1\""));
  }
}
