package dev.clinigate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host supplies to an evaluation besides the policy and its inputs: the evaluation time (never
 * read from the wall clock; needed for waiver expiry and approval age, bounds the windows of a rollback
 * evaluation, and recorded in every decision) and, optionally, a verifier of artifact bytes (read by
 * promotion policies only). The same options serve {@link PromotionPolicy#evaluate(Evidence,
 * EvaluationOptions)}, {@link RollbackPolicy#evaluate(java.util.List, EvaluationOptions)} and
 * {@link ReviewPolicy#evaluate(Inference, EvaluationOptions)}.
 *
 * <pre>{@code
 * EvaluationOptions o = EvaluationOptions.at(Clock.systemUTC()).withArtifacts(ArtifactVerifier.directory(dir));
 * }</pre>
 *
 * @param at the evaluation time, if any; rules that need time fail closed without one
 * @param artifacts verifies the bytes of required artifacts, if any
 * @param modelCard the model card checked by {@code requires.modelCard}, if any
 */
public record EvaluationOptions(Optional<Instant> at, Optional<ArtifactVerifier> artifacts,
    Optional<ModelCardCheck> modelCard) {
  /** Validates. */
  public EvaluationOptions {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(modelCard, "modelCard");
  }

  /** Options without a model card. */
  public EvaluationOptions(Optional<Instant> at, Optional<ArtifactVerifier> artifacts) {
    this(at, artifacts, Optional.empty());
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
    return new EvaluationOptions(at, Optional.of(verifier), modelCard);
  }

  /**
   * A copy that supplies the model card a policy's {@code requires.modelCard} checks (e.g. governance-reports'
   * {@code dev.clinigate.reports.card.ModelCard}).
   */
  public EvaluationOptions withModelCard(ModelCardCheck card) {
    return new EvaluationOptions(at, artifacts, Optional.of(card));
  }
}
