package dev.clinigate;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit-ready record of routing one inference: the route, whether action may proceed, the rule that
 * decided and why (with the condition's clauses and their observed values), the SHA-256 of the canonical
 * inference (inputs are hashed, never copied), the model version, and the policy's identity and SHA-256.
 *
 * @param outcome the route, rule and reason
 * @param rule the rule that decided, when a rule did (not the default or a required field)
 * @param message one or two plain sentences
 * @param clauses the decisive condition's comparisons with their values, e.g. {@code score 0.93 >= 0.85 is true}
 * @param policy the policy's metadata
 * @param policySha256 SHA-256 of the canonical policy
 * @param inferenceSha256 SHA-256 of the canonical inference
 * @param inferenceId the host's inference id, when given
 * @param modelVersion the model version, when given
 * @param evaluatedAt the evaluation time the caller supplied
 */
public record ReviewDecision(ReviewOutcome outcome, Optional<ReviewRule> rule, String message, List<String> clauses,
    PolicyMetadata policy, String policySha256, String inferenceSha256, Optional<String> inferenceId,
    Optional<String> modelVersion, Optional<Instant> evaluatedAt) {

  /** Validates and copies. */
  public ReviewDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    clauses = List.copyOf(clauses);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policySha256, "policySha256");
    Objects.requireNonNull(inferenceSha256, "inferenceSha256");
    Objects.requireNonNull(inferenceId, "inferenceId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
  }

  /** The route. */
  public Route route() {
    return outcome.route();
  }

  /**
   * The record as JSON: {@code route, proceed, reason, rule {id, when, route, approvers}, message, clauses,
   * policy {kind, name, version, sha256}, inference {id, sha256, modelVersion}, evaluatedAt,
   * clinigate {version}}.
   */
  public JsonObject toJson() {
    JsonObject.Builder r = JsonObject.builder().put("id", outcome.ruleId());
    rule.ifPresent(x -> r.put("when", x.when()).put("route", x.route().name())
        .put("approvers", JsonArray.ofStrings(x.approvers())));
    JsonObject.Builder b = JsonObject.builder()
        .put("route", outcome.route().name())
        .put("proceed", outcome.proceed())
        .put("reason", outcome.reason().name())
        .put("rule", r.build())
        .put("message", message)
        .put("clauses", JsonArray.ofStrings(clauses))
        .put("inference", JsonObject.builder().put("id", inferenceId.orElse(null)).put("sha256", inferenceSha256)
            .put("modelVersion", modelVersion.orElse(null)).build());
    return DecisionText.provenance(b, policy, Policy.Kind.REVIEW_POLICY.yamlName(), policySha256, evaluatedAt)
        .build();
  }

  /** Canonical JSON (sorted keys, no whitespace): one line of a JSON Lines audit trail. */
  public String toCanonicalJson() {
    return Json.canonical(toJson());
  }

  /** A plain-text explanation: route, message, clauses and provenance. */
  public String explain() {
    StringBuilder b = new StringBuilder();
    b.append(outcome.route().name()).append(outcome.proceed() ? " (may proceed)" : " (must not proceed yet)")
        .append(DecisionText.titlePolicy(policy, Policy.Kind.REVIEW_POLICY.yamlName())).append(", rule ")
        .append(outcome.ruleId()).append('\n').append('\n').append(message).append('\n');
    for (String c : clauses) {
      b.append("  ").append(c).append('\n');
    }
    b.append('\n');
    inferenceId.ifPresent(v -> b.append("inference ").append(v).append('\n'));
    modelVersion.ifPresent(v -> b.append("model version ").append(v).append('\n'));
    DecisionText.hashes(b, List.of(new DecisionText.Hash("policy", policySha256),
        new DecisionText.Hash("inference", inferenceSha256)), evaluatedAt);
    return b.toString();
  }
}
