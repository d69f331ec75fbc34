package dev.clinigate.dsl.internal;

import dev.clinigate.ChangeEnvelope;
import dev.clinigate.ConditionRule;
import dev.clinigate.Enforcement;
import dev.clinigate.GapRule;
import dev.clinigate.MetricRule;
import dev.clinigate.NetBenefitRule;
import dev.clinigate.PolicyException;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.Problem;
import dev.clinigate.Rule;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * YAML text to a compiled {@link ChangeEnvelope}. Design note: the criteria are the promotion policy's
 * gates, validated against the same schema definition (inlined from {@code promotion-policy.schema.json})
 * and compiled by {@link PolicyCompiler}, so a criterion means exactly what the same gate means in a
 * policy; each is then made hard, because frozen criteria are never waived (writing another enforcement is
 * an error rather than silently overridden).
 */
public final class EnvelopeCompiler {
  private static final SchemaValidator SCHEMA =
      SchemaValidator.forResource("/dev/clinigate/dsl/change-envelope.schema.json");

  private EnvelopeCompiler() {}

  /** Compiles a change envelope, or throws with every problem found. */
  public static ChangeEnvelope compile(String text, String sourceName) {
    JsonDocument doc = Yaml.parse(text, sourceName);
    if (!(doc.root() instanceof JsonObject root)) {
      throw new PolicyException(doc.problem("$", "a change envelope must be a mapping with apiVersion, kind, metadata "
          + "and spec", "start with: apiVersion: clinigate/v1"));
    }
    if (root.members().get("kind") instanceof JsonString k && !k.value().equals("ChangeEnvelope")) {
      throw new PolicyException(doc.problem("$.kind", "expected kind ChangeEnvelope, found " + k.value(),
          "--envelope takes a ChangeEnvelope; the " + k.value() + " goes to --policy"));
    }
    List<Problem> problems = new ArrayList<>(SCHEMA.validate(doc));
    JsonObject m = obj(root, "metadata");
    JsonObject spec = obj(root, "spec");
    PolicyMetadata metadata = null;
    if (m != null && str(m, "name") != null) {
      JsonValue v = m.members().get("version");
      String version = v instanceof JsonString s ? s.value() : v instanceof JsonNumber n && n.integral()
          ? Long.toString(n.longValue()) : null;
      if (version != null) {
        metadata = new PolicyMetadata(str(m, "name"), version, Optional.empty(), Optional.empty());
      }
    }
    List<ChangeEnvelope.Modification> modifications = new ArrayList<>();
    List<Rule> criteria = new ArrayList<>();
    Optional<ChangeEnvelope.EnvelopeApprovals> approvals = Optional.empty();
    if (spec != null) {
      if (spec.members().get("modifications") instanceof JsonArray mods) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < mods.size(); i++) {
          String path = "$.spec.modifications[" + i + "]";
          if (!(mods.get(i) instanceof JsonObject mo) || str(mo, "type") == null
              || !str(mo, "type").matches("[a-z0-9][a-z0-9-]*")) {
            continue; // the schema reported it
          }
          String type = str(mo, "type");
          Integer first = seen.putIfAbsent(type, i);
          if (first != null) {
            problems.add(doc.problem(Json.childPath(path, "type"), "modification type \"" + type + "\" is listed twice",
                "list each type once; the first is modifications[" + first + "]"));
            continue;
          }
          OptionalDouble lo = OptionalDouble.empty();
          OptionalDouble hi = OptionalDouble.empty();
          if (mo.members().get("thresholdRange") instanceof JsonArray r && r.size() == 2
              && r.get(0) instanceof JsonNumber a && r.get(1) instanceof JsonNumber b) {
            if (a.value() > b.value()) {
              problems.add(doc.problem(Json.childPath(path, "thresholdRange"), "thresholdRange [" + Json.number(a)
                  + ", " + Json.number(b) + "] has its lower end above its upper end", "write the smaller number first"));
              continue;
            }
            if (!(a.value() >= 0 && b.value() <= 1)) {
              continue; // the schema reported it
            }
            lo = OptionalDouble.of(a.value());
            hi = OptionalDouble.of(b.value());
          }
          modifications.add(new ChangeEnvelope.Modification(type, lo, hi));
        }
      }
      if (spec.members().get("criteria") instanceof JsonArray gates) {
        for (int i = 0; i < gates.size(); i++) {
          if (gates.get(i) instanceof JsonObject g && g.members().get("enforcement") instanceof JsonString e
              && !e.value().equals("hard")) {
            problems.add(doc.problem("$.spec.criteria[" + i + "].enforcement", "a frozen criterion is always hard, "
                + "found enforcement: " + e.value(), "remove enforcement: criteria of a change envelope are never "
                + "waived and always block"));
          }
        }
        for (Rule r : PolicyCompiler.gates(doc, gates, "$.spec.criteria", problems)) {
          criteria.add(hard(r));
        }
      }
      JsonObject a = obj(spec, "approvals");
      if (a != null) {
        List<String> roles = new ArrayList<>();
        if (a.members().get("roles") instanceof JsonArray ra) {
          ra.elements().stream().filter(x -> x instanceof JsonString).forEach(x -> roles.add(((JsonString) x).value()));
        }
        int min = a.members().get("minApprovers") instanceof JsonNumber n && n.integral() && n.value() >= 1
            ? (int) Math.min(Integer.MAX_VALUE, n.longValue()) : Math.max(1, roles.size());
        if (roles.size() == new java.util.HashSet<>(roles).size()) {
          approvals = Optional.of(new ChangeEnvelope.EnvelopeApprovals(roles, min));
        }
      }
    }
    if (!problems.isEmpty() || metadata == null || spec == null || str(spec, "policy") == null
        || modifications.isEmpty() || criteria.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add(doc.problem("$", "the change envelope is incomplete", "see docs/policy-language.md#change-envelopes"));
      }
      throw new PolicyException(List.copyOf(new TreeSet<>(problems)));
    }
    try {
      return new ChangeEnvelope(metadata, str(spec, "policy"), modifications, criteria, approvals);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(doc.problem("$.spec", e.getMessage(), "see docs/policy-language.md#change-envelopes"));
    }
  }

  /** The same rule, hard. */
  private static Rule hard(Rule r) {
    return switch (r.type()) {
      case METRIC -> {
        MetricRule m = (MetricRule) r;
        yield new MetricRule(m.id(), m.metric(), m.limits(), m.subgroups(), m.baseline(), Enforcement.HARD,
            m.failOnInsufficientData(), m.cohort());
      }
      case GAP -> {
        GapRule g = (GapRule) r;
        yield new GapRule(g.id(), g.metric(), g.subgroups(), g.maxGap(), Enforcement.HARD, g.failOnInsufficientData());
      }
      case CONDITION -> new ConditionRule(r.id(), ((ConditionRule) r).condition(), Enforcement.HARD);
      case NET_BENEFIT -> {
        NetBenefitRule n = (NetBenefitRule) r;
        yield new NetBenefitRule(n.id(), n.from(), n.to(), n.step(), n.bound(), n.cohort(), Enforcement.HARD);
      }
    };
  }

  private static JsonObject obj(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonObject x ? x : null;
  }

  private static String str(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }
}
