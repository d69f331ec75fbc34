package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the governance checks over random rich policies (gates, stages, requirements, approvals,
 * waivers, risk tiers) and random evidence, half of it built to pass:
 * <ul>
 *   <li>adding an approval that is not a reject never turns GO into NO_GO (whoever gives it, for whatever
 *       role, signing whatever, with or without a rationale, however old);</li>
 *   <li>removing any piece of evidence (any member or array element, at any depth) never turns NO_GO into
 *       GO. Four removals are outside the property by design: a {@code reject} (withdrawing a rejection is
 *       how a rejection is resolved); a whole subgroup from {@code groups.<column>} and a whole feature from
 *       a drift report (the evidence enumerates its subgroups and features; the engine judges the ones it
 *       is given); and the whole {@code stage} member (evidence that names no stage, such as a bare metrics
 *       report, has its transition reported as not checked rather than blocked; a partial stage still
 *       blocks).</li>
 * </ul>
 * Evidence that no longer loads (e.g. a thresholds entry without its threshold) counts as not GO.
 */
class GovernancePropertiesTest {
  private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> ROLES = List.of("data-science-lead", "clinical-champion", "compliance");
  private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "dan", "erin");

  @Property(tries = 400)
  void addingAnApproval_neverTurnsGoIntoNoGo(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Scenario s = Scenario.random(r);
    Decision before = s.evaluate(s.evidence);
    Statistics.label("before").collect(before.verdict());
    Statistics.label("before").coverage(c -> c.check(Verdict.GO).percentage(p -> p > 15));
    JsonObject extra = s.approval(r, "approve", s.subjectSha());
    Decision after = s.evaluate(withAppended(s.evidence, "approvals", extra));
    if (before.isGo()) {
      assertEquals(Verdict.GO, after.verdict(), () -> "adding " + extra + " to a GO decision gave:\n" + after.explain());
    }
  }

  @Property(tries = 400)
  void removingAnyPieceOfEvidence_neverTurnsNoGoIntoGo(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Scenario s = Scenario.random(r);
    Decision before = s.evaluate(s.evidence);
    List<List<Object>> pieces = new ArrayList<>();
    removable(s.evidence, new ArrayList<>(), pieces);
    Statistics.label("before").collect(before.verdict());
    Statistics.label("before").coverage(c -> c.check(Verdict.NO_GO).percentage(p -> p > 15));
    if (before.isGo() || pieces.isEmpty()) {
      return;
    }
    for (int k = 0; k < 8; k++) {
      List<Object> piece = pieces.get(r.nextInt(pieces.size()));
      JsonObject smaller = (JsonObject) remove(s.evidence, piece, 0);
      Optional<Decision> after = s.tryEvaluate(smaller);
      assertFalse(after.isPresent() && after.get().isGo(), () -> "removing " + piece + " turned NO_GO into GO:\n"
          + before.explain() + "\n---\n" + after.get().explain());
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // removal

  /** Collects the path of every member and element, except the documented exceptions. */
  private static void removable(JsonValue v, List<Object> path, List<List<Object>> out) {
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        List<Object> p = new ArrayList<>(path);
        p.add(e.getKey());
        boolean subgroup = path.size() == 2 && path.get(0).equals("groups");
        boolean feature = !path.isEmpty() && path.get(path.size() - 1).equals("features");
        boolean stage = path.isEmpty() && e.getKey().equals("stage");
        if (!subgroup && !feature && !stage) {
          out.add(p);
        }
        removable(e.getValue(), p, out);
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        List<Object> p = new ArrayList<>(path);
        p.add(i);
        boolean reject = path.size() == 1 && path.get(0).equals("approvals") && a.get(i) instanceof JsonObject ao
            && ao.members().get("decision") instanceof JsonString d && d.value().equals("reject");
        if (!reject) {
          out.add(p);
        }
        removable(a.get(i), p, out);
      }
    }
  }

  private static JsonValue remove(JsonValue v, List<Object> path, int depth) {
    Object step = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (v instanceof JsonObject o) {
      Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
      if (last) {
        m.remove((String) step);
      } else {
        m.put((String) step, remove(m.get(step), path, depth + 1));
      }
      return new JsonObject(m);
    }
    List<JsonValue> els = new ArrayList<>(((JsonArray) v).elements());
    int i = (Integer) step;
    if (last) {
      els.remove(i);
    } else {
      els.set(i, remove(els.get(i), path, depth + 1));
    }
    return new JsonArray(els);
  }

  private static JsonObject withAppended(JsonObject evidence, String key, JsonObject element) {
    Map<String, JsonValue> m = new LinkedHashMap<>(evidence.members());
    List<JsonValue> els = m.get(key) instanceof JsonArray a ? new ArrayList<>(a.elements()) : new ArrayList<>();
    els.add(element);
    m.put(key, new JsonArray(els));
    return new JsonObject(m);
  }

  // ---------------------------------------------------------------------------------------------------
  // scenarios

  /** A random policy, evidence and evaluation time. */
  static final class Scenario {
    final PromotionPolicy policy;
    final JsonObject evidence;
    final Optional<Instant> at;

    private Scenario(PromotionPolicy policy, JsonObject evidence, Optional<Instant> at) {
      this.policy = policy;
      this.evidence = evidence;
      this.at = at;
    }

    Decision evaluate(JsonObject json) {
      return policy.evaluate(Evidence.of(json), new EvaluationOptions(at, Optional.empty()));
    }

    Optional<Decision> tryEvaluate(JsonObject json) {
      try {
        return Optional.of(evaluate(json));
      } catch (EvidenceException e) {
        return Optional.empty(); // evidence that does not load is never GO
      }
    }

    String subjectSha() {
      return Evidence.of(evidence).subjectSha256();
    }

    static Scenario random(SplittableRandom r) {
      boolean good = r.nextBoolean();
      RiskTier tier = RiskTier.values()[r.nextInt(3)];
      PolicyMetadata meta = new PolicyMetadata("prop", "1", Optional.of(tier.yamlName()), Optional.empty());
      List<Rule> gates = new ArrayList<>();
      if (r.nextBoolean()) {
        MetricRef auroc = r.nextBoolean() ? MetricRef.parse("auroc") : MetricRef.parse("auroc.lower95");
        gates.add(new MetricRule("discrimination", auroc, Bounds.atLeast(0.7), Optional.empty(), Optional.empty(),
            enforcement(r), false));
      }
      if (r.nextBoolean()) {
        gates.add(new MetricRule("calibration", MetricRef.parse("ece"), Bounds.atMost(0.06), Optional.empty(),
            Optional.empty(), enforcement(r), false));
      }
      if (r.nextBoolean()) {
        gates.add(new MetricRule("subgroup-calibration", MetricRef.parse("ece"), Bounds.atMost(0.1),
            Optional.of(new Subgroups(List.of("site"), OptionalLong.of(100))), Optional.empty(), enforcement(r),
            r.nextBoolean()));
      }
      if (r.nextBoolean()) {
        gates.add(new GapRule("sensitivity-gap", MetricRef.parse("sensitivity@0.3"),
            new Subgroups(List.of("sex"), OptionalLong.empty()), 0.1, enforcement(r), false));
      }
      if (r.nextBoolean()) {
        BaselineComparison.Measure m = BaselineComparison.Measure.values()[r.nextInt(3)];
        gates.add(new MetricRule("no-worse", MetricRef.parse("auroc"), Bounds.none(), Optional.empty(),
            Optional.of(new BaselineComparison("production", m, 0.02)), enforcement(r), false));
      }
      if (r.nextBoolean()) {
        String when = r.nextBoolean() ? "auroc >= 0.7 || n >= 5000" : "worst(ece by site) < 0.15 && !(ece > 0.08)";
        gates.add(new ConditionRule("custom", Condition.parse(when), enforcement(r)));
      }
      if (r.nextBoolean()) {
        gates.add(new MetricRule("drift", MetricRef.parse("psi"), Bounds.atMost(0.2), Optional.empty(),
            Optional.empty(), enforcement(r), false));
      }
      if (gates.isEmpty()) {
        gates.add(new MetricRule("discrimination", MetricRef.parse("auroc"), Bounds.atLeast(0.7), Optional.empty(),
            Optional.empty(), Enforcement.MANDATORY, false));
      }
      Requirements requires = new Requirements(
          r.nextBoolean() ? List.of("modelCard") : List.of(),
          r.nextBoolean() ? Optional.of(new Requirements.Dataset(List.of("gold.*"))) : Optional.empty(),
          r.nextBoolean() ? List.of("features") : List.of(),
          r.nextBoolean() ? Optional.of(new Requirements.Shadow(28, 1000, OptionalDouble.of(0.8))) : Optional.empty(),
          r.nextBoolean() ? Optional.of(new Requirements.Canary(10, OptionalLong.of(7))) : Optional.empty(),
          r.nextBoolean() ? tier.defaultRequirementEnforcement() : Enforcement.MANDATORY);
      Optional<Approvals> approvals = Optional.empty();
      if (r.nextInt(4) > 0) {
        List<String> roles = new ArrayList<>();
        for (String role : ROLES) {
          if (r.nextBoolean()) {
            roles.add(role);
          }
        }
        boolean sod = tier == RiskTier.HIGH || r.nextBoolean();
        int min = Math.max(tier.minApproversFloor(), Math.max(1, roles.size()));
        approvals = Optional.of(new Approvals(roles, min, sod,
            r.nextBoolean() ? Optional.of(Duration.ofDays(90)) : Optional.empty()));
      }
      Optional<WaiverPolicy> waivers = r.nextBoolean() ? Optional.of(new WaiverPolicy(Duration.ofDays(30),
          List.of(new WaiverPolicy.Grant("clinical-safety-officer", List.of("*"))))) : Optional.empty();
      PromotionPolicy policy = PromotionPolicy.builder(meta)
          .transition(r.nextBoolean() ? Optional.of(new Transition("staging", "production")) : Optional.empty())
          .rules(gates).requires(requires).approvals(approvals).waivers(waivers).build();
      Optional<Instant> at = good || r.nextInt(5) > 0 ? Optional.of(AT) : Optional.empty();
      Scenario bare = new Scenario(policy, evidence(r, good), at);
      JsonObject withSignatures = bare.signatures(r, good, approvals);
      return new Scenario(policy, withSignatures, at);
    }

    private static Enforcement enforcement(SplittableRandom r) {
      int k = r.nextInt(10);
      return k == 0 ? Enforcement.ADVISORY : k == 1 ? Enforcement.HARD : Enforcement.MANDATORY;
    }

    private static double between(SplittableRandom r, double lo, double hi) {
      return Math.round((lo + (hi - lo) * r.nextDouble()) * 1000) / 1000.0;
    }

    private static JsonObject report(SplittableRandom r, boolean good, long n) {
      return JsonObject.builder().put("n", n)
          .put("metrics", JsonObject.builder()
              .put("auroc", good ? between(r, 0.78, 0.9) : between(r, 0.62, 0.88))
              .put("ece", good ? between(r, 0.01, 0.04) : between(r, 0.01, 0.12)).build())
          .put("thresholds", JsonArray.of(JsonObject.builder().put("threshold", 0.3)
              .put("sensitivity", good ? between(r, 0.7, 0.75) : between(r, 0.55, 0.9)).build()))
          .build();
    }

    private static JsonObject evidence(SplittableRandom r, boolean good) {
      long n = 6000 + r.nextInt(20000); // at least every subgroup: a subgroup cannot be larger than the set
      JsonObject top = report(r, good, n);
      double auroc = ((dev.clinigate.json.JsonNumber) ((JsonObject) top.members().get("metrics")).members()
          .get("auroc")).value();
      JsonObject.Builder b = JsonObject.builder();
      top.members().forEach(b::put);
      b.put("intervals", JsonObject.builder().put("auroc", JsonObject.builder().put("lower95", auroc - 0.02)
          .put("upper95", Math.min(1, auroc + 0.02)).build()).build());
      JsonObject.Builder sites = JsonObject.builder();
      for (String site : List.of("east", "west", "north")) {
        sites.put(site, report(r, good, site.equals("north") && r.nextBoolean() ? 60 : 500 + r.nextInt(5000)));
      }
      JsonObject.Builder sexes = JsonObject.builder();
      for (String sex : List.of("F", "M")) {
        sexes.put(sex, report(r, good, 1000 + r.nextInt(5000)));
      }
      b.put("groups", JsonObject.builder().put("site", sites.build()).put("sex", sexes.build()).build());
      b.put("baseline", JsonObject.builder().put("n", n).put("metrics", JsonObject.builder()
          .put("auroc", good ? auroc - 0.01 : between(r, 0.7, 0.86)).build()).build());
      double diff = good ? 0.01 : between(r, -0.03, 0.03);
      b.put("comparison", JsonObject.builder().put("auroc", JsonObject.builder().put("difference", diff)
          .put("lower95", diff - (good ? 0.015 : between(r, 0.0, 0.03))).put("upper95", diff + 0.015)
          .put("method", "paired-delong").build()).build());
      b.put("drift", JsonObject.builder().put("features", JsonObject.builder()
          .put("age", JsonObject.builder().put("psi", good ? 0.05 : between(r, 0.0, 0.3)).build())
          .put("creatinine", JsonObject.builder().put("psi", good ? 0.08 : between(r, 0.0, 0.3)).build())
          .build()).build());
      b.put("model", JsonObject.builder().put("name", "m").put("version", "1").put("author", "alice").build());
      b.put("dataset", JsonObject.builder().put("id", good || r.nextBoolean() ? "gold.x" : "scratch.x")
          .put("version", "3").build());
      b.put("stage", JsonObject.builder().put("current", good || r.nextBoolean() ? "staging" : "development")
          .put("target", "production").build());
      b.put("artifacts", JsonObject.builder().put("modelCard", JsonObject.builder().put("uri", "s3://m/card.md")
          .put("sha256", "ab".repeat(32)).build()).build());
      b.put("contracts", JsonObject.builder().put("features", JsonObject.builder()
          .put("status", good || r.nextBoolean() ? "PASS" : "FAIL").build()).build());
      b.put("deployment", JsonObject.builder()
          .put("shadow", JsonObject.builder().put("days", good ? 30 : 20 + r.nextInt(20))
              .put("cases", good ? 2000 : 500 + r.nextInt(2000)).put("agreement", good ? 0.9 : between(r, 0.7, 0.95))
              .build())
          .put("canary", JsonObject.builder().put("days", good ? 8 : 3 + r.nextInt(8))
              .put("trafficPercent", good ? 5 : 2 + r.nextInt(14)).build())
          .build());
      return b.build();
    }

    /** Adds approvals signing this evidence's subject, and maybe a waiver. */
    private JsonObject signatures(SplittableRandom r, boolean good, Optional<Approvals> approvals) {
      String sha = subjectSha();
      List<JsonValue> list = new ArrayList<>();
      List<String> roles = approvals.map(Approvals::roles).filter(l -> !l.isEmpty()).orElse(ROLES);
      List<String> people = new ArrayList<>(List.of("bob", "carol", "dan", "erin"));
      for (String role : roles) {
        if (good) {
          list.add(approval(people.remove(0), role, "approve", sha, "Reviewed.", AT.minus(Duration.ofDays(3))));
        } else if (r.nextInt(5) > 0) {
          list.add(approval(r, r.nextInt(20) == 0 ? "reject" : "approve", sha));
        }
      }
      if (good && roles.size() < 2) {
        list.add(approval(people.remove(0), ROLES.get(0), "approve", sha, "Reviewed.", AT.minus(Duration.ofDays(3))));
      }
      Map<String, JsonValue> m = new LinkedHashMap<>(evidence.members());
      m.put("approvals", new JsonArray(list));
      if (r.nextBoolean()) {
        String[] rules = {"subgroup-calibration", "calibration", "discrimination", "requires.contracts", "stage"};
        JsonObject.Builder w = JsonObject.builder().put("rule", rules[r.nextInt(rules.length)]);
        if (r.nextBoolean()) {
          w.put("subject", "site=east");
        }
        w.put("justification", "Accepted for now.").put("approver", r.nextInt(6) == 0 ? "alice" : "frank")
            .put("role", r.nextInt(4) == 0 ? "cmio" : "clinical-safety-officer")
            .put("granted", AT.minus(Duration.ofDays(r.nextInt(40))).toString())
            .put("expires", AT.plus(Duration.ofDays(r.nextInt(40) - 5)).toString());
        m.put("waivers", JsonArray.of(w.build()));
      }
      return new JsonObject(m);
    }

    /** A random approval with the given decision: any person, any role, right or wrong evidence, any age. */
    JsonObject approval(SplittableRandom r, String decision, String sha) {
      List<String> roles = new ArrayList<>(ROLES);
      roles.add("intern");
      JsonObject.Builder b = JsonObject.builder().put("principal", PEOPLE.get(r.nextInt(PEOPLE.size())))
          .put("role", roles.get(r.nextInt(roles.size()))).put("decision", decision);
      if (r.nextInt(6) > 0) {
        b.put("rationale", "Looks right.");
      }
      int age = r.nextInt(4);
      if (age > 0) {
        b.put("timestamp", AT.minus(Duration.ofDays(age == 1 ? 200 : 10)).toString());
      }
      b.put("evidenceSha256", r.nextInt(6) > 0 ? sha : "0".repeat(64));
      return b.build();
    }

    private static JsonObject approval(String who, String role, String decision, String sha, String rationale,
        Instant when) {
      return JsonObject.builder().put("principal", who).put("role", role).put("decision", decision)
          .put("rationale", rationale).put("timestamp", when.toString()).put("evidenceSha256", sha).build();
    }
  }
}
