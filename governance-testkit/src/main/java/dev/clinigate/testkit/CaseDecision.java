package dev.clinigate.testkit;

import dev.clinigate.Decision;
import dev.clinigate.Inference;
import dev.clinigate.Policy;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import java.util.Objects;

/**
 * The decision one test case produced, for each kind of policy a {@code PolicyTest} suite can test. Switch on
 * {@link #kind()}, or test with {@code instanceof}:
 *
 * <pre>{@code
 * if (caseResult.decision().orElseThrow() instanceof CaseDecision.Rollback r) {
 *   System.out.print(r.decision().explain());
 * }
 * }</pre>
 */
public sealed interface CaseDecision permits CaseDecision.Promotion, CaseDecision.Rollback, CaseDecision.Review {

  /** The kind of the policy that decided. */
  Policy.Kind kind();

  /**
   * The outcome in one word: {@code GO} / {@code NO_GO} for a promotion policy, {@code HOLD} / {@code REAPPROVE} /
   * {@code ROLLBACK} / {@code DISABLE} for a rollback policy, the route ({@code AUTO}, {@code REVIEW}, {@code SECONDARY_REVIEW}, {@code BLOCK}) for a
   * review policy.
   */
  String verdict();

  /** The decision's plain-text explanation. */
  String explain();

  /**
   * A promotion policy's decision over the case's evidence.
   *
   * @param decision the decision
   */
  record Promotion(Decision decision) implements CaseDecision {
    /** Validates. */
    public Promotion {
      Objects.requireNonNull(decision, "decision");
    }

    @Override
    public Policy.Kind kind() {
      return Policy.Kind.PROMOTION_POLICY;
    }

    @Override
    public String verdict() {
      return decision.verdict().name();
    }

    @Override
    public String explain() {
      return decision.explain();
    }
  }

  /**
   * A rollback policy's decision over the case's monitoring windows.
   *
   * @param decision the decision
   */
  record Rollback(RollbackDecision decision) implements CaseDecision {
    /** Validates. */
    public Rollback {
      Objects.requireNonNull(decision, "decision");
    }

    @Override
    public Policy.Kind kind() {
      return Policy.Kind.ROLLBACK_POLICY;
    }

    @Override
    public String verdict() {
      return decision.verdict().name();
    }

    @Override
    public String explain() {
      return decision.explain();
    }
  }

  /**
   * A review policy's decision for the case's inference, with the inference (coverage needs to know whether it
   * was reviewed, which the hashed decision does not say).
   *
   * @param decision the decision
   * @param inference the inference routed
   */
  record Review(ReviewDecision decision, Inference inference) implements CaseDecision {
    /** Validates. */
    public Review {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(inference, "inference");
    }

    @Override
    public Policy.Kind kind() {
      return Policy.Kind.REVIEW_POLICY;
    }

    @Override
    public String verdict() {
      return decision.route().name();
    }

    @Override
    public String explain() {
      return decision.explain();
    }
  }
}
