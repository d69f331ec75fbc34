package dev.clinigate;

import java.time.Duration;
import dev.clinigate.internal.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who must sign off a promotion ({@code spec.approvals}).
 *
 * <p>Evidence lists approvals ({@code principal, role, decision: approve|reject, rationale, timestamp,
 * evidenceSha256}). An approval counts when it approves, has a rationale, signs this evidence's
 * {@link Evidence#subjectSha256() subject SHA-256}, is not older than {@code maxAge}, and (with separation
 * of duties) is not by the model's author; with {@code requireSignatures}, it must also carry a valid signature
 * by a principal of the roster who holds the role. Roles compare after NFKC, trimming and case folding. Every role must be filled by a different person when
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
 * @param requireSignatures an approval counts only when it is signed by a principal of the roster passed with
 *     {@link EvaluationOptions#withPrincipals(Roster)}, valid at the approval's timestamp and holding its role
 */
public record Approvals(List<String> roles, int minApprovers, boolean separationOfDuties, Optional<Duration> maxAge,
    boolean requireSignatures) {
  /** Validates and copies. */
  public Approvals {
    roles = List.copyOf(roles);
    Objects.requireNonNull(maxAge, "maxAge");
    if (roles.stream().map(r -> Identity.key(r).orElse("")).collect(Collectors.toSet()).size() != roles.size()) {
      throw new IllegalArgumentException("approvals list a role twice: " + roles);
    }
    if (minApprovers < 1) {
      throw new IllegalArgumentException("minApprovers must be at least 1, found " + minApprovers);
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("maxAge must be positive, found " + maxAge.get());
    }
  }

  /** Approvals that do not require signatures. */
  public Approvals(List<String> roles, int minApprovers, boolean separationOfDuties, Optional<Duration> maxAge) {
    this(roles, minApprovers, separationOfDuties, maxAge, false);
  }

  /**
   * What a policy of {@code tier} requires when it has no {@code approvals} section: nothing for {@code low} and
   * {@code medium}; for {@code high}, at least {@link RiskTier#minApproversFloor() 2} distinct approvers in any
   * role, separation of duties, and signatures ({@link RiskTier#requireSignaturesByDefault()}).
   */
  public static Optional<Approvals> tierDefault(RiskTier tier) {
    return tier == RiskTier.HIGH ? Optional.of(new Approvals(List.of(), tier.minApproversFloor(),
        tier.separationOfDutiesByDefault(), Optional.empty(), tier.requireSignaturesByDefault())) : Optional.empty();
  }
}
