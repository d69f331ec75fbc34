package dev.clinigate;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs approvals (and rosters) with Ed25519, and defines the exact bytes an approval's signature covers.
 *
 * <p><b>The signed message</b> of an approval is the UTF-8 bytes of this JSON object in canonical form (RFC 8785
 * JSON Canonicalization Scheme: keys sorted, no white space, strings with the minimal escapes), every value a
 * string exactly as the approval writes it:
 * <pre>
 * {"context":"clinigate/approval/v1","decision":"approve","evidenceSha256":"&lt;64 hex&gt;","principal":"bob",
 *  "rationale":"Validation reproduced.","role":"data-science-lead","timestamp":"2026-02-20T10:00:00Z"}
 * </pre>
 * (one line, no trailing newline). {@code context} separates approval signatures from any other use of the key;
 * {@code evidenceSha256} is the evidence's {@link Evidence#subjectSha256() subject SHA-256}, so a signature
 * covers what was approved, by whom, in which role, with which decision, why and when. The signature is the
 * 64-byte Ed25519 signature in standard base64 ({@code signature} in the approval). A third party verifies it
 * with OpenSSL: {@code openssl pkeyutl -verify -pubin -inkey bob.pub.pem -rawin -in message.json -sigfile sig.bin}.
 *
 * <pre>{@code
 * PrivateKey key = SigningKeys.readPrivateKey(Path.of("bob.pem"), files);
 * Approval signed = ApprovalSigner.sign(new Approval("bob", "data-science-lead", Approval.Decision.APPROVE,
 *     "Validation reproduced.", Instant.parse("2026-02-20T10:00:00Z"), evidence.subjectSha256()), key);
 * }</pre>
 */
public final class ApprovalSigner {
  /** The {@code context} member of every signed approval message. */
  public static final String CONTEXT = "clinigate/approval/v1";

  private ApprovalSigner() {}

  /**
   * The bytes an approval's signature covers (see the class description); every argument exactly as the approval
   * writes it.
   */
  public static byte[] message(String evidenceSha256, String role, String decision, String principal,
      String rationale, String timestamp) {
    JsonObject o = JsonObject.builder()
        .put("context", CONTEXT)
        .put("decision", Objects.requireNonNull(decision, "decision"))
        .put("evidenceSha256", Objects.requireNonNull(evidenceSha256, "evidenceSha256"))
        .put("principal", Objects.requireNonNull(principal, "principal"))
        .put("rationale", Objects.requireNonNull(rationale, "rationale"))
        .put("role", Objects.requireNonNull(role, "role"))
        .put("timestamp", Objects.requireNonNull(timestamp, "timestamp"))
        .build();
    return Json.canonical(o).getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes {@code approval}'s signature covers (its timestamp written as {@link java.time.Instant#toString()}). */
  public static byte[] message(Approval approval) {
    return message(approval.evidenceSha256(), approval.role(), approval.decision().jsonName(), approval.principal(),
        approval.rationale(), approval.timestamp().toString());
  }

  /** A copy of {@code approval} signed with {@code key} (an Ed25519 private key). */
  public static Approval sign(Approval approval, PrivateKey key) {
    return approval.withSignature(sign(message(approval), key));
  }

  /**
   * The Ed25519 signature of {@code bytes}, in standard base64: for a roster, the detached signature over the
   * roster file's exact bytes (the {@code .sig} file beside it).
   */
  public static String sign(byte[] bytes, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(bytes);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key cannot sign with Ed25519 (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * Whether {@code signature} (standard base64 of 64 bytes) is {@code key}'s Ed25519 signature of {@code bytes};
   * false for anything that is not such a signature.
   */
  public static boolean verify(byte[] bytes, String signature, PublicKey key) {
    Optional<byte[]> raw = decode(signature);
    if (raw.isEmpty()) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(bytes);
      return s.verify(raw.get());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The 64 signature bytes of standard base64 text (white space around it ignored); empty for anything else. */
  public static Optional<byte[]> decode(String signature) {
    if (signature == null) {
      return Optional.empty();
    }
    try {
      byte[] raw = Base64.getDecoder().decode(signature.strip());
      return raw.length == 64 ? Optional.of(raw) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
