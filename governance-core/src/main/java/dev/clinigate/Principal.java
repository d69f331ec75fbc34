package dev.clinigate;

import dev.clinigate.internal.Identity;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person in a {@link Roster}: who they are, the roles they may approve under, when their entry is valid
 * and the Ed25519 public key their approvals must verify with.
 *
 * <pre>{@code
 * Principal bob = new Principal("bob", "Dr. Bob Ahmed", List.of("data-science-lead"),
 *     Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), SigningKeys.publicKey(pem, "roster.yaml"));
 * }</pre>
 *
 * <p>Identifiers and roles compare as people read them ({@code J.Patel} is {@code j.patel}; see the policy
 * language's "Identity of people"): Unicode NFKC, invisible characters removed, white space trimmed, case folded.
 *
 * @param id the person's identifier, as approvals name it in {@code principal}
 * @param displayName the name shown to people
 * @param roles the roles the person may approve under (at least one)
 * @param validFrom the first instant the entry is valid (inclusive)
 * @param validUntil the instant the entry stops being valid (exclusive), if it ends
 * @param publicKey the person's Ed25519 public key
 */
public record Principal(String id, String displayName, List<String> roles, Instant validFrom,
    Optional<Instant> validUntil, PublicKey publicKey) {
  /** Validates and copies. */
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    roles = List.copyOf(roles);
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(publicKey, "publicKey");
    if (Identity.blank(id)) {
      throw new IllegalArgumentException("a principal needs an id");
    }
    if (roles.isEmpty() || roles.stream().anyMatch(Identity::blank)) {
      throw new IllegalArgumentException("principal " + id + " needs at least one non-blank role");
    }
    if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
      throw new IllegalArgumentException("principal " + id + ": validUntil " + validUntil.get()
          + " must be after validFrom " + validFrom);
    }
    if (!"Ed25519".equals(publicKey.getAlgorithm()) && !"EdDSA".equals(publicKey.getAlgorithm())) {
      throw new IllegalArgumentException("principal " + id + ": the public key must be Ed25519, found "
          + publicKey.getAlgorithm());
    }
  }

  /** Whether the person holds {@code role} (compared after NFKC, trimming and case folding). */
  public boolean holds(String role) {
    return roles.stream().anyMatch(r -> Identity.same(r, role));
  }

  /** Whether the entry is valid at {@code t}: {@code validFrom <= t < validUntil}. */
  public boolean validAt(Instant t) {
    return !t.isBefore(validFrom) && (validUntil.isEmpty() || t.isBefore(validUntil.get()));
  }
}
