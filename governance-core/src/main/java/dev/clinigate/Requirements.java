package dev.clinigate;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What must be true of the model's lineage and deployment history before promotion
 * ({@code spec.requires}). Each declared requirement gives results with a fixed id:
 * {@code requires.artifacts} (one per artifact), {@code requires.dataset}, {@code requires.contracts}
 * (one per contract), {@code requires.shadow}, {@code requires.canary}, {@code requires.modelCard}.
 *
 * @param artifacts artifact names that must be present with a SHA-256 (e.g. {@code modelCard})
 * @param dataset the training-dataset requirement, if any
 * @param contracts data-contract names whose results must be {@code PASS}
 * @param shadow the shadow-deployment requirement, if any
 * @param canary the canary-deployment requirement, if any
 * @param enforcement how strictly all requirements are enforced
 * @param modelCard the model-card requirement, if any
 */
public record Requirements(List<String> artifacts, Optional<Dataset> dataset, List<String> contracts,
    Optional<Shadow> shadow, Optional<Canary> canary, Enforcement enforcement, Optional<ModelCard> modelCard) {

  /** Validates and copies. */
  public Requirements {
    artifacts = List.copyOf(artifacts);
    contracts = List.copyOf(contracts);
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(shadow, "shadow");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(enforcement, "enforcement");
    Objects.requireNonNull(modelCard, "modelCard");
    if (new HashSet<>(artifacts).size() != artifacts.size()) {
      throw new IllegalArgumentException("requires.artifacts lists an artifact twice: " + artifacts);
    }
    if (new HashSet<>(contracts).size() != contracts.size()) {
      throw new IllegalArgumentException("requires.contracts lists a contract twice: " + contracts);
    }
  }

  /** Requirements without a model card. */
  public Requirements(List<String> artifacts, Optional<Dataset> dataset, List<String> contracts,
      Optional<Shadow> shadow, Optional<Canary> canary, Enforcement enforcement) {
    this(artifacts, dataset, contracts, shadow, canary, enforcement, Optional.empty());
  }

  /** No requirements. */
  public static Requirements none() {
    return new Requirements(List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
        Enforcement.MANDATORY);
  }

  /** Whether nothing is required. */
  public boolean isEmpty() {
    return artifacts.isEmpty() && dataset.isEmpty() && contracts.isEmpty() && shadow.isEmpty() && canary.isEmpty()
        && modelCard.isEmpty();
  }

  /** The result ids these requirements produce, in evaluation order. */
  public List<String> resultIds() {
    List<String> ids = new java.util.ArrayList<>();
    if (!artifacts.isEmpty()) {
      ids.add("requires.artifacts");
    }
    dataset.ifPresent(d -> ids.add("requires.dataset"));
    if (!contracts.isEmpty()) {
      ids.add("requires.contracts");
    }
    shadow.ifPresent(s -> ids.add("requires.shadow"));
    canary.ifPresent(c -> ids.add("requires.canary"));
    modelCard.ifPresent(m -> ids.add("requires.modelCard"));
    return List.copyOf(ids);
  }

  /**
   * The training dataset must come from an approved source and be pinned to a version.
   *
   * @param approvedSources glob patterns over the dataset id: {@code *} matches any characters,
   *     {@code ?} one character
   */
  public record Dataset(List<String> approvedSources) {
    /** Validates and copies. */
    public Dataset {
      approvedSources = List.copyOf(approvedSources);
      if (approvedSources.isEmpty()) {
        throw new IllegalArgumentException("requires.dataset.approvedSources must not be empty");
      }
    }
  }

  /**
   * The model must have run in shadow mode (scoring live cases without acting) long enough.
   *
   * @param minDays the fewest days in shadow
   * @param minCases the fewest cases scored in shadow
   * @param minAgreement the lowest agreement with the production model, if required (in [0, 1])
   */
  public record Shadow(long minDays, long minCases, OptionalDouble minAgreement) {
    /** Validates. */
    public Shadow {
      if (minDays < 0 || minCases < 0) {
        throw new IllegalArgumentException("shadow minDays and minCases must be >= 0, found " + minDays + " and "
            + minCases);
      }
      if (minAgreement.isPresent() && !(minAgreement.getAsDouble() >= 0 && minAgreement.getAsDouble() <= 1)) {
        throw new IllegalArgumentException("shadow minAgreement must be within [0, 1], found "
            + minAgreement.getAsDouble());
      }
    }
  }

  /**
   * The model must have run as a canary (acting on a small share of traffic) long enough, on no more
   * than the allowed share.
   *
   * @param maxTrafficPercent the largest share of traffic the canary may have had, in percent
   * @param minDays the fewest days as a canary, if required
   */
  public record Canary(double maxTrafficPercent, OptionalLong minDays) {
    /** Validates. */
    public Canary {
      if (!(maxTrafficPercent > 0 && maxTrafficPercent <= 100)) {
        throw new IllegalArgumentException("canary maxTrafficPercent must be within (0, 100], found "
            + maxTrafficPercent);
      }
      if (minDays.isPresent() && minDays.getAsLong() < 0) {
        throw new IllegalArgumentException("canary minDays must be >= 0, found " + minDays.getAsLong());
      }
    }
  }

  /**
   * A model card must be supplied ({@link EvaluationOptions#withModelCard}), complete for a shipped disclosure
   * standard, and its numbers must equal the evidence being evaluated.
   *
   * @param standard the standard's id, e.g. {@code hti1-dsi-2024}
   */
  public record ModelCard(String standard) {
    /** Validates. */
    public ModelCard {
      Objects.requireNonNull(standard, "standard");
      if (standard.isBlank()) {
        throw new IllegalArgumentException("requires.modelCard.standard must not be blank");
      }
    }
  }
}
