package dev.clinigate.audit;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads and writes the Ed25519 keys that sign and verify decision logs, in the formats OpenSSL uses:
 * PEM ({@code -----BEGIN PUBLIC KEY-----}, {@code -----BEGIN PRIVATE KEY-----}) or the same bytes as DER.
 *
 * <pre>{@code
 * // openssl genpkey -algorithm ed25519 -out audit-key.pem
 * // openssl pkey -in audit-key.pem -pubout -out audit-key.pub.pem
 * PrivateKey signing = AuditKeys.readPrivateKey(Path.of("audit-key.pem"));
 * PublicKey checking = AuditKeys.readPublicKey(Path.of("audit-key.pub.pem"));
 * }</pre>
 */
public final class AuditKeys {
  private static final long MAX_BYTES = 64 * 1024;

  private AuditKeys() {}

  /**
   * Reads an Ed25519 public key (X.509 SubjectPublicKeyInfo, PEM or DER).
   *
   * @throws InputException naming the file when it is missing or not an Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) {
    byte[] der = der(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw notA(file, "an Ed25519 public key", e);
    }
  }

  /**
   * Reads an Ed25519 private key (PKCS#8, PEM or DER).
   *
   * @throws InputException naming the file when it is missing or not an Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file) {
    byte[] der = der(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw notA(file, "an Ed25519 private key (PKCS#8)", e);
    }
  }

  /** PEM text of a public key ({@code -----BEGIN PUBLIC KEY-----}), ending with a newline. */
  public static String toPem(PublicKey key) {
    return pem("PUBLIC KEY", key);
  }

  /** PEM text of a private key ({@code -----BEGIN PRIVATE KEY-----}), ending with a newline. */
  public static String toPem(PrivateKey key) {
    return pem("PRIVATE KEY", key);
  }

  private static String pem(String type, Key key) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(Path file, String type) {
    // confined to the key's folder, a regular file, read while counting bytes (a device never reaches memory)
    byte[] bytes = SourceFiles.besideFile(file).readBytes(file, MAX_BYTES, "maxKeyBytes");
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    int b = text.indexOf(begin);
    if (b < 0) {
      if (text.contains("-----BEGIN ")) {
        throw new InputException(Problem.at(file.toString(), 0, 0, "expected a PEM block \"" + begin + "\"",
            type.startsWith("PUBLIC") ? "give the public key: openssl pkey -in KEY.pem -pubout"
                : "give the PKCS#8 private key: openssl genpkey -algorithm ed25519"));
      }
      return bytes; // DER
    }
    int e = text.indexOf("-----END " + type + "-----", b);
    if (e < 0) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "the PEM block has no END line", "the file is cut off"));
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw notA(file, "a PEM key (its base64 is damaged)", ex);
    }
  }

  private static InputException notA(Path file, String what, Exception cause) {
    // the cause's text names JDK classes and key internals: it is kept as the cause, for --debug
    return new InputException(Problem.at(file.toString(), 0, 0, "not " + what,
        "make one with: openssl genpkey -algorithm ed25519 -out key.pem"), cause);
  }
}
