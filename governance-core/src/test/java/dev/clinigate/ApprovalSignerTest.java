package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed approval message is a published format; signing and verification round-trip; keys never leak. */
class ApprovalSignerTest {
  private static final String SHA = "760b54af8f4b167903ed124ecb00a714e0974a6117026f9ad21941ccda1e2829";
  private static final Approval BOB = new Approval("bob", "data-science-lead", Approval.Decision.APPROVE,
      "Validation \"reproduced\".", Instant.parse("2026-02-20T10:00:00Z"), SHA);

  private static KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void message_isTheCanonicalJsonOfTheApprovedFields() {
    assertEquals("{\"context\":\"clinigate/approval/v1\",\"decision\":\"approve\",\"evidenceSha256\":\"" + SHA
        + "\",\"principal\":\"bob\",\"rationale\":\"Validation \\\"reproduced\\\".\",\"role\":\"data-science-lead\","
        + "\"timestamp\":\"2026-02-20T10:00:00Z\"}", new String(ApprovalSigner.message(BOB), StandardCharsets.UTF_8));
  }

  @Test
  void sign_thenVerify_holdsOnlyForTheSameMessageAndKey() throws Exception {
    KeyPair k = keys();
    Approval signed = ApprovalSigner.sign(BOB, k.getPrivate());
    String sig = signed.signature().orElseThrow();
    assertEquals(64, Base64.getDecoder().decode(sig).length);
    assertTrue(ApprovalSigner.verify(ApprovalSigner.message(BOB), sig, k.getPublic()));
    assertFalse(ApprovalSigner.verify(ApprovalSigner.message(new Approval("bob", "compliance",
        Approval.Decision.APPROVE, BOB.rationale(), BOB.timestamp(), SHA)), sig, k.getPublic()));
    assertFalse(ApprovalSigner.verify(ApprovalSigner.message(BOB), sig, keys().getPublic()));
    assertFalse(ApprovalSigner.verify(ApprovalSigner.message(BOB), "not base64!", k.getPublic()));
    assertFalse(ApprovalSigner.verify(ApprovalSigner.message(BOB), "AAAA", k.getPublic()));
    // Ed25519 is deterministic: the same key and message give the same bytes
    assertEquals(sig, ApprovalSigner.sign(BOB, k.getPrivate()).signature().orElseThrow());
    JsonObject json = signed.toJson();
    assertEquals(sig, json.members().get("signature").toString().replace("\"", ""));
  }

  @Test
  void readKeys_fromOpensslPem_andErrorsNameTheFileNotTheContent(@TempDir Path dir) throws Exception {
    KeyPair k = keys();
    Path priv = dir.resolve("bob.pem");
    Path pub = dir.resolve("bob.pub.pem");
    Files.writeString(priv, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(k.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    SourceFiles files = SourceFiles.confinedTo(dir);
    String sig = ApprovalSigner.sign(new byte[] {1, 2, 3}, SigningKeys.readPrivateKey(priv, files));
    assertTrue(ApprovalSigner.verify(new byte[] {1, 2, 3}, sig, SigningKeys.readPublicKey(pub, files)));

    Path swapped = dir.resolve("swapped.pem");
    Files.writeString(swapped, Files.readString(pub)); // a public key where a private key belongs
    InputException e = assertThrows(InputException.class, () -> SigningKeys.readPrivateKey(swapped, files));
    assertEquals("ERROR: " + swapped + ": is not a PEM private key (no '-----BEGIN PRIVATE KEY-----' ... "
        + "'-----END PRIVATE KEY-----' block)\nhint: create the key with 'openssl genpkey -algorithm ed25519 -out "
        + "key.pem'", e.getMessage());
    Path garbled = dir.resolve("garbled.pem");
    String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    Files.writeString(garbled, "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n");
    InputException g = assertThrows(InputException.class, () -> SigningKeys.readPrivateKey(garbled, files));
    assertEquals("ERROR: " + garbled + ": does not hold an Ed25519 private key\nhint: create one with 'openssl "
        + "genpkey -algorithm ed25519 -out key.pem'", g.getMessage());
    assertFalse(g.getMessage().contains(secret));
  }

  @Test
  void principal_validityIsHalfOpen_andRolesFoldCase() throws Exception {
    Principal p = new Principal("Dan", "Dan Okafor", List.of("Compliance"), Instant.parse("2026-01-01T00:00:00Z"),
        Optional.of(Instant.parse("2027-01-01T00:00:00Z")), keys().getPublic());
    assertTrue(p.validAt(Instant.parse("2026-01-01T00:00:00Z")));
    assertFalse(p.validAt(Instant.parse("2027-01-01T00:00:00Z")));
    assertFalse(p.validAt(Instant.parse("2025-12-31T23:59:59Z")));
    assertTrue(p.holds(" compliance"));
    Roster r = new Roster("board", List.of(p), SHA, false);
    assertEquals(Optional.of(p), r.find("DAN"));
    assertEquals(Optional.empty(), r.find("dana"));
    assertThrows(IllegalArgumentException.class, () -> new Roster("board", List.of(p, p), SHA, false));
  }

  @Test
  void highTier_withoutApprovals_defaultsToTwoSignedApprovers() {
    assertEquals(Optional.of(new Approvals(List.of(), 2, true, Optional.empty(), true)),
        Approvals.tierDefault(RiskTier.HIGH));
    assertEquals(Optional.empty(), Approvals.tierDefault(RiskTier.MEDIUM));
    assertThrows(IllegalArgumentException.class, () -> new Approvals(List.of("compliance", "Compliance"), 2, true,
        Optional.of(Duration.ofDays(1))));
  }
}
