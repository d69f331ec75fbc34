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
 * (one per contract), {@code requires.shadow}, {@code requires.canary}, {@code requires.modelCard},
 * {@code requires.ab}, {@code requires.validation} (one per cohort).
 *
 * @param artifacts artifact names that must be present with a SHA-256 (e.g. {@code modelCard})
 * @param dataset the training-dataset requirement, if any
 * @param contracts data-contract names whose results must be {@code PASS}
 * @param shadow the shadow-deployment requirement, if any
 * @param canary the canary-deployment requirement, if any
 * @param enforcement how strictly all requirements are enforced
 * @param modelCard the model-card requirement, if any
 * @param ab the A/B-test outcome requirement ({@code deployment.ab}), if any
 * @param validation the validation cohorts the evidence must carry with pinned lineage
 *     ({@code temporal}, {@code external}: {@code validation.<cohort>}), in policy order
 */
public record Requirements(List<String> artifacts, Optional<Dataset> dataset, List<String> contracts,
    Optional<Shadow> shadow, Optional<Canary> canary, Enforcement enforcement, Optional<ModelCard> modelCard,
    Optional<Outcome> ab, List<String> validation) {

  /** Requirements without an A/B outcome or validation cohorts. */
  public Requirements(List<String> artifacts, Optional<Dataset> dataset, List<String> contracts,
      Optional<Shadow> shadow, Optional<Canary> canary, Enforcement enforcement, Optional<ModelCard> modelCard) {
    this(artifacts, dataset, contracts, shadow, canary, enforcement, modelCard, Optional.empty(), List.of());
  }

  /** Validates and copies. */
  public Requirements {
    artifacts = List.copyOf(artifacts);
    contracts = List.copyOf(contracts);
    validation = List.copyOf(validation);
    Objects.requireNonNull(ab, "ab");
    if (new HashSet<>(validation).size() != validation.size() || !MetricRule.COHORTS.containsAll(validation)) {
      throw new IllegalArgumentException("requires.validation lists distinct cohorts among temporal and external, "
          + "found " + validation);
    }
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
        && modelCard.isEmpty() && ab.isEmpty() && validation.isEmpty();
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
    ab.ifPresent(c -> ids.add("requires.ab"));
    if (!validation.isEmpty()) {
      ids.add("requires.validation");
    }
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
   * @param outcome what the canary must have shown (cases, agreement, override rate, performance against
   *     the control), {@link Outcome#none()} when only time and traffic are required
   */
  public record Canary(double maxTrafficPercent, OptionalLong minDays, Outcome outcome) {
    /** A canary requirement on time and traffic only. */
    public Canary(double maxTrafficPercent, OptionalLong minDays) {
      this(maxTrafficPercent, minDays, Outcome.none());
    }

    /** Validates. */
    public Canary {
      Objects.requireNonNull(outcome, "outcome");
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
   * What a live comparison (a canary, or an A/B test) must have shown against the control (the model or
   * workflow it would replace), read from {@code deployment.canary} or {@code deployment.ab}:
   * {@code cases}, {@code agreement}, {@code overrideRate} and {@code performance.<metric>}.
   *
   * @param minCases the fewest cases scored, if required
   * @param minAgreement the lowest agreement with the control in [0, 1], if required
   * @param maxOverrideRate the highest share of the candidate's outputs that clinicians overrode, in [0, 1], if
   *     required
   * @param nonInferior the performance metric that must be non-inferior to the control, if required
   */
  public record Outcome(OptionalLong minCases, OptionalDouble minAgreement, OptionalDouble maxOverrideRate,
      Optional<NonInferior> nonInferior) {
    /** Validates. */
    public Outcome {
      Objects.requireNonNull(minCases, "minCases");
      Objects.requireNonNull(minAgreement, "minAgreement");
      Objects.requireNonNull(maxOverrideRate, "maxOverrideRate");
      Objects.requireNonNull(nonInferior, "nonInferior");
      if (minCases.isPresent() && minCases.getAsLong() < 0) {
        throw new IllegalArgumentException("minCases must be >= 0, found " + minCases.getAsLong());
      }
      for (OptionalDouble r : List.of(minAgreement, maxOverrideRate)) {
        if (r.isPresent() && !(r.getAsDouble() >= 0 && r.getAsDouble() <= 1)) {
          throw new IllegalArgumentException("minAgreement and maxOverrideRate must be within [0, 1], found "
              + r.getAsDouble());
        }
      }
    }

    /** No outcome required. */
    public static Outcome none() {
      return new Outcome(OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
    }

    /**
     * The requirement as policies write it: {@code minCases}, {@code minAgreement}, {@code maxOverrideRate},
     * {@code nonInferior: {metric, margin}}, each only when required.
     */
    public dev.clinigate.json.JsonObject toJson() {
      dev.clinigate.json.JsonObject.Builder b = dev.clinigate.json.JsonObject.builder();
      minCases.ifPresent(v -> b.put("minCases", v));
      minAgreement.ifPresent(v -> b.put("minAgreement", v));
      maxOverrideRate.ifPresent(v -> b.put("maxOverrideRate", v));
      nonInferior.ifPresent(n -> b.put("nonInferior", dev.clinigate.json.JsonObject.builder()
          .put("metric", n.metric().key()).put("margin", n.margin()).build()));
      return b.build();
    }

    /** Whether nothing is required. */
    public boolean isEmpty() {
      return minCases.isEmpty() && minAgreement.isEmpty() && maxOverrideRate.isEmpty() && nonInferior.isEmpty();
    }
  }

  /**
   * The candidate's performance on a metric must be non-inferior to the control's: the lower 95% bound of
   * candidate - control above {@code -margin} (for an error metric, the upper bound below {@code +margin}).
   *
   * @param metric the metric key as the evidence spells it ({@code auroc}, {@code sensitivity@0.3}); it must
   *     have a better direction
   * @param margin the largest loss tolerated, &gt;= 0
   */
  public record NonInferior(MetricRef metric, double margin) {
    /** Validates. */
    public NonInferior {
      Objects.requireNonNull(metric, "metric");
      if (Direction.of(metric.name()) == Direction.NONE) {
        throw new IllegalArgumentException("nonInferior needs a metric where higher or lower is clearly better, and "
            + metric.name() + " is neither");
      }
      if (!(margin >= 0) || !Double.isFinite(margin)) {
        throw new IllegalArgumentException("nonInferior margin must be >= 0, found " + margin);
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
