package dev.clinigate;

import java.util.Optional;

/** The fields of an {@link Inference} that a {@link ReviewPolicy} can require. */
public enum InferenceField {
  /** {@code encounterId}. */
  ENCOUNTER_ID("encounterId", "encounter id"),
  /** {@code modelVersion}. */
  MODEL_VERSION("modelVersion", "model version"),
  /** {@code inferenceId}. */
  INFERENCE_ID("inferenceId", "inference id"),
  /** {@code score}. */
  SCORE("score", "model score"),
  /** {@code output}. */
  OUTPUT("output", "model output"),
  /** {@code review.reviewerId}. */
  REVIEWER_ID("reviewerId", "reviewer id"),
  /** {@code review.role}. */
  ROLE("role", "reviewer role"),
  /** {@code review.decision}. */
  DECISION("decision", "reviewer decision"),
  /** {@code review.rationale} with a non-blank code. */
  RATIONALE("rationale", "structured rationale");

  private final String jsonName;
  private final String description;

  InferenceField(String jsonName, String description) {
    this.jsonName = jsonName;
    this.description = description;
  }

  /** The spelling in policies and inference JSON. */
  public String jsonName() {
    return jsonName;
  }

  /** Words for messages: {@code reviewer id}. */
  public String description() {
    return description;
  }

  /** Whether the inference carries this field. Allocation-free. */
  public boolean present(Inference in) {
    return switch (this) {
      case ENCOUNTER_ID -> in.encounterId().isPresent();
      case MODEL_VERSION -> in.modelVersion().isPresent();
      case INFERENCE_ID -> in.inferenceId().isPresent();
      case SCORE -> in.score().isPresent();
      case OUTPUT -> in.output().isPresent();
      case REVIEWER_ID -> in.review().isPresent() && in.review().get().reviewerId().isPresent();
      case ROLE -> in.review().isPresent() && in.review().get().role().isPresent();
      case DECISION -> in.review().isPresent() && in.review().get().decision().isPresent();
      case RATIONALE -> in.review().isPresent() && in.review().get().rationale().isPresent();
    };
  }

  /** The field with this spelling, if any. */
  public static Optional<InferenceField> parse(String s) {
    for (InferenceField f : values()) {
      if (f.jsonName.equals(s)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
