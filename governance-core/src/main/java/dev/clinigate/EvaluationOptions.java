package dev.clinigate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host supplies to an evaluation besides the policy and its inputs: the evaluation time (never
 * read from the wall clock; needed for waiver expiry and approval age, bounds the windows of a rollback
 * evaluation, and recorded in every decision) and, optionally, a verifier of artifact bytes, a model card and a
 * roster of principals for signed approvals (all three read by promotion policies only). The same options serve
 * {@link PromotionPolicy#evaluate(Evidence, EvaluationOptions)}, {@link RollbackPolicy#evaluate(java.util.List,
 * EvaluationOptions)} and {@link ReviewPolicy#evaluate(Inference, EvaluationOptions)}.
 *
 * <pre>{@code
 * EvaluationOptions o = EvaluationOptions.at(Clock.systemUTC()).withArtifacts(ArtifactVerifier.directory(dir));
 * }</pre>
 *
 * @param at the evaluation time, if any; rules that need time fail closed without one
 * @param artifacts verifies the bytes of required artifacts, if any
 * @param modelCard the model card checked by {@code requires.modelCard}, if any
 * @param principals the roster that signed approvals are verified against, if any (without one, a policy that
 *     requires signed approvals fails its approvals closed)
 */
public record EvaluationOptions(Optional<Instant> at, Optional<ArtifactVerifier> artifacts,
    Optional<ModelCardCheck> modelCard, Optional<Roster> principals) {
  /** Validates. */
  public EvaluationOptions {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(modelCard, "modelCard");
    Objects.requireNonNull(principals, "principals");
  }

  /** Options without a roster of principals. */
  public EvaluationOptions(Optional<Instant> at, Optional<ArtifactVerifier> artifacts,
      Optional<ModelCardCheck> modelCard) {
    this(at, artifacts, modelCard, Optional.empty());
  }

  /** Options without a model card or a roster of principals. */
  public EvaluationOptions(Optional<Instant> at, Optional<ArtifactVerifier> artifacts) {
    this(at, artifacts, Optional.empty(), Optional.empty());
  }

  /** No evaluation time and no artifact verification. */
  public static EvaluationOptions none() {
    return new EvaluationOptions(Optional.empty(), Optional.empty());
  }

  /** Evaluation at the given instant. */
  public static EvaluationOptions at(Instant at) {
    return new EvaluationOptions(Optional.of(at), Optional.empty());
  }

  /** Evaluation at the clock's current instant (read once). */
  public static EvaluationOptions at(Clock clock) {
    return at(Instant.now(clock));
  }

  /** A copy that verifies artifacts with the given verifier. */
  public EvaluationOptions withArtifacts(ArtifactVerifier verifier) {
    return new EvaluationOptions(at, Optional.of(verifier), modelCard, principals);
  }

  /**
   * A copy that supplies the model card a policy's {@code requires.modelCard} checks (e.g. governance-reports'
   * {@code dev.clinigate.reports.card.ModelCard}).
   */
  public EvaluationOptions withModelCard(ModelCardCheck card) {
    return new EvaluationOptions(at, artifacts, Optional.of(card), principals);
  }

  /** A copy that verifies signed approvals against {@code roster}. */
  public EvaluationOptions withPrincipals(Roster roster) {
    return new EvaluationOptions(at, artifacts, modelCard, Optional.of(roster));
  }
}
