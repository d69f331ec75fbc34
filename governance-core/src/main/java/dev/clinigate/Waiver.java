package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A waiver from the evidence that was found valid and applied to a failed result, turning it into
 * {@link Status#WAIVED}. Carried by the result ({@link RuleResult#waiver()}) so that the decision shows who
 * accepted the failure, why, and until when.
 *
 * @param rule the waived rule id
 * @param subject the waived subject (e.g. {@code site=east}), or empty when the waiver covers every subject
 * @param justification why the failure is accepted
 * @param approver the person who granted it
 * @param role the role under which it was granted
 * @param granted when it was granted
 * @param expires when it stops applying
 */
public record Waiver(String rule, Optional<String> subject, String justification, String approver, String role,
    Instant granted, Instant expires) {
  /** Validates. */
  public Waiver {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(granted, "granted");
    Objects.requireNonNull(expires, "expires");
    if (!expires.isAfter(granted)) {
      throw new IllegalArgumentException("a waiver must expire after it is granted, found " + granted + " to "
          + expires);
    }
  }

  /** {@code {"rule","subject","justification","approver","role","granted","expires"}}. */
  public JsonObject toJson() {
    return JsonObject.builder()
        .put("rule", rule)
        .put("subject", subject.orElse(null))
        .put("justification", justification)
        .put("approver", approver)
        .put("role", role)
        .put("granted", granted.toString())
        .put("expires", expires.toString())
        .build();
  }
}
