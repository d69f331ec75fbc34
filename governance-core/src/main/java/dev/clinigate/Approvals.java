package dev.clinigate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who must sign off a promotion ({@code spec.approvals}).
 *
 * <p>Evidence lists approvals ({@code principal, role, decision: approve|reject, rationale, timestamp,
 * evidenceSha256}). An approval counts when it approves, has a rationale, signs this evidence's
 * {@link Evidence#subjectSha256() subject SHA-256}, is not older than {@code maxAge}, and (with separation
 * of duties) is not by the model's author. Every role must be filled by a different person when
 * separation of duties is on; at least {@code minApprovers} distinct people must approve; any
 * {@code reject} blocks.
 *
 * <pre>{@code
 * new Approvals(List.of("data-science-lead", "clinical-champion"), 2, true, Optional.of(Duration.ofDays(90)));
 * }</pre>
 *
 * @param roles the roles that must each be filled by an approval (may be empty: then any role counts)
 * @param minApprovers the smallest number of distinct approving people, &gt;= 1
 * @param separationOfDuties no approver is the model's author, and no person fills two roles
 * @param maxAge the oldest an approval may be at the evaluation time, if limited
 */
public record Approvals(List<String> roles, int minApprovers, boolean separationOfDuties, Optional<Duration> maxAge) {
  /** Validates and copies. */
  public Approvals {
    roles = List.copyOf(roles);
    Objects.requireNonNull(maxAge, "maxAge");
    if (new HashSet<>(roles).size() != roles.size()) {
      throw new IllegalArgumentException("approvals list a role twice: " + roles);
    }
    if (minApprovers < 1) {
      throw new IllegalArgumentException("minApprovers must be at least 1, found " + minApprovers);
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("maxAge must be positive, found " + maxAge.get());
    }
  }
}
