package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clinigate.Evidence;
import dev.clinigate.EvidenceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
