package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed outputs of the Pima story ({@code samples/pima-tribuo}) are exactly what {@link PimaStory} makes from
 * the committed inputs. After an intended change, regenerate with {@code -Dsamples.update=true} and review the diff.
 */
class PimaStoryTest {
  @Test
  void committedFiles_areWhatTheStoryMakes() throws IOException {
    Map<String, String> made = PimaStory.generate();
    for (Map.Entry<String, String> e : made.entrySet()) {
      Path file = PimaStory.DIR.resolve(e.getKey());
      // verbatim, library version included (as in samples/audit: the audit record's hash covers it), so that the
      // files are what a reader would make; a new library version means regenerating them
      String expected = e.getValue();
      if (Boolean.getBoolean("samples.update")) {
        Files.writeString(file, expected, StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), expected, file + " is stale: "
          + "regenerate with -Dsamples.update=true");
    }
    assertEquals(PimaStory.generate().get("evidence.json"), made.get("evidence.json"), "deterministic");
  }

  @Test
  void story_reachesGo_withACompleteModelCard() throws IOException {
    Map<String, String> made = PimaStory.generate();
    assertTrue(made.get("decision.txt").startsWith("GO: pima-diabetes-screening v1 (PromotionPolicy)"),
        made.get("decision.txt"));
    assertTrue(made.get("decision.txt").contains("Model card pima-tribuo/card.yaml is complete for hti1-dsi-2024"),
        made.get("decision.txt"));
    assertTrue(made.get("contract-result.json").contains("\"status\": \"FAIL\""), "insulin missingness is reported");
  }
}
