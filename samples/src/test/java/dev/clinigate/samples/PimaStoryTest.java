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
  private static final String VERSION = dev.clinigate.Clinigate.version();

  /** The library version is written as {@code ${version}} so that a release does not stale the files. */
  private static String stable(String s) {
    return s.replace("clinigate " + VERSION, "clinigate ${version}")
        .replace("\"version\": \"" + VERSION + "\"", "\"version\": \"${version}\"")
        .replace("\"version\":\"" + VERSION + "\"", "\"version\":\"${version}\"");
  }

  @Test
  void committedFiles_areWhatTheStoryMakes() throws IOException {
    Map<String, String> made = PimaStory.generate();
    for (Map.Entry<String, String> e : made.entrySet()) {
      Path file = PimaStory.DIR.resolve(e.getKey());
      // the audit record's hash covers the version, as in samples/audit: kept verbatim, so 'audit verify' passes
      String expected = e.getKey().endsWith(".jsonl") ? e.getValue() : stable(e.getValue());
      if (Boolean.getBoolean("samples.update")) {
        Files.writeString(file, expected, StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), expected, file + " is stale: "
          + "regenerate with -Dsamples.update=true");
    }
    assertEquals(stable(PimaStory.generate().get("evidence.json")), stable(made.get("evidence.json")), "deterministic");
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
