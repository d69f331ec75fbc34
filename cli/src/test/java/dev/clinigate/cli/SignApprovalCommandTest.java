package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clinigate sign-approval}: signs approvals and rosters that {@code evaluate --principals} accepts. */
class SignApprovalCommandTest {
  private static final Path SAMPLE = Path.of("../samples/high-risk");
  private static final String RATIONALE =
      "Model card, validation report and impact assessment are complete and match their hashes.";

  private static JsonObject evidence() throws IOException {
    return (JsonObject) Json.parse(Files.readString(SAMPLE.resolve("evidence.json"), StandardCharsets.UTF_8),
        "evidence.json").root();
  }

  @Test
  void signApproval_sampleApproval_reproducesTheCommittedSignature() throws IOException {
    CliRunner r = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/m.romero.pem").toString(),
        "--evidence", SAMPLE.resolve("evidence.json").toString(), "--principal", "m.romero", "--role", "compliance",
        "--decision", "approve", "--rationale", RATIONALE, "--timestamp", "2026-02-27T16:15:00Z");
    assertEquals(0, r.exit(), r.err());
    JsonObject committed = (JsonObject) ((JsonArray) evidence().get("approvals").orElseThrow()).get(2);
    assertEquals(Json.prettyInOrder(committed) + "\n", r.out()); // Ed25519 is deterministic
    assertEquals("", r.err());
  }

  @Test
  void signApproval_newRationale_countsWithTheRoster(@TempDir Path dir) throws IOException {
    CliRunner s = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/m.romero.pem").toString(),
        "--evidence", SAMPLE.resolve("evidence.json").toString(), "--principal", "m.romero", "--role", "Compliance",
        "--decision", "APPROVE", "--rationale", "Re-reviewed after the DPIA update.", "--timestamp",
        "2026-02-28T08:00:00Z", "--out", dir.resolve("approval.json").toString());
    assertEquals(0, s.exit(), s.err());
    assertTrue(s.out().startsWith("signed the approval of ../samples/high-risk/evidence.json (subject sha256 "
        + "55e69d656a61cbb5a4fc4b93edffa50596e5c7778730e797197dd0e7fc2d1f31) by m.romero as Compliance into "), s.out());
    JsonObject approval = (JsonObject) Json.parse(Files.readString(dir.resolve("approval.json")), "a").root();
    JsonObject e = evidence();
    List<JsonValue> approvals = new ArrayList<>(((JsonArray) e.get("approvals").orElseThrow()).elements());
    approvals.set(2, approval);
    Map<String, JsonValue> m = new LinkedHashMap<>(e.members());
    m.put("approvals", new JsonArray(approvals));
    Files.writeString(dir.resolve("e.json"), Json.pretty(new JsonObject(m)), StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("evaluate", "--policy", SAMPLE.resolve("policy.yaml").toString(), "--evidence",
        dir.resolve("e.json").toString(), "--at", "2026-03-01T09:00:00Z", "--principals",
        SAMPLE.resolve("principals.yaml").toString(), "--roster-key", SAMPLE.resolve("keys/roster.pub.pem").toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("Role compliance is filled by m.romero."), r.out());
  }

  @Test
  void signApproval_roster_reproducesTheCommittedSignature(@TempDir Path dir) throws IOException {
    Files.copy(SAMPLE.resolve("principals.yaml"), dir.resolve("principals.yaml"));
    CliRunner r = CliRunner.run("sign-approval", "--roster", dir.resolve("principals.yaml").toString(), "--key",
        SAMPLE.resolve("keys/roster.pem").toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(Files.readString(SAMPLE.resolve("principals.yaml.sig")),
        Files.readString(dir.resolve("principals.yaml.sig")));
    assertTrue(r.out().startsWith("signed roster " + dir.resolve("principals.yaml") + " (sha256 "), r.out());
  }

  @Test
  void signApproval_publicKeyForPrivate_namesTheFileNotTheKey() throws IOException {
    CliRunner r = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/roster.pub.pem").toString(),
        "--roster", SAMPLE.resolve("principals.yaml").toString(), "--out", "never-written.sig");
    assertEquals(2, r.exit());
    assertEquals("ERROR: ../samples/high-risk/keys/roster.pub.pem: is not a PEM private key (no '-----BEGIN PRIVATE "
        + "KEY-----' ... '-----END PRIVATE KEY-----' block)\nhint: create the key with 'openssl genpkey -algorithm "
        + "ed25519 -out key.pem'\n", r.err());
    String key = Files.readString(SAMPLE.resolve("keys/roster.pub.pem")).lines().skip(1).findFirst().orElseThrow();
    assertFalse(r.err().contains(key));
    assertFalse(Files.exists(Path.of("never-written.sig")));
  }

  @Test
  void signApproval_blankRationale_exitTwoAtTheOption() {
    CliRunner r = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/m.romero.pem").toString(),
        "--evidence", SAMPLE.resolve("evidence.json").toString(), "--principal", "m.romero", "--role", "compliance",
        "--decision", "approve", "--rationale", " ");
    assertEquals(2, r.exit());
    assertEquals("ERROR: --rationale: must not be blank\nhint: say why: an approval without a rationale does not "
        + "count\n", r.err());
  }

  @Test
  void signApproval_nothingToSign_exitTwoSayingWhatToGive() {
    CliRunner r = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/m.romero.pem").toString());
    assertEquals(2, r.exit());
    assertEquals("ERROR: sign-approval: say what to sign: an approval (--evidence E.json --principal ID --role ROLE "
        + "--decision approve|reject --rationale TEXT) or a roster (--roster R.yaml)\nhint: run 'clinigate "
        + "sign-approval --help' for the options\n", r.err());
  }

  @Test
  void signApproval_approvalAndRoster_exitTwo() {
    CliRunner r = CliRunner.run("sign-approval", "--key", SAMPLE.resolve("keys/m.romero.pem").toString(),
        "--roster", SAMPLE.resolve("principals.yaml").toString(), "--evidence", SAMPLE.resolve("evidence.json")
        .toString(), "--principal", "m.romero", "--role", "compliance", "--decision", "approve", "--rationale", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("ERROR: clinigate sign-approval: "), r.err());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }
}
