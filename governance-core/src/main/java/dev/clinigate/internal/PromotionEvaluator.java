package dev.clinigate.internal;

import dev.clinigate.BaselineComparison;
import dev.clinigate.Decision;
import dev.clinigate.Direction;
import dev.clinigate.Enforcement;
import dev.clinigate.Evidence;
import dev.clinigate.GapRule;
import dev.clinigate.Limits;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Rule;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Subgroups;
import dev.clinigate.Verdict;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Evaluates promotion policies.
 *
 * <p>Design note, fail closed: a rule passes only when every value it needs is a finite number that
 * satisfies its bound. Absent, null and non-numeric values give {@code MISSING}, which blocks unless the
 * rule is advisory. Subjects are reported in a fixed order (group columns in policy order, groups and
 * features sorted by name), so the decision does not depend on how the evidence ordered its keys.
 */
public final class PromotionEvaluator {
  private PromotionEvaluator() {}

  /** Evaluates every rule of the policy against the evidence. */
  public static Decision evaluate(PromotionPolicy policy, Evidence evidence, Optional<Instant> at) {
    MetricSetView candidate = new MetricSetView(evidence.json());
    Optional<MetricSetView> baseline = evidence.json().get("baseline")
        .map(v -> new MetricSetView((JsonObject) v));
    List<RuleResult> results = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      switch (rule.type()) {
        case METRIC -> metricRule((MetricRule) rule, candidate, baseline, evidence.json(), results);
        case GAP -> gapRule((GapRule) rule, candidate, results);
        default -> throw new IllegalStateException("unknown rule type " + rule.type());
      }
    }
    boolean blocked = results.stream().anyMatch(RuleResult::blocking);
    return new Decision(blocked ? Verdict.NO_GO : Verdict.GO, policy.kind(), policy.metadata(), policy.sha256(),
        evidence.sha256(), at, results);
  }

  // ---------------------------------------------------------------------------------------------------
  // metric rules

  private static void metricRule(MetricRule rule, MetricSetView candidate, Optional<MetricSetView> baseline,
      JsonObject root, List<RuleResult> out) {
    if (rule.metric().isDriftMetric()) {
      driftRule(rule, root, out);
      return;
    }
    if (rule.subgroups().isEmpty()) {
      out.add(judge(rule, Optional.empty(), candidate, baseline));
      return;
    }
    Subgroups sg = rule.subgroups().get();
    for (String column : sg.by()) {
      Optional<Map<String, MetricSetView>> groups = candidate.groups(column);
      if (groups.isEmpty() || groups.get().isEmpty()) {
        out.add(missing(rule, rule.limits().toJson(), Optional.of(column), "The evidence has no subgroup results for "
            + column + "; the rule fails closed."));
        continue;
      }
      Optional<Map<String, MetricSetView>> baseGroups = baseline.flatMap(b -> b.groups(column));
      for (Map.Entry<String, MetricSetView> g : groups.get().entrySet()) {
        String subject = column + "=" + g.getKey();
        Optional<MetricSetView> bg = baseGroups.map(m -> m.get(g.getKey()));
        if (baseline.isPresent() && bg.isEmpty()) {
          bg = Optional.of(new MetricSetView(JsonObject.empty()));
        }
        MetricSetView group = g.getValue();
        if (sg.minGroupSize().isPresent()) {
          long min = sg.minGroupSize().getAsLong();
          Lookup n = group.n();
          if (!n.isNumber()) {
            out.add(missing(rule, bound(rule), Optional.of(subject), "The size of group " + subject + " "
                + n.problem() + ", so the minimum group size " + Numbers.count(min)
                + " cannot be checked; the rule fails closed."));
            continue;
          }
          if (n.value() < min) {
            out.add(insufficient(rule, bound(rule), Optional.of(subject), rule.metric().displayName() + " for "
                + subject + " not assessed: n=" + Numbers.count((long) n.value()) + " is below the minimum group size "
                + Numbers.count(min) + "."));
            continue;
          }
        }
        out.add(judge(rule, Optional.of(subject), group, bg));
      }
    }
  }

  private static JsonObject bound(MetricRule rule) {
    JsonObject.Builder b = JsonObject.builder();
    rule.limits().toJson().members().forEach(b::put);
    rule.baseline().ifPresent(bl -> b.put("maxDrop", bl.maxDrop()).put("baseline", bl.baseline()));
    return b.build();
  }

  /** Judges one subject of a metric rule. */
  private static RuleResult judge(MetricRule rule, Optional<String> subject, MetricSetView set,
      Optional<MetricSetView> baseline) {
    MetricRef ref = rule.metric();
    String name = ref.displayName() + subject.map(s -> " for " + s).orElse("");
    Lookup n = set.n();
    String nText = n.isNumber() && n.value() == Math.rint(n.value()) ? " (n=" + Numbers.count((long) n.value()) + ")" : "";
    Lookup v = set.value(ref);
    JsonObject bound = bound(rule);
    if (!v.isNumber()) {
      String what = ref.statistic() == MetricRef.Statistic.POINT ? name : name + " " + statName(ref);
      return missing(rule, bound, subject, what + " " + v.problem() + "; the rule fails closed.");
    }
    double value = v.value();
    boolean ok = true;
    StringBuilder msg = new StringBuilder();
    if (rule.limits().isBounded()) {
      ok = rule.limits().test(value);
      msg.append(describeValue(ref, name, value, set, rule.limits())).append(", ").append(limitClause(rule.limits(), value, ok));
    }
    if (rule.baseline().isPresent()) {
      BaselineComparison bl = rule.baseline().get();
      if (baseline.isEmpty()) {
        return missing(rule, bound, subject, "The evidence has no baseline (" + bl.baseline() + ") metrics, so "
            + name + " cannot be compared with it; the rule fails closed.");
      }
      Lookup b = baseline.get().value(ref);
      if (!b.isNumber()) {
        return missing(rule, bound, subject, "The baseline's " + lowerFirst(name) + " " + b.problem()
            + "; the rule fails closed.");
      }
      double drop = Direction.of(ref.name()) == Direction.HIGHER_IS_BETTER
          ? Numbers.decimalDifference(b.value(), value) : Numbers.decimalDifference(value, b.value());
      boolean dropOk = drop <= bl.maxDrop();
      ok &= dropOk;
      String dropText = drop > 0 ? "worse by " + Numbers.observed(drop, bl.maxDrop())
          : "no worse";
      String c = (msg.length() == 0 ? name + " is " + Numbers.observed(value) + " against " : "; against ")
          + bl.baseline() + "'s " + Numbers.observed(b.value()) + ": " + dropText + ", "
          + (dropOk ? "within" : "beyond") + " the maximum drop " + Numbers.plain(bl.maxDrop());
      msg.append(c);
    }
    return result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(value), bound, subject, msg + nText + ".");
  }

  private static String describeValue(MetricRef ref, String name, double value, MetricSetView set, Limits limits) {
    if (ref.statistic() == MetricRef.Statistic.POINT) {
      return name + " is " + Numbers.observed(value, limitValues(limits));
    }
    StringBuilder b = new StringBuilder(name).append(" ").append(statName(ref)).append(" is ")
        .append(Numbers.observed(value, limitValues(limits)));
    Lookup point = set.point(ref);
    Optional<double[]> ci = set.interval(ref);
    if (point.isNumber() && ci.isPresent()) {
      b.append(" (point ").append(Numbers.observed(point.value())).append(", 95% CI ")
          .append(Numbers.observed(ci.get()[0])).append(" to ").append(Numbers.observed(ci.get()[1])).append(")");
    }
    return b.toString();
  }

  private static String statName(MetricRef ref) {
    return ref.statistic() == MetricRef.Statistic.LOWER95 ? "lower 95% bound" : "upper 95% bound";
  }

  private static double[] limitValues(Limits l) {
    double[] out = new double[(l.min().isPresent() ? 1 : 0) + (l.max().isPresent() ? 1 : 0)];
    int i = 0;
    if (l.min().isPresent()) {
      out[i++] = l.min().getAsDouble();
    }
    if (l.max().isPresent()) {
      out[i] = l.max().getAsDouble();
    }
    return out;
  }

  private static String limitClause(Limits l, double value, boolean ok) {
    if (l.min().isPresent() && l.max().isPresent()) {
      String range = "[" + Numbers.plain(l.min().getAsDouble()) + ", " + Numbers.plain(l.max().getAsDouble()) + "]";
      return ok ? "within " + range : "outside " + range;
    }
    if (l.min().isPresent()) {
      return (ok ? "at or above the minimum " : "below the minimum ") + Numbers.plain(l.min().getAsDouble());
    }
    return (ok ? "at or below the maximum " : "above the maximum ") + Numbers.plain(l.max().getAsDouble());
  }

  // ---------------------------------------------------------------------------------------------------
  // drift rules

  private static void driftRule(MetricRule rule, JsonObject root, List<RuleResult> out) {
    MetricRef ref = rule.metric();
    JsonObject bound = bound(rule);
    JsonObject features = MetricSetView.object(MetricSetView.object(root, "drift"), "features");
    if (features == null) {
      features = MetricSetView.object(root, "features");
    }
    if (features == null || features.size() == 0) {
      out.add(missing(rule, bound, ref.feature().map(f -> "feature=" + f), "The evidence has no drift report, so "
          + ref.displayName() + " cannot be checked; the rule fails closed."));
      return;
    }
    TreeMap<String, JsonValue> sorted = new TreeMap<>(features.members());
    List<String> names = ref.feature().map(List::of).orElse(new ArrayList<>(sorted.keySet()));
    for (String f : names) {
      String subject = "feature=" + f;
      String name = ref.displayName() + " of " + f;
      JsonValue fv = sorted.get(f);
      if (!(fv instanceof JsonObject fo)) {
        out.add(missing(rule, bound, Optional.of(subject), "The drift report has no feature " + f
            + "; the rule fails closed."));
        continue;
      }
      Lookup v = Lookup.of(fo.members().get(ref.name()));
      if (!v.isNumber()) {
        out.add(missing(rule, bound, Optional.of(subject), name + " " + v.problem() + "; the rule fails closed."));
        continue;
      }
      boolean ok = rule.limits().test(v.value());
      out.add(result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(v.value()), bound, Optional.of(subject),
          name + " is " + Numbers.observed(v.value(), limitValues(rule.limits())) + ", "
              + limitClause(rule.limits(), v.value(), ok) + "."));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // gap rules

  private static void gapRule(GapRule rule, MetricSetView candidate, List<RuleResult> out) {
    MetricRef ref = rule.metric();
    JsonObject bound = JsonObject.builder().put("maxGap", rule.maxGap()).build();
    OptionalDouble minSize = rule.subgroups().minGroupSize().isPresent()
        ? OptionalDouble.of(rule.subgroups().minGroupSize().getAsLong()) : OptionalDouble.empty();
    for (String column : rule.subgroups().by()) {
      Optional<String> subject = Optional.of(column);
      Optional<Map<String, MetricSetView>> groups = candidate.groups(column);
      if (groups.isEmpty() || groups.get().isEmpty()) {
        out.add(missing(rule, bound, subject, "The evidence has no subgroup results for " + column
            + "; the rule fails closed."));
        continue;
      }
      String best = null;
      String worst = null;
      double bestV = 0;
      double worstV = 0;
      int eligible = 0;
      String missingProblem = null;
      Direction dir = Direction.of(ref.name());
      for (Map.Entry<String, MetricSetView> g : groups.get().entrySet()) {
        MetricSetView group = g.getValue();
        if (minSize.isPresent()) {
          Lookup n = group.n();
          if (!n.isNumber()) {
            missingProblem = "The size of group " + column + "=" + g.getKey() + " " + n.problem();
            break;
          }
          if (n.value() < minSize.getAsDouble()) {
            continue;
          }
        }
        Lookup v = group.value(ref);
        if (!v.isNumber()) {
          missingProblem = ref.displayName() + " for " + column + "=" + g.getKey() + " " + v.problem();
          break;
        }
        eligible++;
        double x = v.value();
        // "best" is the better value where the metric has a direction, else the highest
        boolean better = dir == Direction.LOWER_IS_BETTER ? x < bestV : x > bestV;
        boolean worse = dir == Direction.LOWER_IS_BETTER ? x > worstV : x < worstV;
        if (best == null || better) {
          best = g.getKey();
          bestV = x;
        }
        if (worst == null || worse) {
          worst = g.getKey();
          worstV = x;
        }
      }
      if (missingProblem != null) {
        out.add(missing(rule, bound, subject, missingProblem + ", so the gap across " + column
            + " cannot be computed; the rule fails closed."));
        continue;
      }
      if (eligible < 2) {
        String floor = minSize.isPresent() ? " with at least " + Numbers.count((long) minSize.getAsDouble()) + " cases" : "";
        out.add(insufficient(rule, bound, subject, ref.displayName() + " gap across " + column
            + " not assessed: " + (eligible == 1 ? "only one group has" : "no group has") + " a value" + floor + "."));
        continue;
      }
      double gap = Math.abs(Numbers.decimalDifference(bestV, worstV));
      boolean ok = gap <= rule.maxGap();
      String bestWord = dir == Direction.NONE ? "highest" : "best";
      String worstWord = dir == Direction.NONE ? "lowest" : "worst";
      if (dir == Direction.NONE && bestV < worstV) { // keep "highest" first
        String t = best;
        best = worst;
        worst = t;
        double tv = bestV;
        bestV = worstV;
        worstV = tv;
      }
      String msg = ref.displayName() + " differs by " + Numbers.observed(gap, rule.maxGap()) + " across " + column
          + " (" + bestWord + " " + column + "=" + best + " " + Numbers.observed(bestV) + ", " + worstWord + " "
          + column + "=" + worst + " " + Numbers.observed(worstV) + "), "
          + (ok ? "within" : "above") + " the maximum gap " + Numbers.plain(rule.maxGap()) + ".";
      out.add(result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(gap), bound, subject, msg));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // results

  private static RuleResult result(Rule rule, Status status, OptionalDouble observed, JsonObject bound,
      Optional<String> subject, String message) {
    if (status == Status.FAIL && rule.enforcement() == Enforcement.ADVISORY) {
      return new RuleResult(rule.id(), Status.ADVISORY, observed, bound, subject,
          message + " Advisory: does not block.", rule.enforcement(), false);
    }
    return new RuleResult(rule.id(), status, observed, bound, subject, message, rule.enforcement(),
        status == Status.FAIL);
  }

  private static RuleResult missing(Rule rule, JsonObject bound, Optional<String> subject, String message) {
    if (rule.enforcement() == Enforcement.ADVISORY) {
      return new RuleResult(rule.id(), Status.ADVISORY, OptionalDouble.empty(), bound, subject,
          message.replace("; the rule fails closed.", ".") + " Advisory: does not block.", rule.enforcement(), false);
    }
    return new RuleResult(rule.id(), Status.MISSING, OptionalDouble.empty(), bound, subject, message,
        rule.enforcement(), true);
  }

  private static RuleResult insufficient(Rule rule, JsonObject bound, Optional<String> subject, String message) {
    boolean blocks = rule.failOnInsufficientData() && rule.enforcement() != Enforcement.ADVISORY;
    String m = blocks ? message + " The rule treats insufficient data as a failure." : message;
    return new RuleResult(rule.id(), Status.INSUFFICIENT_DATA, OptionalDouble.empty(), bound, subject, m,
        rule.enforcement(), blocks);
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
