package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeysTest {
  private static final KeyPair PAIR = Keys.ed25519("keys test");

  @Test
  void pemAndDer_roundTrip(@TempDir Path dir) throws IOException {
    Path pub = dir.resolve("k.pub.pem");
    Path priv = dir.resolve("k.pem");
    Files.writeString(pub, AuditKeys.toPem(PAIR.getPublic()), StandardCharsets.US_ASCII);
    Files.writeString(priv, AuditKeys.toPem(PAIR.getPrivate()), StandardCharsets.US_ASCII);
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"));
    assertArrayEquals(PAIR.getPublic().getEncoded(), AuditKeys.readPublicKey(pub).getEncoded());
    assertArrayEquals(PAIR.getPrivate().getEncoded(), AuditKeys.readPrivateKey(priv).getEncoded());
    Path der = dir.resolve("k.pub.der");
    Files.write(der, PAIR.getPublic().getEncoded());
    assertArrayEquals(PAIR.getPublic().getEncoded(), AuditKeys.readPublicKey(der).getEncoded());
  }

  @Test
  void readPublicKey_givenThePrivateKey_saysWhatToDo(@TempDir Path dir) throws IOException {
    Path priv = dir.resolve("k.pem");
    Files.writeString(priv, AuditKeys.toPem(PAIR.getPrivate()), StandardCharsets.US_ASCII);
    InputException e = assertThrows(InputException.class, () -> AuditKeys.readPublicKey(priv));
    assertEquals("ERROR: " + priv + ": expected a PEM block \"-----BEGIN PUBLIC KEY-----\"\n"
        + "hint: give the public key: openssl pkey -in KEY.pem -pubout", e.getMessage());
  }

  @Test
  void readPublicKey_garbage_notAKey(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.der");
    Files.write(bad, new byte[] {1, 2, 3});
    InputException e = assertThrows(InputException.class, () -> AuditKeys.readPublicKey(bad));
    // no JDK exception text (InvalidKeyException, key internals): the cause is kept for --debug only
    assertEquals("ERROR: " + bad + ": not an Ed25519 public key\n"
        + "hint: make one with: openssl genpkey -algorithm ed25519 -out key.pem", e.getMessage());
  }
}
