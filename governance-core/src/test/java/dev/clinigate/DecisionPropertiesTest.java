package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the gate logic that must hold for every policy and every evidence. */
class DecisionPropertiesTest {
  private static final List<String> METRICS = List.of("auroc", "ece", "brier", "calibration_slope", "sensitivity@0.3");
  private static final List<String> SITES = List.of("east", "west", "north", "central");

  @Property(tries = 300)
  void evaluate_evidenceKeysReordered_decisionIdentical(@ForAll("policies") PromotionPolicy policy,
      @ForAll("evidence") JsonObject evidence, @ForAll long seed) {
    JsonObject shuffled = (JsonObject) shuffle(evidence, new Random(seed));
    Decision a = policy.evaluate(Evidence.of(evidence));
    Decision b = policy.evaluate(Evidence.of(shuffled));
    assertEquals(a.toCanonicalJson(), b.toCanonicalJson());
  }

  @Property(tries = 300)
  void evaluate_raisingAMinOnlyMetric_neverTurnsGoIntoNoGo(@ForAll("policies") PromotionPolicy policy,
      @ForAll("evidence") JsonObject evidence, @ForAll("metricNames") String metric,
      @ForAll("increments") double increment) {
    boolean minOnly = policy.rules().stream().filter(r -> usesMetric(r, metric)).allMatch(r ->
        r instanceof MetricRule m && m.limits().max().isEmpty() && m.baseline().isEmpty());
    if (!minOnly) {
      return; // the property is about metrics held only to minimums
    }
    Decision before = policy.evaluate(Evidence.of(evidence));
    Decision after = policy.evaluate(Evidence.of(raise(evidence, metric, increment)));
    if (before.isGo()) {
      assertEquals(Verdict.GO, after.verdict(), () -> after.explain());
    }
  }

  @Property(tries = 100)
  void evaluate_sameInputsOnAnotherThread_byteIdentical(@ForAll("policies") PromotionPolicy policy,
      @ForAll("evidence") JsonObject evidence) throws Exception {
    Evidence e = Evidence.of(evidence);
    String here = policy.evaluate(e).toCanonicalJson();
    String[] there = new String[1];
    Thread t = new Thread(() -> there[0] = policy.evaluate(e).toCanonicalJson());
    t.start();
    t.join();
    assertEquals(here, there[0]);
  }

  private static boolean usesMetric(Rule r, String metric) {
    MetricRef ref = r instanceof MetricRule m ? m.metric() : ((GapRule) r).metric();
    return ref.key().equals(metric);
  }

  @Provide
  Arbitrary<String> metricNames() {
    return Arbitraries.of(METRICS);
  }

  @Provide
  Arbitrary<Double> increments() {
    return Arbitraries.doubles().between(0.0, 0.5);
  }

  @Provide
  Arbitrary<PromotionPolicy> policies() {
    Arbitrary<Rule> rule = Combinators.combine(Arbitraries.of(METRICS), Arbitraries.integers().between(0, 5),
        Arbitraries.doubles().between(0.0, 1.0).ofScale(2), Arbitraries.doubles().between(0.0, 1.0).ofScale(2),
        Arbitraries.of(Enforcement.values()), Arbitraries.of(true, false))
        .as((String metric, Integer shape, Double a, Double b, Enforcement enforcement, Boolean failInsufficient) -> {
          MetricRef ref = MetricRef.parse(metric);
          double lo = Math.min(a, b);
          double hi = Math.max(a, b);
          Optional<Subgroups> site = Optional.of(new Subgroups(List.of("site"), OptionalLong.of(100)));
          Rule built = switch (shape) {
            case 0 -> new MetricRule("r", ref, Bounds.atLeast(lo), Optional.empty(), Optional.empty(), enforcement,
                failInsufficient);
            case 1 -> new MetricRule("r", ref, Bounds.atMost(hi), Optional.empty(), Optional.empty(), enforcement,
                failInsufficient);
            case 2 -> new MetricRule("r", ref, Bounds.between(lo, hi), Optional.empty(), Optional.empty(),
                enforcement, failInsufficient);
            case 3 -> new MetricRule("r", ref, Bounds.atLeast(lo), site, Optional.empty(), enforcement,
                failInsufficient);
            case 4 -> new GapRule("r", ref, site.get(), hi, enforcement, failInsufficient);
            default -> Direction.of(ref.name()) == Direction.NONE
                ? new MetricRule("r", ref, Bounds.atMost(hi), Optional.empty(), Optional.empty(), enforcement,
                    failInsufficient)
                : new MetricRule("r", ref, Bounds.none(), Optional.empty(),
                Optional.of(BaselineComparison.maxDrop("production", lo / 10)), enforcement, failInsufficient);
          };
          return built;
        });
    return rule.list().ofMinSize(1).ofMaxSize(6).map(rules -> {
      List<Rule> renamed = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        renamed.add(rename(rules.get(i), "rule-" + i));
      }
      return PromotionPolicy.of(new PolicyMetadata("prop", "1", Optional.empty(), Optional.empty()), Optional.empty(),
          renamed);
    });
  }

  private static Rule rename(Rule r, String id) {
    if (r instanceof MetricRule m) {
      return new MetricRule(id, m.metric(), m.limits(), m.subgroups(), m.baseline(), m.enforcement(),
          m.failOnInsufficientData());
    }
    GapRule g = (GapRule) r;
    return new GapRule(id, g.metric(), g.subgroups(), g.maxGap(), g.enforcement(), g.failOnInsufficientData());
  }

  @Provide
  Arbitrary<JsonObject> evidence() {
    Arbitrary<JsonObject> report = Combinators.combine(Arbitraries.integers().between(0, 5000),
        Arbitraries.doubles().between(0.0, 1.0).ofScale(3).injectNull(0.1).list().ofSize(METRICS.size()))
        .as((n, values) -> report(n, values));
    return Combinators.combine(report, report.list().ofSize(SITES.size()), report, Arbitraries.of(true, false))
        .as((top, sites, baseline, withBaseline) -> {
          Map<String, JsonValue> groups = new LinkedHashMap<>();
          for (int i = 0; i < SITES.size(); i++) {
            groups.put(SITES.get(i), sites.get(i));
          }
          Map<String, JsonValue> m = new LinkedHashMap<>(top.members());
          long most = ((JsonNumber) top.members().get("n")).longValue();
          for (JsonObject site : sites) {
            most = Math.max(most, ((JsonNumber) site.members().get("n")).longValue());
          }
          m.put("n", JsonValue.of(most)); // a subgroup cannot be larger than the whole set
          m.put("groups", JsonObject.builder().put("site", new JsonObject(groups)).build());
          if (withBaseline) {
            m.put("baseline", baseline);
          }
          return new JsonObject(m);
        });
  }

  private static JsonObject report(int n, List<Double> values) {
    JsonObject.Builder metrics = JsonObject.builder();
    JsonObject.Builder at03 = JsonObject.builder().put("threshold", 0.3);
    for (int i = 0; i < METRICS.size(); i++) {
      JsonValue v = values.get(i) == null ? JsonValue.of((String) null) : JsonValue.of(values.get(i));
      if (METRICS.get(i).contains("@")) {
        at03.put("sensitivity", v);
      } else {
        metrics.put(METRICS.get(i), v);
      }
    }
    return JsonObject.builder().put("n", n).put("metrics", metrics.build())
        .put("thresholds", JsonArray.of(at03.build())).build();
  }

  private static JsonValue shuffle(JsonValue v, Random random) {
    if (v instanceof JsonObject o) {
      List<String> keys = new ArrayList<>(o.members().keySet());
      Collections.shuffle(keys, random);
      Map<String, JsonValue> m = new LinkedHashMap<>();
      for (String k : keys) {
        m.put(k, shuffle(o.members().get(k), random));
      }
      return new JsonObject(m);
    }
    if (v instanceof JsonArray a) {
      List<JsonValue> els = new ArrayList<>();
      for (JsonValue e : a.elements()) {
        els.add(shuffle(e, random));
      }
      Collections.shuffle(els, random);
      return new JsonArray(els);
    }
    return v;
  }

  /** Raises the top-level value of a metric (never the subgroups'), within its domain [0, 1]. */
  private static JsonObject raise(JsonObject evidence, String metric, double by) {
    Map<String, JsonValue> m = new LinkedHashMap<>(evidence.members());
    if (metric.contains("@")) {
      JsonObject row = (JsonObject) ((JsonArray) m.get("thresholds")).get(0);
      Map<String, JsonValue> r = new LinkedHashMap<>(row.members());
      if (r.get("sensitivity") instanceof JsonNumber x) {
        r.put("sensitivity", JsonValue.of(Math.min(1.0, x.value() + by)));
      }
      m.put("thresholds", JsonArray.of(new JsonObject(r)));
    } else {
      Map<String, JsonValue> metrics = new LinkedHashMap<>(((JsonObject) m.get("metrics")).members());
      if (metrics.get(metric) instanceof JsonNumber x) {
        metrics.put(metric, JsonValue.of(Math.min(1.0, x.value() + by)));
      }
      m.put("metrics", new JsonObject(metrics));
    }
    return new JsonObject(m);
  }

  @Property(tries = 50)
  void limits_test_agreesWithBounds(@ForAll("increments") double value) {
    Bounds l = new Bounds(OptionalDouble.of(0.1), OptionalDouble.of(0.4));
    assertEquals(value >= 0.1 && value <= 0.4, l.test(value));
  }
}
