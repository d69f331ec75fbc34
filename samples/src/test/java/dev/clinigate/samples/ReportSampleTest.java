package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.Evidence;
import dev.clinigate.cli.Main;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report/evidence.json} is what {@code report/make-evidence.sh} computes: its metrics report and drift equal
 * a fresh run of {@code clinigate metrics} and {@code clinigate drift} on the same inputs, and its approval signs
 * the evidence's subject.
 */
class ReportSampleTest {
  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sampleEvidence_equalsAFreshRunOfMakeEvidence(@TempDir Path dir) throws IOException {
    JsonObject committed = (JsonObject) Json.parse(Files.readString(Path.of("report/evidence.json"),
        StandardCharsets.UTF_8), "report/evidence.json").root();
    JsonObject metrics = (JsonObject) Json.parse(cli("metrics", "--predictions", "pima/predictions.csv", "--label",
        "label", "--score", "score", "--group", "age_band", "--threshold", "0.3", "--threshold", "0.5", "--bootstrap",
        "200", "--seed", "7"), "metrics").root();
    for (Map.Entry<String, JsonValue> m : metrics.members().entrySet()) {
      assertEquals(Json.canonical(m.getValue()), Json.canonical(committed.get(m.getKey()).orElseThrow()), m.getKey());
    }
    // the halves of the Pima data, a zero glucose (column 2) or BMI (column 6) blanked as missing
    List<String> lines = Files.readAllLines(Path.of("data/pima_diabetes.csv"), StandardCharsets.UTF_8);
    List<String> ref = new ArrayList<>(List.of(lines.get(0)));
    List<String> cur = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue; // the file ends with an empty line
      }
      String[] f = lines.get(i).split(",", -1);
      for (int c : new int[] {1, 5}) {
        if (!f[c].isEmpty() && Double.parseDouble(f[c]) == 0) { // "0" and "0.0", as awk compares them
          f[c] = "";
        }
      }
      (i <= 384 ? ref : cur).add(String.join(",", f));
    }
    Files.write(dir.resolve("reference.csv"), ref, StandardCharsets.UTF_8);
    Files.write(dir.resolve("current.csv"), cur, StandardCharsets.UTF_8);
    JsonValue drift = Json.parse(cli("drift", "--reference", dir.resolve("reference.csv").toString(), "--current",
        dir.resolve("current.csv").toString(), "--feature", "oral_glucose_tolerance", "body_mass_index", "age",
        "pregnant"), "drift").root();
    assertEquals(Json.canonical(drift), Json.canonical(committed.get("drift").orElseThrow()));
    JsonObject approval = (JsonObject) ((JsonArray) committed.get("approvals").orElseThrow()).elements().get(0);
    assertEquals(Evidence.of(committed).subjectSha256(), Json.compact(approval.get("evidenceSha256").orElseThrow())
        .replace("\"", ""));
  }
}
