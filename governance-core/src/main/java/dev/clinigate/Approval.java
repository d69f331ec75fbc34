package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One approval (or rejection) in the evidence, as a host records it with
 * {@link Evidence.Builder#approval(Approval)}; the policy's {@link Approvals} say which of them count.
 *
 * <pre>{@code
 * Evidence subject = builder.build();                       // what approvers sign
 * builder.approval(new Approval("bob", "data-science-lead", Approval.Decision.APPROVE,
 *     "Validation reproduced.", Instant.parse("2026-02-20T10:00:00Z"), subject.subjectSha256()));
 * }</pre>
 *
 * @param principal who approved
 * @param role the role they approved under, e.g. {@code clinical-champion}
 * @param decision approve or reject
 * @param rationale why (an approval without a rationale does not count)
 * @param timestamp when
 * @param evidenceSha256 the {@link Evidence#subjectSha256() subject SHA-256} the approval signs
 * @param signature the approver's Ed25519 signature of the approval, base64 ({@link ApprovalSigner}), if signed
 */
public record Approval(String principal, String role, Decision decision, String rationale, Instant timestamp,
    String evidenceSha256, Optional<String> signature) {
  /** What the approver decided. */
  public enum Decision {
    /** The model may be promoted, as far as this approver is concerned. */
    APPROVE,
    /** The model must not be promoted: blocks the approvals rule. */
    REJECT;

    /** The JSON spelling: {@code approve} or {@code reject}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. */
  public Approval {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(evidenceSha256, "evidenceSha256");
    Objects.requireNonNull(signature, "signature");
  }

  /** An unsigned approval. */
  public Approval(String principal, String role, Decision decision, String rationale, Instant timestamp,
      String evidenceSha256) {
    this(principal, role, decision, rationale, timestamp, evidenceSha256, Optional.empty());
  }

  /** A copy carrying {@code base64Signature} (see {@link ApprovalSigner#sign(Approval, java.security.PrivateKey)}). */
  public Approval withSignature(String base64Signature) {
    return new Approval(principal, role, decision, rationale, timestamp, evidenceSha256, Optional.of(base64Signature));
  }

  /** The evidence form: {@code {principal, role, decision, rationale, timestamp, evidenceSha256, signature?}}. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder()
        .put("principal", principal)
        .put("role", role)
        .put("decision", decision.jsonName())
        .put("rationale", rationale)
        .put("timestamp", timestamp.toString())
        .put("evidenceSha256", evidenceSha256);
    signature.ifPresent(sig -> b.put("signature", sig));
    return b.build();
  }
}
