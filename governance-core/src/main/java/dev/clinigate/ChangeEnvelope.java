package dev.clinigate;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A predetermined change control plan (FDA PCCP-style) for a promotion policy ({@code kind:
 * ChangeEnvelope}): the modification types a model may undergo without a new approval cycle, and the
 * acceptance criteria, frozen in advance, that every such modification must meet per population.
 *
 * <p>Evaluated with a promotion policy ({@link PromotionPolicy#evaluate(Evidence, EvaluationOptions,
 * ChangeEnvelope)}, {@code clinigate evaluate --envelope E.yaml}), it adds the result {@code envelope}
 * (the evidence's declared {@code change} is one of the allowed modifications) and one hard result
 * {@code envelope:<criterion>} per frozen criterion. A candidate outside the envelope (another
 * modification type, a threshold outside its range, a missing change declaration, a missed criterion) is
 * {@code NO_GO}, and the results name the envelope and the criterion. Inside it, the approvals the envelope
 * states replace the policy's (see {@link EnvelopeApprovals}).
 *
 * <pre>{@code
 * ChangeEnvelope env = PolicyYaml.loadEnvelope(Path.of("envelope.yaml"));
 * Decision d = policy.evaluate(evidence, EvaluationOptions.at(at), env);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param metadata the envelope's name and version (its risk tier is not used)
 * @param policy the {@code metadata.name} of the promotion policy the envelope belongs to
 * @param modifications the allowed modification types, in declared order
 * @param criteria the frozen acceptance criteria: gates in the promotion policy's grammar, all hard
 * @param approvals the approvals that suffice inside the envelope, if it relaxes them
 */
public record ChangeEnvelope(PolicyMetadata metadata, String policy, List<Modification> modifications,
    List<Rule> criteria, Optional<EnvelopeApprovals> approvals) {

  /** Validates and copies. */
  public ChangeEnvelope {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(approvals, "approvals");
    modifications = List.copyOf(modifications);
    criteria = List.copyOf(criteria);
    if (policy.isBlank()) {
      throw new IllegalArgumentException("a change envelope names the promotion policy it belongs to");
    }
    if (modifications.isEmpty() || criteria.isEmpty()) {
      throw new IllegalArgumentException("a change envelope needs at least one modification and one criterion");
    }
    Set<String> types = new HashSet<>();
    for (Modification m : modifications) {
      if (!types.add(m.type())) {
        throw new IllegalArgumentException("modification type \"" + m.type() + "\" is listed twice");
      }
    }
    Set<String> ids = new HashSet<>();
    for (Rule r : criteria) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate criterion id \"" + r.id() + "\"");
      }
      if (r.enforcement() != Enforcement.HARD) {
        throw new IllegalArgumentException("criterion " + r.id() + " must be hard: frozen criteria cannot be waived");
      }
    }
  }

  /** The modification of this type, if the envelope allows it. */
  public Optional<Modification> modification(String type) {
    return modifications.stream().filter(m -> m.type().equals(type)).findFirst();
  }

  /** {@code name v<version>}, as results name the envelope. */
  public String label() {
    return metadata.name() + " v" + metadata.version();
  }

  /** The canonical envelope document (criteria as the promotion policy writes gates). */
  public JsonObject toJson() {
    List<JsonValue> mods = new ArrayList<>();
    for (Modification m : modifications) {
      JsonObject.Builder b = JsonObject.builder().put("type", m.type());
      if (m.hasThresholdRange()) {
        b.put("thresholdRange", new JsonArray(List.of(dev.clinigate.json.JsonNumber.of(m.lowest().getAsDouble()),
            dev.clinigate.json.JsonNumber.of(m.highest().getAsDouble()))));
      }
      mods.add(b.build());
    }
    JsonObject gates = PromotionPolicy.builder(metadata).rules(criteria).build().toJson();
    JsonObject.Builder spec = JsonObject.builder().put("policy", policy).put("modifications", new JsonArray(mods))
        .put("criteria", ((JsonObject) gates.members().get("spec")).members().get("gates"));
    approvals.ifPresent(a -> spec.put("approvals", JsonObject.builder().put("roles", JsonArray.ofStrings(a.roles()))
        .put("minApprovers", a.minApprovers()).build()));
    return JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", "ChangeEnvelope")
        .put("metadata", JsonObject.builder().put("name", metadata.name()).put("version", metadata.versionJson()).build())
        .put("spec", spec.build()).build();
  }

  /** The SHA-256 of the canonical envelope, recorded in the {@code envelope} result's bound. */
  public String sha256() {
    return Json.sha256(toJson());
  }

  /**
   * One modification type allowed without a new approval cycle, e.g. {@code retrain-same-architecture},
   * {@code recalibration}, {@code threshold-change}, {@code new-site} (the names are the plan's own).
   *
   * @param type the type, as the evidence's {@code change.type} spells it
   * @param lowest for a threshold change: the lowest new decision threshold ({@code change.threshold}), if
   *     limited (written {@code thresholdRange: [lowest, highest]})
   * @param highest the highest new decision threshold, if limited
   */
  public record Modification(String type, OptionalDouble lowest, OptionalDouble highest) {
    /** An allowed type without a threshold range. */
    public Modification(String type) {
      this(type, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** Validates. */
    public Modification {
      Objects.requireNonNull(type, "type");
      if (!type.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("a modification type uses lower-case letters, digits and '-', found \""
            + type + "\"");
      }
      if (lowest.isPresent() != highest.isPresent() || (lowest.isPresent() && !(lowest.getAsDouble() >= 0
          && lowest.getAsDouble() <= highest.getAsDouble() && highest.getAsDouble() <= 1))) {
        throw new IllegalArgumentException("thresholdRange must be [lo, hi] with 0 <= lo <= hi <= 1");
      }
    }

    /** Whether the new decision threshold is limited to a range. */
    public boolean hasThresholdRange() {
      return lowest.isPresent();
    }
  }

  /**
   * The approvals that suffice for a change inside the envelope: the roles (a subset of the policy's
   * {@code approvals.roles}) and the fewest approvers, which the policy's risk-tier floor still bounds
   * below. Separation of duties, {@code maxAge} and every other approval rule stay the policy's.
   *
   * @param roles the roles that must each approve (may be empty: then any of the policy's roles counts)
   * @param minApprovers the fewest distinct approving people, &gt;= 1
   */
  public record EnvelopeApprovals(List<String> roles, int minApprovers) {
    /** Validates and copies. */
    public EnvelopeApprovals {
      roles = List.copyOf(roles);
      if (new HashSet<>(roles).size() != roles.size()) {
        throw new IllegalArgumentException("envelope approvals list a role twice: " + roles);
      }
      if (minApprovers < 1) {
        throw new IllegalArgumentException("minApprovers must be at least 1, found " + minApprovers);
      }
    }
  }
}
