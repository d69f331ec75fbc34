package dev.clinigate;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the Ed25519 keys that sign approvals and rosters, in the PEM forms OpenSSL writes:
 * <pre>
 * openssl genpkey -algorithm ed25519 -out bob.pem          # private key: PKCS#8, "BEGIN PRIVATE KEY"
 * openssl pkey -in bob.pem -pubout -out bob.pub.pem         # public key: SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"
 * </pre>
 * The JDK's own Ed25519 provider does the cryptography (no third-party library).
 *
 * <p>Key material never appears in an error: errors name the file (or the roster entry) and what is wrong with
 * it, not its content.
 *
 * <pre>{@code
 * PrivateKey key = SigningKeys.readPrivateKey(Path.of("bob.pem"), SourceFiles.besideFile(Path.of("bob.pem")));
 * }</pre>
 */
public final class SigningKeys {
  private static final String PUBLIC = "PUBLIC KEY";
  private static final String PRIVATE = "PRIVATE KEY";

  private SigningKeys() {}

  /**
   * Reads an Ed25519 public key (PEM {@code SubjectPublicKeyInfo}) from a file through {@code files}.
   *
   * @throws InputException naming the file when it cannot be read or holds no Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file, SourceFiles files) {
    String text = files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    return publicKey(text, file.toString(), 0);
  }

  /**
   * Reads an Ed25519 private key (PEM PKCS#8, as {@code openssl genpkey -algorithm ed25519} writes it) through
   * {@code files}.
   *
   * @throws InputException naming the file when it cannot be read or holds no Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file, SourceFiles files) {
    String text = files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    byte[] der = der(text, PRIVATE, file.toString(), 0);
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw bad(file.toString(), 0, "does not hold an Ed25519 private key", "create one with 'openssl genpkey "
          + "-algorithm ed25519 -out key.pem'");
    }
  }

  /**
   * Parses an Ed25519 public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo).
   *
   * @param pem the PEM text
   * @param source names the input in errors (a file, or a file and roster entry)
   * @param line the 1-based line errors point at, or 0
   * @throws InputException naming {@code source} when the text is not an Ed25519 public key
   */
  public static PublicKey publicKey(String pem, String source, int line) {
    byte[] der = der(pem, PUBLIC, source, line);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw bad(source, line, "is not an Ed25519 public key", "export it with 'openssl pkey -in key.pem -pubout'");
    }
  }

  private static byte[] der(String pem, String label, String source, int line) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    String text = pem.strip();
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw bad(source, line, "is not a PEM " + label.toLowerCase(java.util.Locale.ROOT) + " (no '" + begin
          + "' ... '" + end + "' block)", label.equals(PUBLIC) ? "export the public key with 'openssl pkey -in "
          + "key.pem -pubout'" : "create the key with 'openssl genpkey -algorithm ed25519 -out key.pem'");
    }
    String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException x) {
      throw bad(source, line, "holds a PEM block that is not valid base64", "export the key again with openssl");
    }
  }

  private static InputException bad(String source, int line, String message, String hint) {
    return new InputException(Problem.at(source, line, 0, message, hint));
  }
}
