package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fail-closed properties of issue 12: out-of-domain evidence never evaluates to GO, renaming a person by
 * case or white space never changes a decision, and a subgroup the policy expects cannot pass by being
 * left out of the evidence.
 */
class FailClosedPropertiesTest {
  private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> SITES = List.of("east", "west", "north");

  /** A policy that every good evidence passes: bounds on probabilities, drift, counts and deployment. */
  private static final PromotionPolicy GATES = PromotionPolicy.builder(new PolicyMetadata("p", "1", Optional.empty(),
      Optional.empty())).rules(List.of(
          new MetricRule("auroc", MetricRef.parse("auroc"), Bounds.atLeast(0.7), Optional.empty(), Optional.empty(),
              Enforcement.MANDATORY, false),
          new MetricRule("auroc-lower", MetricRef.parse("auroc.lower95"), Bounds.atLeast(0.6), Optional.empty(),
              Optional.empty(), Enforcement.MANDATORY, false),
          new MetricRule("ece", MetricRef.parse("ece"), Bounds.atMost(0.1), Optional.empty(), Optional.empty(),
              Enforcement.MANDATORY, false),
          new MetricRule("site-ece", MetricRef.parse("ece"), Bounds.atMost(0.1),
              Optional.of(new Subgroups(List.of("site"), OptionalLong.of(100))), Optional.empty(),
              Enforcement.MANDATORY, false),
          new MetricRule("sens", MetricRef.parse("sensitivity@0.3"), Bounds.atLeast(0.5), Optional.empty(),
              Optional.empty(), Enforcement.MANDATORY, false),
          new MetricRule("psi", MetricRef.parse("psi"), Bounds.atMost(0.2), Optional.empty(), Optional.empty(),
              Enforcement.MANDATORY, false),
          new MetricRule("no-worse", MetricRef.parse("auroc"), Bounds.none(), Optional.empty(),
              Optional.of(new BaselineComparison("production", BaselineComparison.Measure.MAX_DROP, 0.05)),
              Enforcement.MANDATORY, false)))
      .requires(new Requirements(List.of(), Optional.empty(), List.of(),
          Optional.of(new Requirements.Shadow(7, 100, java.util.OptionalDouble.of(0.8))),
          Optional.of(new Requirements.Canary(20, OptionalLong.of(1))), Enforcement.MANDATORY))
      .build();

  /** The paths of every value with a domain in {@link #goodEvidence}, and a value outside it. */
  private static final List<Object[]> CORRUPTIONS = List.of(
      new Object[] {List.of("n"), -1L}, new Object[] {List.of("n"), 99.5}, new Object[] {List.of("positives"), 999_999L},
      new Object[] {List.of("prevalence"), 2.0}, new Object[] {List.of("metrics", "auroc"), 7.0},
      new Object[] {List.of("metrics", "ece"), -0.5}, new Object[] {List.of("metrics", "brier"), 1.5},
      new Object[] {List.of("metrics", "log_loss"), -0.1},
      new Object[] {List.of("intervals", "auroc", "lower95"), 1.5},
      new Object[] {List.of("intervals", "auroc", "upper95"), 0.5},
      new Object[] {List.of("groups", "site", "east", "n"), -1L},
      new Object[] {List.of("groups", "site", "east", "n"), 99.5},
      new Object[] {List.of("groups", "site", "west", "n"), 999_999L},
      new Object[] {List.of("groups", "site", "east", "metrics", "ece"), -0.5},
      new Object[] {List.of("baseline", "metrics", "auroc"), -3.0},
      new Object[] {List.of("drift", "features", "age", "psi"), -0.3},
      new Object[] {List.of("drift", "features", "age", "ks"), 1.5},
      new Object[] {List.of("drift", "features", "age", "missing_rate"), -0.01},
      new Object[] {List.of("deployment", "shadow", "agreement"), 9.1},
      new Object[] {List.of("deployment", "shadow", "days"), -3L},
      new Object[] {List.of("deployment", "canary", "trafficPercent"), -50.0});

  @Property(tries = 200)
  void evaluate_outOfDomainValue_neverGo(@ForAll("seeds") long seed, @ForAll("corruptions") int which) {
    JsonObject good = goodEvidence(new SplittableRandom(seed));
    assertEquals(Verdict.GO, GATES.evaluate(Evidence.of(good)).verdict(), "the generator makes passing evidence");
    Object[] c = CORRUPTIONS.get(which);
    @SuppressWarnings("unchecked")
    List<String> path = (List<String>) c[0];
    JsonValue bad = c[1] instanceof Long l ? JsonValue.of(l) : JsonValue.of((Double) c[1]);
    JsonObject corrupted = set(good, path, bad);
    EvidenceException e = assertThrows(EvidenceException.class, () -> GATES.evaluate(Evidence.of(corrupted)));
    // the message names the value's path (or, for an inverted interval, the interval's)
    String named = "$." + String.join(".", path.get(0).equals("intervals") ? path.subList(0, 2) : path);
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Property(tries = 200)
  void evaluate_principalRenamedByCaseOrWhitespace_sameDecision(@ForAll("seeds") long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PromotionPolicy policy = PromotionPolicy.builder(new PolicyMetadata("p", "1", Optional.of("medium"),
        Optional.empty())).rules(List.of(new MetricRule("ece", MetricRef.parse("ece"), Bounds.atMost(0.05),
            Optional.empty(), Optional.empty(), Enforcement.MANDATORY, false)))
        .approvals(Optional.of(new Approvals(List.of("lead", "champion", "compliance"), 2, true, Optional.empty())))
        .waivers(Optional.of(new WaiverPolicy(Duration.ofDays(30), List.of(new WaiverPolicy.Grant("safety",
            List.of("ece")))))).build();
    List<String> people = List.of("a.nguyen", "J.Patel", "dr.okafor", "bob");
    String author = people.get(r.nextInt(people.size()));
    List<String[]> approvals = new ArrayList<>();
    for (String role : List.of("lead", "champion", "compliance")) {
      if (r.nextInt(4) > 0) {
        approvals.add(new String[] {people.get(r.nextInt(people.size())), role});
      }
    }
    String grantor = people.get(r.nextInt(people.size()));
    double ece = r.nextBoolean() ? 0.03 : 0.07;
    Decision plain = decide(policy, ece, author, approvals, grantor, s -> s);
    long variant = r.nextLong();
    Decision renamed = decide(policy, ece, author, approvals, grantor, s -> respell(s, new SplittableRandom(variant
        ^ s.hashCode())));
    assertEquals(plain.verdict(), renamed.verdict(), () -> plain.explain() + "\n---\n" + renamed.explain());
    assertEquals(outcomes(plain), outcomes(renamed), () -> plain.explain() + "\n---\n" + renamed.explain());
  }

  @Property(tries = 200)
  void evaluate_expectedGroupRemovedFromEvidence_neverTurnsNoGoIntoGo(@ForAll("seeds") long seed,
      @ForAll("sites") String removed) {
    PromotionPolicy policy = PromotionPolicy.builder(new PolicyMetadata("p", "1", Optional.empty(), Optional.empty()))
        .rules(List.of(new MetricRule("site-ece", MetricRef.parse("ece"), Bounds.atMost(0.08),
            Optional.of(new Subgroups(List.of("site"), OptionalLong.of(100))), Optional.empty(),
            Enforcement.MANDATORY, false),
            new GapRule("site-gap", MetricRef.parse("ece"), new Subgroups(List.of("site"), OptionalLong.empty()),
                0.05, Enforcement.MANDATORY, false)))
        .expectedGroups(Map.of("site", SITES)).build();
    SplittableRandom r = new SplittableRandom(seed);
    JsonObject evidence = goodEvidence(r);
    for (String site : SITES) {
      if (r.nextInt(3) == 0) {
        evidence = set(evidence, List.of("groups", "site", site, "metrics", "ece"), JsonValue.of(0.2));
      }
    }
    Decision before = policy.evaluate(Evidence.of(evidence));
    Map<String, JsonValue> groups = new LinkedHashMap<>(((JsonObject) ((JsonObject) evidence.members().get("groups"))
        .members().get("site")).members());
    groups.remove(removed);
    Decision after = policy.evaluate(Evidence.of(set(evidence, List.of("groups", "site"), new JsonObject(groups))));
    if (before.verdict() == Verdict.NO_GO) {
      assertEquals(Verdict.NO_GO, after.verdict(), after::explain);
    }
    assertNotEquals(Verdict.GO, after.verdict(), "a missing expected group blocks: " + after.explain());
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<Integer> corruptions() {
    return Arbitraries.integers().between(0, CORRUPTIONS.size() - 1);
  }

  @Provide
  Arbitrary<String> sites() {
    return Combinators.combine(Arbitraries.of(SITES), Arbitraries.just(0)).as((s, x) -> s);
  }

  // ---------------------------------------------------------------------------------------------------

  private static Decision decide(PromotionPolicy policy, double ece, String author, List<String[]> approvals,
      String grantor, java.util.function.UnaryOperator<String> spell) {
    JsonObject subject = JsonObject.builder().put("n", 5000).put("metrics", JsonObject.builder().put("ece", ece).build())
        .put("model", JsonObject.builder().put("name", "m").put("version", "1").put("author", spell.apply(author))
            .build()).build();
    String sha = Evidence.of(subject).subjectSha256();
    List<JsonValue> as = new ArrayList<>();
    for (String[] a : approvals) {
      as.add(JsonObject.builder().put("principal", spell.apply(a[0])).put("role", a[1]).put("decision", "approve")
          .put("rationale", "Reviewed.").put("timestamp", "2026-02-20T10:00:00Z").put("evidenceSha256", sha).build());
    }
    JsonValue waiver = JsonObject.builder().put("rule", "ece").put("justification", "Recalibration ships next week.")
        .put("approver", spell.apply(grantor)).put("role", "safety").put("granted", "2026-02-25T00:00:00Z")
        .put("expires", "2026-03-10T00:00:00Z").build();
    Map<String, JsonValue> m = new LinkedHashMap<>(subject.members());
    m.put("approvals", new JsonArray(as));
    m.put("waivers", JsonArray.of(waiver));
    return policy.evaluate(Evidence.of(new JsonObject(m)), EvaluationOptions.at(AT));
  }

  /** The same name as a person reads it: case flipped, padded with (no-break, zero-width) spaces. */
  private static String respell(String name, SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    String[] pads = {"", " ", "\u00a0", "\u200b", "\t", "\u2007", "\ufeff"};
    b.append(pads[r.nextInt(pads.length)]);
    for (char c : name.toCharArray()) {
      b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    b.append(pads[r.nextInt(pads.length)]);
    return b.toString();
  }

  /** The rule outcomes of a decision, without messages (which quote the names as written). */
  private static List<String> outcomes(Decision d) {
    return d.rules().stream().map(x -> x.id() + " " + x.subject().orElse("") + " " + x.status()).toList();
  }

  private static JsonObject goodEvidence(SplittableRandom r) {
    long n = 8000 + r.nextInt(10000);
    double auroc = 0.75 + r.nextInt(20) / 100.0;
    JsonObject.Builder groups = JsonObject.builder();
    for (String site : SITES) {
      groups.put(site, JsonObject.builder().put("n", 500 + r.nextInt(2000)).put("metrics", JsonObject.builder()
          .put("ece", 0.01 + r.nextInt(5) / 100.0).build()).build());
    }
    return JsonObject.builder().put("n", n).put("positives", n / 7).put("prevalence", 0.14)
        .put("metrics", JsonObject.builder().put("auroc", auroc).put("ece", 0.03).put("brier", 0.1)
            .put("log_loss", 0.35).build())
        .put("thresholds", JsonArray.of(JsonObject.builder().put("threshold", 0.3).put("sensitivity", 0.7).build()))
        .put("intervals", JsonObject.builder().put("auroc", JsonObject.builder().put("lower95", auroc - 0.02)
            .put("upper95", auroc + 0.02).build()).build())
        .put("groups", JsonObject.builder().put("site", groups.build()).build())
        .put("baseline", JsonObject.builder().put("n", n).put("metrics", JsonObject.builder().put("auroc", auroc - 0.01)
            .build()).build())
        .put("drift", JsonObject.builder().put("features", JsonObject.builder().put("age", JsonObject.builder()
            .put("psi", 0.05).put("ks", 0.1).put("missing_rate", 0.01).build()).build()).build())
        .put("deployment", JsonObject.builder().put("shadow", JsonObject.builder().put("days", 30).put("cases", 4000)
            .put("agreement", 0.95).build()).put("canary", JsonObject.builder().put("days", 7)
            .put("trafficPercent", 5).build()).build())
        .build();
  }

  private static JsonObject set(JsonObject o, List<String> path, JsonValue v) {
    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
    String head = path.get(0);
    m.put(head, path.size() == 1 ? v : set((JsonObject) o.members().get(head), path.subList(1, path.size()), v));
    return new JsonObject(m);
  }
}
