package dev.clinigate.internal;

import dev.clinigate.NumberText;
import dev.clinigate.Approvals;
import dev.clinigate.ChangeEnvelope;
import dev.clinigate.Enforcement;
import dev.clinigate.BaselineComparison;
import dev.clinigate.ConditionRule;
import dev.clinigate.Decision;
import dev.clinigate.Direction;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.GapRule;
import dev.clinigate.Bounds;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.NetBenefitRule;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Rule;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Subgroups;
import dev.clinigate.Verdict;
import dev.clinigate.internal.expr.Expression;
import dev.clinigate.internal.expr.Reference;
import dev.clinigate.internal.expr.Resolver;
import dev.clinigate.internal.expr.Value;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
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
 *
 * <p>Result order: the stage check, the gates in policy order, the requirements, the approvals, then any
 * waiver in the evidence that was ignored. Waivers are applied last, to the gates' and requirements'
 * {@code FAIL} results only (see {@link WaiverChecks}).
 */
public final class PromotionEvaluator {
  private PromotionEvaluator() {}

  /** Evaluates every rule of the policy against the evidence. */
  public static Decision evaluate(PromotionPolicy policy, Evidence evidence, EvaluationOptions options) {
    return evaluate(policy, evidence, options, Optional.empty());
  }

  /**
   * Evaluates every rule of the policy against the evidence and, with a change envelope, the envelope's
   * results after the requirements; inside the envelope its approvals replace the policy's.
   */
  public static Decision evaluate(PromotionPolicy policy, Evidence evidence, EvaluationOptions options,
      Optional<ChangeEnvelope> envelope) {
    MetricSetView candidate = new MetricSetView(evidence.json());
    Optional<MetricSetView> baseline = evidence.json().get("baseline")
        .map(v -> new MetricSetView((JsonObject) v));
    List<RuleResult> results = new ArrayList<>();
    new StageCheck(policy, evidence).stage().ifPresent(results::add);
    for (Rule rule : policy.rules()) {
      gate(rule, candidate, baseline, evidence.json(), policy.expectedGroups(), results);
    }
    results.addAll(new RequirementChecks(policy, evidence, options).requirements());
    Optional<Approvals> approvals = policy.approvals();
    if (envelope.isPresent()) {
      List<RuleResult> admitted = new ArrayList<>();
      approvals = envelope(policy, envelope.get(), candidate, baseline, evidence.json(), admitted);
      results.addAll(admitted);
    }
    results.addAll(new ApprovalChecks(policy, evidence, options, approvals).approvals());
    List<RuleResult> decided = new WaiverChecks(policy, evidence, options).applyWaivers(results);
    boolean blocked = decided.stream().anyMatch(RuleResult::blocking);
    return new Decision(blocked ? Verdict.NO_GO : Verdict.GO, policy.kind(), policy.metadata(), policy.sha256(),
        evidence.sha256(), evidence.subjectSha256(), options.at(), decided);
  }

  private static void gate(Rule rule, MetricSetView candidate, Optional<MetricSetView> baseline, JsonObject root,
      Map<String, List<String>> expected, List<RuleResult> results) {
    switch (rule.type()) {
      case METRIC -> cohortRule((MetricRule) rule, candidate, baseline, root, expected, results);
      case NET_BENEFIT -> results.add(netBenefitRule((NetBenefitRule) rule, candidate));
      case GAP -> gapRule((GapRule) rule, candidate, expected, results);
      case CONDITION -> results.add(conditionRule((ConditionRule) rule, candidate, root, expected));
      default -> throw new IllegalStateException("unknown rule type " + rule.type());
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // change envelope

  /**
   * The envelope's results: {@code envelope} (the declared change is an allowed modification of this
   * policy's model) and {@code envelope:<criterion>} per frozen criterion, all hard. Returns the approvals
   * to check: the envelope's when the candidate is inside it (no envelope result blocks) and it states
   * approvals, else the policy's.
   */
  private static Optional<Approvals> envelope(PromotionPolicy policy, ChangeEnvelope env, MetricSetView candidate,
      Optional<MetricSetView> baseline, JsonObject root, List<RuleResult> out) {
    String name = "change envelope " + env.label();
    JsonObject.Builder bb = JsonObject.builder().put("envelope", env.metadata().name())
        .put("version", env.metadata().versionJson()).put("sha256", env.sha256());
    List<String> allowed = env.modifications().stream().map(ChangeEnvelope.Modification::type).toList();
    bb.put("modifications", dev.clinigate.json.JsonArray.ofStrings(allowed));
    JsonObject bound = bb.build();
    Enforcement hard = Enforcement.HARD;
    String id = "envelope";
    String remedy = "a change of a type " + name + " allows (" + String.join(", ", allowed) + "), declared in change, "
        + "or a new approval cycle under the full policy (evaluate without --envelope)";
    JsonObject change = MetricSetView.object(root, "change");
    String type = change == null ? null : GovernanceText.string(change, "type");
    JsonObject from = MetricSetView.object(change, "from");
    String fromVersion = from == null ? null : GovernanceText.string(from, "version");
    RuleResult admission;
    Optional<String> relaxNote = Optional.empty();
    if (!env.policy().equals(policy.metadata().name())) {
      admission = Results.of(id, hard, Status.FAIL, OptionalDouble.empty(), bound, Optional.empty(),
          capitalizeFirst(name) + " belongs to policy " + env.policy() + ", not to " + policy.metadata().name() + ".",
          "evaluate with the change envelope of policy " + policy.metadata().name());
    } else if (Identity.blank(type) || Identity.blank(fromVersion)) {
      admission = Results.missing(id, hard, bound, Optional.empty(), "The evidence declares no change (change.type"
          + " and change.from.version), so " + name + " cannot admit it; the rule fails closed.", "declare the "
          + "modification in change: {type, from: {version}, description}");
    } else if (env.modification(type.strip()).isEmpty()) {
      admission = Results.of(id, hard, Status.FAIL, OptionalDouble.empty(), bound, Optional.empty(),
          "The change from version " + fromVersion.strip() + " is of type " + type.strip() + ", which " + name
          + " does not allow (allowed: " + String.join(", ", allowed) + "); it needs a new approval cycle.", remedy);
    } else {
      ChangeEnvelope.Modification m = env.modification(type.strip()).get();
      Lookup threshold = Lookup.of(change.members().get("threshold"));
      String what = "The " + m.type() + " from version " + fromVersion.strip();
      if (m.hasThresholdRange() && !threshold.isNumber()) {
        admission = Results.missing(id, hard, bound, Optional.empty(), what + " does not state its new threshold: "
            + "change.threshold " + threshold.problem() + ", so " + name + " cannot check its range; the rule fails "
            + "closed.", "record the new decision threshold in change.threshold");
      } else if (m.hasThresholdRange() && (threshold.value() < m.lowest().getAsDouble()
          || threshold.value() > m.highest().getAsDouble())) {
        admission = Results.of(id, hard, Status.FAIL, OptionalDouble.of(threshold.value()), bound, Optional.empty(),
            what + " sets the threshold to " + Numbers.observed(threshold.value()) + ", outside the range ["
            + NumberText.plain(m.lowest().getAsDouble()) + ", " + NumberText.plain(m.highest().getAsDouble())
            + "] that " + name + " allows; it needs a new approval cycle.", "a threshold within ["
            + NumberText.plain(m.lowest().getAsDouble()) + ", " + NumberText.plain(m.highest().getAsDouble()) + "]");
      } else {
        admission = null;
        String range = m.hasThresholdRange() ? " (threshold " + Numbers.observed(threshold.value()) + " within ["
            + NumberText.plain(m.lowest().getAsDouble()) + ", " + NumberText.plain(m.highest().getAsDouble()) + "])"
            : "";
        relaxNote = Optional.of(what + range + " is a modification " + name + " allows");
      }
    }
    List<RuleResult> criteria = new ArrayList<>();
    for (Rule r : env.criteria()) {
      List<RuleResult> inner = new ArrayList<>();
      gate(r, candidate, baseline, root, Map.of(), inner);
      for (RuleResult x : inner) {
        criteria.add(new RuleResult("envelope:" + x.id(), x.status(), x.observed(), x.bound(), x.subject(),
            capitalizeFirst(name) + ", frozen criterion " + x.id() + ": " + x.message(), x.enforcement(),
            x.blocking(), x.waiver(), x.remedy()));
      }
    }
    boolean inside = admission == null && criteria.stream().noneMatch(RuleResult::blocking);
    Optional<Approvals> approvals = policy.approvals();
    String approvalNote = "";
    if (inside && env.approvals().isPresent() && policy.approvals().isPresent()) {
      Approvals full = policy.approvals().get();
      ChangeEnvelope.EnvelopeApprovals ea = env.approvals().get();
      List<String> unknown = ea.roles().stream().filter(r -> !full.roles().isEmpty() && !full.roles().contains(r))
          .toList();
      if (!unknown.isEmpty()) {
        admission = Results.of(id, hard, Status.FAIL, OptionalDouble.empty(), bound, Optional.empty(),
            capitalizeFirst(name) + " relaxes approvals to role" + (unknown.size() == 1 ? " " : "s ")
            + String.join(", ", unknown) + ", which the policy's approvals do not have: an envelope may only drop "
            + "roles, never add or rename them.", "list only roles of the policy's approvals.roles in the envelope");
        inside = false;
      } else {
        int min = Math.max(ea.minApprovers(), policy.riskTier().minApproversFloor());
        approvals = Optional.of(new Approvals(ea.roles(), min, full.separationOfDuties(), full.maxAge()));
        approvalNote = "; inside it, approvals relax to " + (ea.roles().isEmpty() ? "any role" : "role"
            + (ea.roles().size() == 1 ? " " : "s ") + String.join(", ", ea.roles())) + " with at least " + min
            + " approver" + (min == 1 ? "" : "s") + " (the policy asks for " + (full.roles().isEmpty() ? "any role"
            : String.join(", ", full.roles())) + ", " + full.minApprovers() + ")";
      }
    }
    if (admission == null) {
      String verdictNote = criteria.stream().anyMatch(RuleResult::blocking)
          ? ", but it misses a frozen criterion (below)" : ", and it meets every frozen criterion" + approvalNote;
      admission = Results.of(id, hard, Status.PASS, OptionalDouble.empty(), bound, Optional.empty(),
          relaxNote.orElseThrow() + verdictNote + ".", "");
    }
    out.add(admission);
    out.addAll(criteria);
    return inside ? approvals : policy.approvals();
  }

  // ---------------------------------------------------------------------------------------------------
  // validation cohorts

  /**
   * A metric rule on the evidence's own report, or ({@code on: validation.<cohort>}) on a validation
   * cohort's report, whose results name the cohort. An absent cohort is {@code MISSING}: a gate on external
   * validation never passes for evidence that has none.
   */
  private static void cohortRule(MetricRule rule, MetricSetView candidate, Optional<MetricSetView> baseline,
      JsonObject root, Map<String, List<String>> expected, List<RuleResult> out) {
    if (rule.cohort().isEmpty()) {
      metricRule(rule, candidate, baseline, root, expected, out);
      return;
    }
    String cohort = rule.cohort().get();
    Optional<MetricSetView> view = candidate.cohort(cohort);
    if (view.isEmpty()) {
      out.add(missing(rule, bound(rule), Optional.of("cohort=" + cohort), cohortMissing(cohort,
          rule.metric().displayName()), "supply the " + cohort + " validation cohort's metrics report as validation."
          + cohort));
      return;
    }
    List<RuleResult> inner = new ArrayList<>();
    metricRule(rule, view.get(), Optional.empty(), root, expected, inner);
    for (RuleResult r : inner) {
      out.add(inCohort(r, cohort));
    }
  }

  static String cohortMissing(String cohort, String what) {
    return "The evidence has no " + cohort + " validation cohort (validation." + cohort + "), so " + lowerFirst(what)
        + " cannot be checked on it; the rule fails closed.";
  }

  /** A result judged on a validation cohort: its subject and message name the cohort. */
  private static RuleResult inCohort(RuleResult r, String cohort) {
    String subject = "cohort=" + cohort + r.subject().map(s -> ", " + s).orElse("");
    String label = Character.toUpperCase(cohort.charAt(0)) + cohort.substring(1) + " validation";
    JsonObject.Builder b = JsonObject.builder();
    r.bound().members().forEach(b::put);
    b.put("on", "validation." + cohort);
    return new RuleResult(r.id(), r.status(), r.observed(), b.build(), Optional.of(subject), label + ": "
        + r.message(), r.enforcement(), r.blocking(), r.waiver(), r.remedy().isEmpty() ? "" : r.remedy()
        + " on the " + cohort + " validation cohort");
  }

  // ---------------------------------------------------------------------------------------------------
  // net benefit against the default strategies

  /**
   * Net benefit above treat-all and treat-none at every threshold of the range that the evidence reports;
   * the range's required thresholds must all be reported.
   */
  private static RuleResult netBenefitRule(NetBenefitRule rule, MetricSetView candidate) {
    JsonObject.Builder bb = JsonObject.builder().put("from", rule.from()).put("to", rule.to());
    rule.step().ifPresent(st -> bb.put("step", st));
    JsonObject bound = bb.put("bound", rule.bound().key()).build();
    Optional<String> subject = rule.cohort().map(c -> "cohort=" + c);
    String range = NumberText.plain(rule.from()) + " to " + NumberText.plain(rule.to());
    String prefix = rule.cohort().map(c -> Character.toUpperCase(c.charAt(0)) + c.substring(1) + " validation: ")
        .orElse("");
    String remedy = (rule.bound() == MetricRef.Statistic.LOWER95 ? "the lower 95% bound of net benefit" : "net benefit")
        + " above treating all and treating none at every threshold from " + range;
    MetricSetView set = candidate;
    if (rule.cohort().isPresent()) {
      Optional<MetricSetView> view = candidate.cohort(rule.cohort().get());
      if (view.isEmpty()) {
        return missing(rule, bound, subject, cohortMissing(rule.cohort().get(), "net benefit"), "supply the "
            + rule.cohort().get() + " validation cohort's metrics report as validation." + rule.cohort().get());
      }
      set = view.get();
    }
    TreeMap<Double, JsonObject> rows = new TreeMap<>();
    for (JsonObject row : set.thresholdRows()) {
      double t = ((dev.clinigate.json.JsonNumber) row.members().get("threshold")).value();
      if (t >= rule.from() && t <= rule.to()) {
        rows.put(t, row);
      }
    }
    List<String> absent = new ArrayList<>();
    for (double t : rule.requiredThresholds()) {
      if (!rows.containsKey(t)) {
        absent.add(NumberText.plain(t));
      }
    }
    if (!absent.isEmpty()) {
      return missing(rule, bound, subject, prefix + "The evidence has no decision-curve results at threshold"
          + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent) + " (thresholds[]), which the range "
          + range + " needs; the rule fails closed.", "report net_benefit and net_benefit_treat_all at threshold"
          + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent) + " (clinigate metrics --threshold)");
    }
    boolean lower = rule.bound() == MetricRef.Statistic.LOWER95;
    String what = lower ? "the lower 95% bound of net benefit" : "net benefit";
    List<String> losing = new ArrayList<>();
    double worstMargin = Double.POSITIVE_INFINITY;
    double worstAt = rule.from();
    for (Map.Entry<Double, JsonObject> e : rows.entrySet()) {
      String t = NumberText.plain(e.getKey());
      MetricRef nbRef = new MetricRef("net_benefit", java.util.OptionalDouble.of(e.getKey()), Optional.empty(),
          rule.bound());
      Lookup nb = set.value(nbRef);
      Lookup all = Lookup.of(e.getValue().members().get("net_benefit_treat_all"));
      if (!nb.isNumber()) {
        return missing(rule, bound, subject, prefix + capitalizeFirst(what) + " at " + t + " " + nb.problem()
            + "; the rule fails closed.", "report " + (lower ? "the bootstrap interval of net_benefit@" + t
            + " (clinigate metrics --bootstrap)" : "net_benefit at " + t));
      }
      if (!all.isNumber()) {
        return missing(rule, bound, subject, prefix + "The net benefit of treating all at " + t + " " + all.problem()
            + "; the rule fails closed.", "report net_benefit_treat_all at " + t + " (clinigate metrics prints it)");
      }
      double best = Math.max(all.value(), 0.0);
      double margin = Numbers.decimalDifference(nb.value(), best);
      if (margin < worstMargin) {
        worstMargin = margin;
        worstAt = e.getKey();
      }
      if (!(nb.value() > best)) {
        losing.add(t + " (" + Numbers.observed(nb.value()) + " against treat-all " + Numbers.observed(all.value())
            + " and treat-none 0)");
      }
    }
    if (rows.isEmpty()) { // unreachable: the range's ends are required
      return missing(rule, bound, subject, prefix + "The evidence has no thresholds from " + range
          + "; the rule fails closed.", remedy);
    }
    if (!losing.isEmpty()) {
      return result(rule, Status.FAIL, OptionalDouble.of(worstMargin), bound, subject, prefix + capitalizeFirst(what)
          + " does not beat both treating all and treating none at " + (losing.size() == 1 ? "threshold " : losing.size()
          + " of the " + rows.size() + " thresholds from " + range + ": ") + String.join("; ", losing) + ".", remedy);
    }
    return result(rule, Status.PASS, OptionalDouble.of(worstMargin), bound, subject, prefix + capitalizeFirst(what)
        + " beats both treating all and treating none at all " + rows.size() + " thresholds from " + range
        + " (smallest margin " + Numbers.observed(worstMargin) + " at " + NumberText.plain(worstAt) + ").", "");
  }

  private static String capitalizeFirst(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ---------------------------------------------------------------------------------------------------
  // metric rules

  private static void metricRule(MetricRule rule, MetricSetView candidate, Optional<MetricSetView> baseline,
      JsonObject root, Map<String, List<String>> expected, List<RuleResult> out) {
    if (rule.metric().isDriftMetric()) {
      driftRule(rule, root, out);
      return;
    }
    if (rule.baseline().isPresent()
        && rule.baseline().get().measure() == BaselineComparison.Measure.NON_INFERIORITY_MARGIN) {
      out.add(nonInferiority(rule, root));
      return;
    }
    if (rule.subgroups().isEmpty()) {
      out.add(judge(rule, Optional.empty(), candidate, baseline));
      return;
    }
    Subgroups sg = rule.subgroups().get();
    List<Pending> pending = new ArrayList<>();
    for (String column : sg.by()) {
      Optional<Map<String, MetricSetView>> groups = candidate.groups(column);
      if (groups.isEmpty() || groups.get().isEmpty()) {
        out.add(missing(rule, bound(rule), Optional.of(column), "The evidence has no subgroup results for "
            + column + "; the rule fails closed.", "supply " + rule.metric().displayName() + " for every group of "
            + column + " (groups." + column + ")"));
        continue;
      }
      Optional<Map<String, MetricSetView>> baseGroups = baseline.flatMap(b -> b.groups(column));
      TreeMap<String, MetricSetView> all = new TreeMap<>(groups.get());
      expected.getOrDefault(column, List.of()).forEach(v -> all.putIfAbsent(v, null));
      for (Map.Entry<String, MetricSetView> g : all.entrySet()) {
        String subject = column + "=" + g.getKey();
        if (g.getValue() == null) {
          out.add(expectedMissing(rule, bound(rule), column, g.getKey()));
          continue;
        }
        Optional<MetricSetView> bg = baseGroups.map(m -> m.get(g.getKey()));
        if (baseline.isPresent() && bg.isEmpty()) {
          bg = Optional.of(new MetricSetView(JsonObject.empty()));
        }
        MetricSetView group = g.getValue();
        Floor floor = floor(sg, group, subject);
        if (floor != null) {
          if (floor.missing()) {
            out.add(missing(rule, bound(rule), Optional.of(subject), floor.text() + "; the rule fails closed.",
                floor.remedy()));
          } else {
            out.add(Results.insufficient(rule.id(), rule.enforcement(), rule.failOnInsufficientData(), bound(rule),
                Optional.of(subject), rule.metric().displayName() + " for " + subject + " not assessed: "
                + floor.text() + ".", floor.remedy()));
          }
          continue;
        }
        if (sg.adjust().isPresent() && rule.baseline().isEmpty()) {
          pending.add(new Pending(subject, group, out.size()));
          out.add(null); // decided below, jointly over the rule's groups
          continue;
        }
        out.add(judge(rule, Optional.of(subject), group, bg));
      }
    }
    if (!pending.isEmpty()) {
      adjusted(rule, sg.adjust().orElseThrow(), pending, out);
    }
  }

  /** A group whose bound is judged jointly with the rule's other groups. */
  private record Pending(String subject, MetricSetView group, int index) {}

  /** A p-value gate ({@code min: alpha}) over a rule's groups, each p-value adjusted over the judged groups. */
  private static void adjustedPValues(MetricRule rule, Subgroups.Adjustment adjust, List<Pending> pending,
      List<RuleResult> out) {
    MetricRef ref = rule.metric();
    double alpha = rule.limits().min().orElseThrow();
    JsonObject bound = JsonObject.builder().put("min", alpha).put("adjust", adjust.yamlName()).build();
    List<Pending> judged = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (Pending p : pending) {
      Lookup v = p.group().point(ref);
      if (!v.isNumber()) {
        String what = ref.displayName() + " for " + p.subject();
        out.set(p.index(), missing(rule, bound, Optional.of(p.subject()), what + " " + v.problem()
            + "; the rule fails closed.", "supply " + lowerFirst(what)));
        continue;
      }
      judged.add(p);
      raw.add(v.value());
    }
    int k = judged.size();
    double[] adjusted = adjust.adjust(raw.stream().mapToDouble(Double::doubleValue).toArray());
    for (int i = 0; i < k; i++) {
      Pending p = judged.get(i);
      boolean ok = adjusted[i] >= alpha;
      Lookup n = p.group().n();
      String nText = n.isNumber() && n.value() == Math.rint(n.value()) ? " (n=" + NumberText.count((long) n.value()) + ")"
          : "";
      String name = ref.displayName() + " for " + p.subject();
      String msg = name + " is " + NumberText.significant(raw.get(i), 3) + ", " + adjust.displayName()
          + "-adjusted over the " + k + " groups of this rule " + NumberText.significant(adjusted[i], 3) + (ok
          ? ", at or above " : ", below ") + NumberText.plain(alpha) + nText + ".";
      out.set(p.index(), result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(adjusted[i]), bound,
          Optional.of(p.subject()), msg, "an adjusted " + name + " of at least " + NumberText.plain(alpha)
          + " (" + adjust.displayName() + " over " + k + " groups)"));
    }
  }

  /** One-sided level of a 95% confidence bound. */
  private static final double ONE_SIDED_ALPHA = 0.025;
  private static final double Z975 = 1.959963984540054;

  /**
   * Simultaneous confidence bounds over a rule's groups (Bonferroni or Holm on the one-sided p-values of
   * "the metric is beyond the limit"; see {@link Subgroups}).
   */
  private static void adjusted(MetricRule rule, Subgroups.Adjustment adjust, List<Pending> pending,
      List<RuleResult> out) {
    MetricRef ref = rule.metric();
    if (MetricRef.P_VALUE_METRICS.contains(ref.name())) {
      adjustedPValues(rule, adjust, pending, out);
      return;
    }
    boolean lower = ref.statistic() == MetricRef.Statistic.LOWER95;
    double limit = lower ? rule.limits().min().orElseThrow() : rule.limits().max().orElseThrow();
    JsonObject bound = JsonObject.builder().put(lower ? "min" : "max", limit).put("bound", ref.statistic().key())
        .put("adjust", adjust.yamlName()).build();
    List<Pending> judged = new ArrayList<>();
    List<double[]> stats = new ArrayList<>(); // {bound value, point, p}
    for (Pending p : pending) {
      Lookup point = p.group().point(ref);
      Optional<double[]> iv = p.group().interval(ref);
      if (!point.isNumber() || iv.isEmpty()) {
        String what = ref.displayName() + " for " + p.subject();
        out.set(p.index(), missing(rule, bound, Optional.of(p.subject()), (iv.isEmpty()
            ? "The 95% interval of " + what + " is missing from the evidence"
            : what + " " + point.problem()) + ", so its " + adjust.displayName() + "-adjusted bound cannot be"
            + " computed; the rule fails closed.", "supply " + lowerFirst(what) + " with its 95% interval"));
        continue;
      }
      double se = (iv.get()[1] - iv.get()[0]) / (2 * Z975);
      double margin = lower ? point.value() - limit : limit - point.value();
      double pv = se > 0 ? Normal.upperTail(margin / se) : margin > 0 ? 0.0 : 1.0;
      judged.add(p);
      stats.add(new double[] {lower ? iv.get()[0] : iv.get()[1], point.value(), pv});
    }
    int k = judged.size();
    double[] raw = new double[k];
    for (int i = 0; i < k; i++) {
      raw[i] = stats.get(i)[2];
    }
    double[] adjustedP = adjust.adjust(raw);
    String method = adjust.displayName();
    for (int i = 0; i < k; i++) {
      Pending p = judged.get(i);
      double[] st = stats.get(i);
      boolean ok = adjustedP[i] <= ONE_SIDED_ALPHA;
      Lookup n = p.group().n();
      String nText = n.isNumber() && n.value() == Math.rint(n.value()) ? " (n=" + NumberText.count((long) n.value()) + ")"
          : "";
      String name = ref.displayName() + " for " + p.subject();
      String side = lower ? "at or above the minimum " : "at or below the maximum ";
      String msg = name + " " + statName(ref) + " is " + Numbers.observed(st[0], limit) + " (point "
          + Numbers.observed(st[1]) + "); over the " + k + " groups of this rule the " + method + "-adjusted one-sided p"
          + (adjustedP[i] < 0.0001 ? " < 0.0001" : " = " + NumberText.significant(adjustedP[i], 2))
          + (ok ? ", at most 0.025" : ", above 0.025") + ", so it is " + (ok ? "" : "not shown to be ") + side
          + NumberText.plain(limit) + " with simultaneous 95% confidence" + nText + ".";
      out.set(p.index(), result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(st[0]), bound,
          Optional.of(p.subject()), msg, lowerFirst(name) + " " + side + NumberText.plain(limit)
          + " with simultaneous 95% confidence (" + method + " over " + k + " groups; more cases narrow the interval)"));
    }
  }


  /**
   * Why a group is not judged: below a floor of the rule (INSUFFICIENT_DATA) or without the counts a floor
   * needs ({@code missing}: the rule fails closed).
   */
  private record Floor(boolean missing, String text, String remedy) {}

  /** The floor a group falls below (fixed size, minimum events, Riley's criterion, in that order), or null. */
  private static Floor floor(Subgroups sg, MetricSetView group, String subject) {
    if (!sg.hasFloor()) {
      return null;
    }
    Lookup n = group.n();
    if (!n.isNumber()) {
      return new Floor(true, "The size of group " + subject + " " + n.problem() + ", so its minimum size "
          + "cannot be checked", "supply n for " + subject);
    }
    long cases = (long) n.value();
    if (sg.minGroupSize().isPresent() && cases < sg.minGroupSize().getAsLong()) {
      long min = sg.minGroupSize().getAsLong();
      return new Floor(false, "n=" + NumberText.count(cases) + " is below the minimum group size "
          + NumberText.count(min), "at least " + NumberText.count(min) + " cases in " + subject);
    }
    if (sg.minEvents().isEmpty() && sg.rileyCiWidth().isEmpty()) {
      return null;
    }
    Lookup positives = group.point(MetricRef.parse("positives"));
    if (!positives.isNumber()) {
      return new Floor(true, "The number of events (positives) of group " + subject + " " + positives.problem()
          + ", so its minimum " + (sg.minEvents().isPresent() ? "number of events" : "size (Riley)")
          + " cannot be checked", "supply positives for " + subject);
    }
    long events = (long) positives.value();
    if (sg.minEvents().isPresent() && events < sg.minEvents().getAsLong()) {
      long min = sg.minEvents().getAsLong();
      return new Floor(false, NumberText.count(events) + (events == 1 ? " event (positive) is" : " events (positives) are")
          + " below the minimum " + NumberText.count(min), "at least " + NumberText.count(min) + " events in " + subject);
    }
    if (sg.rileyCiWidth().isPresent()) {
      double width = sg.rileyCiWidth().getAsDouble();
      String widthText = NumberText.plain(width);
      if (events == 0) {
        return new Floor(false, "the group has no events, so no number of cases gives the O/E interval of width "
            + widthText + " that Riley's criterion asks for", "events in " + subject);
      }
      double prevalence = cases == 0 ? 0 : (double) events / cases;
      long required = Subgroups.rileyMinimumSize(prevalence, width);
      if (cases < required) {
        return new Floor(false, "n=" + NumberText.count(cases) + " is below the " + NumberText.count(required)
            + " cases Riley's criterion needs for a 95% O/E interval of width " + widthText + " at the group's"
            + " prevalence " + NumberText.significant(prevalence, 3), "at least " + NumberText.count(required)
            + " cases in " + subject);
      }
    }
    return null;
  }

  /** The MISSING result of a group the policy expects ({@code spec.expectedGroups}) that the evidence lacks. */
  private static RuleResult expectedMissing(Rule rule, JsonObject bound, String column, String value) {
    String subject = column + "=" + value;
    MetricRef metric = rule instanceof GapRule g ? g.metric() : ((MetricRule) rule).metric();
    return missing(rule, bound, Optional.of(subject), "The evidence has no results for group " + subject
        + ", which the policy expects (expectedGroups." + column + "); the rule fails closed.", "supply "
        + lowerFirst(metric.displayName()) + " for " + subject + " (groups." + column + "." + value + ")");
  }

  private static JsonObject bound(MetricRule rule) {
    JsonObject.Builder b = JsonObject.builder();
    rule.limits().toJson().members().forEach(b::put);
    rule.baseline().ifPresent(bl -> b.put(bl.measure().key(), bl.limit()).put("baseline", bl.baseline()));
    return b.build();
  }

  /** Judges one subject of a metric rule. */
  private static RuleResult judge(MetricRule rule, Optional<String> subject, MetricSetView set,
      Optional<MetricSetView> baseline) {
    MetricRef ref = rule.metric();
    String name = ref.displayName() + subject.map(s -> " for " + s).orElse("");
    Lookup n = ref.isLabelMetric() ? set.labelPairs() : set.n(); // kappa's n: the cases both raters labelled
    String nText = n.isNumber() && n.value() == Math.rint(n.value()) ? " (n=" + NumberText.count((long) n.value()) + ")" : "";
    Lookup v = set.value(ref);
    JsonObject bound = bound(rule);
    String what = ref.statistic() == MetricRef.Statistic.POINT ? name : name + " " + statName(ref);
    if (!v.isNumber()) {
      return missing(rule, bound, subject, what + " " + v.problem() + "; the rule fails closed.",
          "supply " + lowerFirst(what) + " in the evidence");
    }
    double value = v.value();
    boolean ok = true;
    StringBuilder msg = new StringBuilder();
    List<String> remedies = new ArrayList<>();
    if (rule.limits().isBounded()) {
      boolean inLimits = rule.limits().test(value);
      ok = inLimits;
      msg.append(describeValue(ref, name, value, set, rule.limits())).append(", ")
          .append(limitClause(rule.limits(), value, inLimits));
      if (!inLimits) {
        remedies.add(limitRemedy(rule.limits(), lowerFirst(what)));
      }
    }
    if (rule.baseline().isPresent()) {
      BaselineComparison bl = rule.baseline().get();
      if (baseline.isEmpty()) {
        return missing(rule, bound, subject, "The evidence has no baseline (" + bl.baseline() + ") metrics, so "
            + name + " cannot be compared with it; the rule fails closed.", "supply the " + bl.baseline()
            + " model's metrics on the same cases as the evidence's baseline");
      }
      Lookup b = baseline.get().value(ref);
      if (!b.isNumber()) {
        return missing(rule, bound, subject, "The baseline's " + lowerFirst(name) + " " + b.problem()
            + "; the rule fails closed.", "supply the baseline's " + lowerFirst(what) + " in the evidence");
      }
      boolean higherBetter = Direction.of(ref.name()) == Direction.HIGHER_IS_BETTER;
      double drop = higherBetter ? Numbers.decimalDifference(b.value(), value) : Numbers.decimalDifference(value, b.value());
      String lead = msg.length() == 0 ? name + " is " + Numbers.observed(value) + " against " : "; against ";
      String against = lead + bl.baseline() + "'s " + Numbers.observed(b.value()) + ": ";
      if (bl.measure() == BaselineComparison.Measure.MAX_DROP) {
        boolean dropOk = drop <= bl.limit();
        ok &= dropOk;
        String dropText = drop > 0 ? "worse by " + Numbers.observed(drop, bl.limit()) : "no worse";
        msg.append(against).append(dropText).append(", ").append(dropOk ? "within" : "beyond")
            .append(" the maximum drop ").append(NumberText.plain(bl.limit()));
        if (!dropOk) {
          remedies.add(lowerFirst(name) + " no more than " + NumberText.plain(bl.limit()) + " worse than " + bl.baseline()
              + "'s " + Numbers.observed(b.value()));
        }
      } else {
        if (b.value() == 0.0) {
          return missing(rule, bound, subject, bl.baseline() + "'s " + lowerFirst(name) + " is 0, so a relative drop "
              + "is undefined; the rule fails closed.", "compare this metric with maxDrop instead of maxRelativeDrop");
        }
        double rel = new BigDecimal(ShortestDecimal.toString(drop)).divide(new BigDecimal(ShortestDecimal.toString(Math.abs(b.value()))),
            MathContext.DECIMAL64).doubleValue();
        boolean relOk = rel <= bl.limit();
        ok &= relOk;
        String formula = higherBetter
            ? "(" + Numbers.observed(b.value()) + " - " + Numbers.observed(value) + ") / " + Numbers.observed(Math.abs(b.value()))
            : "(" + Numbers.observed(value) + " - " + Numbers.observed(b.value()) + ") / " + Numbers.observed(Math.abs(b.value()));
        String relText = drop > 0 ? "worse by " + Numbers.observed(rel, bl.limit()) + " of " + bl.baseline()
            + "'s value " + formula : "no worse";
        msg.append(against).append(relText).append(", ").append(relOk ? "within" : "beyond")
            .append(" the maximum relative drop ").append(NumberText.plain(bl.limit()));
        if (!relOk) {
          remedies.add(lowerFirst(name) + " no more than " + NumberText.plain(bl.limit()) + " (relative) worse than "
              + bl.baseline() + "'s " + Numbers.observed(b.value()));
        }
      }
    }
    return result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(value), bound, subject, msg + nText + ".",
        String.join("; and ", remedies));
  }

  /** A non-inferiority gate: reads {@code comparison.<metric>} (the paired difference candidate - baseline). */
  private static RuleResult nonInferiority(MetricRule rule, JsonObject root) {
    MetricRef ref = rule.metric();
    BaselineComparison bl = rule.baseline().orElseThrow();
    JsonObject bound = bound(rule);
    String name = ref.displayName();
    String diffName = name + " minus " + bl.baseline() + "'s";
    JsonObject entry = MetricSetView.object(MetricSetView.object(root, "comparison"), ref.key());
    String remedy = "supply the paired comparison of " + name + " with " + bl.baseline() + " as comparison."
        + ref.key() + " (clinigate metrics --baseline-score COL)";
    if (entry == null) {
      return missing(rule, bound, Optional.empty(), "The evidence has no comparison of " + name + " with "
          + bl.baseline() + " (comparison." + ref.key() + "), so non-inferiority cannot be shown; the rule fails closed.",
          remedy);
    }
    boolean higherBetter = Direction.of(ref.name()) == Direction.HIGHER_IS_BETTER;
    String boundKey = higherBetter ? "lower95" : "upper95";
    Lookup edge = Lookup.of(entry.members().get(boundKey));
    if (!edge.isNumber()) {
      return missing(rule, bound, Optional.empty(), "The " + (higherBetter ? "lower" : "upper") + " 95% bound of "
          + diffName + " (comparison." + ref.key() + "." + boundKey + ") " + edge.problem() + "; the rule fails closed.",
          remedy);
    }
    double margin = bl.limit();
    double x = edge.value();
    boolean ok = higherBetter ? x > -margin : x < margin;
    StringBuilder msg = new StringBuilder();
    Lookup cand = Lookup.of(entry.members().get("candidate"));
    Lookup base = Lookup.of(entry.members().get("baseline"));
    Lookup diff = Lookup.of(entry.members().get("difference"));
    Lookup lo = Lookup.of(entry.members().get("lower95"));
    Lookup hi = Lookup.of(entry.members().get("upper95"));
    if (cand.isNumber() && base.isNumber()) {
      msg.append(name).append(" is ").append(Numbers.observed(cand.value())).append(" against ").append(bl.baseline())
          .append("'s ").append(Numbers.observed(base.value())).append("; the difference");
    } else {
      msg.append(diffName);
    }
    List<String> detail = new ArrayList<>();
    if (lo.isNumber() && hi.isNumber()) {
      detail.add("95% CI " + Numbers.observed(lo.value(), -margin, margin) + " to "
          + Numbers.observed(hi.value(), -margin, margin));
    }
    String method = entry.members().get("method") instanceof JsonString s ? methodName(s.value()) : "";
    if (!method.isEmpty()) {
      detail.add(method);
    }
    if (diff.isNumber()) {
      msg.append(" is ").append(Numbers.observed(diff.value()));
      if (!detail.isEmpty()) {
        msg.append(" (").append(String.join(", ", detail)).append(")");
      }
    } else if (!detail.isEmpty()) {
      msg.append(" has ").append(String.join(", ", detail));
    }
    String edgeText = Numbers.observed(x, higherBetter ? -margin : margin);
    String marginText = NumberText.plain(higherBetter ? -margin : margin);
    if (higherBetter) {
      msg.append(ok ? "; the lower bound " + edgeText + " is above " + marginText + ": non-inferior within the margin "
          : "; the lower bound " + edgeText + " is not above " + marginText + ", so non-inferiority within the margin ")
          .append(NumberText.plain(margin)).append(ok ? "." : " is not shown.");
    } else {
      msg.append(ok ? "; the upper bound " + edgeText + " is below " + marginText + ": non-inferior within the margin "
          : "; the upper bound " + edgeText + " is not below " + marginText + ", so non-inferiority within the margin ")
          .append(NumberText.plain(margin)).append(ok ? "." : " is not shown.");
    }
    // DeLong's one-sided test of H0: the candidate is worse by at least the margin (z from the paired SE)
    Lookup se = Lookup.of(entry.members().get("se"));
    if (method.equals("paired DeLong") && diff.isNumber() && se.isNumber() && se.value() > 0) {
      double z = (higherBetter ? diff.value() + margin : margin - diff.value()) / se.value();
      double p = Normal.upperTail(z);
      msg.setLength(msg.length() - 1);
      msg.append("; one-sided DeLong p = ").append(p < 0.0001 ? "<0.0001" : NumberText.significant(p, 2))
          .append(" against inferiority by the margin.");
    }
    String failRemedy = "show non-inferiority: the " + (higherBetter ? "lower" : "upper") + " 95% bound of "
        + lowerFirst(diffName) + " " + (higherBetter ? "above " : "below ") + marginText
        + " (more cases narrow the interval)";
    return result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(x), bound, Optional.empty(), msg.toString(),
        failRemedy);
  }

  private static String methodName(String method) {
    return switch (method.toLowerCase(java.util.Locale.ROOT)) {
      case "delong", "paired_delong", "paired-delong" -> "paired DeLong";
      case "bootstrap", "paired_bootstrap", "paired-bootstrap" -> "paired bootstrap";
      case "none" -> "";
      default -> method;
    };
  }

  private static String describeValue(MetricRef ref, String name, double value, MetricSetView set, Bounds limits) {
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

  private static double[] limitValues(Bounds l) {
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

  private static String limitClause(Bounds l, double value, boolean ok) {
    if (l.min().isPresent() && l.max().isPresent()) {
      String range = "[" + NumberText.plain(l.min().getAsDouble()) + ", " + NumberText.plain(l.max().getAsDouble()) + "]";
      return ok ? "within " + range : "outside " + range;
    }
    if (l.min().isPresent()) {
      return (ok ? "at or above the minimum " : "below the minimum ") + NumberText.plain(l.min().getAsDouble());
    }
    return (ok ? "at or below the maximum " : "above the maximum ") + NumberText.plain(l.max().getAsDouble());
  }

  private static String limitRemedy(Bounds l, String what) {
    if (l.min().isPresent() && l.max().isPresent()) {
      return what + " within [" + NumberText.plain(l.min().getAsDouble()) + ", " + NumberText.plain(l.max().getAsDouble())
          + "]";
    }
    if (l.min().isPresent()) {
      return what + " at least " + NumberText.plain(l.min().getAsDouble());
    }
    return what + " at most " + NumberText.plain(l.max().getAsDouble());
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
          + ref.displayName() + " cannot be checked; the rule fails closed.", "supply the drift report "
          + "(clinigate drift) as the evidence's drift"));
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
            + "; the rule fails closed.", "supply the drift of " + f));
        continue;
      }
      Lookup v = Lookup.of(fo.members().get(ref.name()));
      if (!v.isNumber()) {
        out.add(missing(rule, bound, Optional.of(subject), name + " " + v.problem() + "; the rule fails closed.",
            "supply " + name + " in the drift report"));
        continue;
      }
      boolean ok = rule.limits().test(v.value());
      out.add(result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(v.value()), bound, Optional.of(subject),
          name + " is " + Numbers.observed(v.value(), limitValues(rule.limits())) + ", "
              + limitClause(rule.limits(), v.value(), ok) + ".", limitRemedy(rule.limits(), name)));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // gap rules

  private static void gapRule(GapRule rule, MetricSetView candidate, Map<String, List<String>> expected,
      List<RuleResult> out) {
    MetricRef ref = rule.metric();
    JsonObject bound = JsonObject.builder().put("maxGap", rule.maxGap()).build();
    OptionalDouble minSize = rule.subgroups().minGroupSize().isPresent()
        ? OptionalDouble.of(rule.subgroups().minGroupSize().getAsLong()) : OptionalDouble.empty();
    for (String column : rule.subgroups().by()) {
      Optional<String> subject = Optional.of(column);
      Optional<Map<String, MetricSetView>> groups = candidate.groups(column);
      if (groups.isEmpty() || groups.get().isEmpty()) {
        out.add(missing(rule, bound, subject, "The evidence has no subgroup results for " + column
            + "; the rule fails closed.", "supply " + ref.displayName() + " for every group of " + column));
        continue;
      }
      for (String v : expected.getOrDefault(column, List.of())) {
        if (!groups.get().containsKey(v)) {
          out.add(expectedMissing(rule, bound, column, v));
        }
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
        Floor floor = floor(rule.subgroups(), group, column + "=" + g.getKey());
        if (floor != null) {
          if (floor.missing()) {
            missingProblem = floor.text();
            break;
          }
          continue;
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
            + " cannot be computed; the rule fails closed.", "supply " + ref.displayName() + " and n for every group of "
            + column));
        continue;
      }
      if (eligible < 2) {
        String floor = !rule.subgroups().hasFloor() ? "" : minSize.isPresent()
            ? " with at least " + NumberText.count((long) minSize.getAsDouble()) + " cases" : " above its size floor";
        out.add(Results.insufficient(rule.id(), rule.enforcement(), rule.failOnInsufficientData(), bound, subject,
            ref.displayName() + " gap across " + column + " not assessed: " + (eligible == 1 ? "only one group has"
            : "no group has") + " a value" + floor + ".", "at least two groups of " + column + floor));
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
          + (ok ? "within" : "above") + " the maximum gap " + NumberText.plain(rule.maxGap()) + ".";
      out.add(result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.of(gap), bound, subject, msg,
          "narrow the gap in " + lowerFirst(ref.displayName()) + " across " + column + " to at most "
          + NumberText.plain(rule.maxGap())));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // typed conditions

  private static RuleResult conditionRule(ConditionRule rule, MetricSetView candidate, JsonObject root,
      Map<String, List<String>> expected) {
    Expression e = ConditionAccess.expression(rule.condition());
    JsonObject bound = JsonObject.builder().put("when", e.text()).build();
    Expression.Evaluation r = e.evaluate(new EvidenceResolver(candidate, root, expected));
    if (!r.result().defined()) {
      return missing(rule, bound, Optional.empty(), "Condition \"" + e.text() + "\" cannot be evaluated: "
          + String.join("; ", r.undefined()) + "; the rule fails closed.", "supply every value the condition reads ("
          + String.join("; ", r.undefined()) + ")");
    }
    boolean ok = r.result().bool();
    String clauses = r.clauses().isEmpty() ? "" : ": " + String.join("; ", r.clauses());
    return result(rule, ok ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound, Optional.empty(),
        "Condition \"" + e.text() + "\" is " + ok + clauses + ".", "make the condition true: " + e.text());
  }

  /** Reads condition variables from the evidence. */
  private static final class EvidenceResolver implements Resolver {
    private final MetricSetView candidate;
    private final JsonObject root;
    private final Map<String, List<String>> expected;

    EvidenceResolver(MetricSetView candidate, JsonObject root, Map<String, List<String>> expected) {
      this.candidate = candidate;
      this.root = root;
      this.expected = expected;
    }

    @Override
    public Value value(Reference ref) {
      MetricVocabulary.Target t = MetricVocabulary.target(ref);
      MetricRef m = t.metric();
      if (m.isDriftMetric()) {
        JsonObject features = MetricSetView.object(MetricSetView.object(root, "drift"), "features");
        if (features == null) {
          features = MetricSetView.object(root, "features");
        }
        JsonObject f = MetricSetView.object(features, m.feature().orElseThrow());
        Lookup v = f == null ? Lookup.absent() : Lookup.of(f.members().get(m.name()));
        return v.isNumber() ? Value.of(v.value()) : Value.undefined(ref.text() + " " + v.problem());
      }
      MetricSetView set = candidate;
      if (t.column().isPresent()) {
        Optional<Map<String, MetricSetView>> groups = candidate.groups(t.column().get());
        if (groups.isEmpty()) {
          return Value.undefined(ref.text() + " is missing from the evidence (no subgroup results for "
              + t.column().get() + ")");
        }
        set = groups.get().get(t.group().orElseThrow());
        if (set == null) {
          return Value.undefined(ref.text() + " is missing from the evidence (no group " + t.column().get() + "="
              + t.group().get() + ")");
        }
      }
      Lookup v = set.value(m);
      return v.isNumber() ? Value.of(v.value()) : Value.undefined(ref.text() + " " + v.problem());
    }

    @Override
    public Value group(String function, Reference metric, String column) {
      MetricRef m = MetricVocabulary.target(metric).metric();
      String text = function + "(" + metric.text() + " by " + column + ")";
      Optional<Map<String, MetricSetView>> groups = candidate.groups(column);
      if (groups.isEmpty() || groups.get().isEmpty()) {
        return Value.undefined(text + " is undefined: the evidence has no subgroup results for " + column);
      }
      for (String v : expected.getOrDefault(column, List.of())) {
        if (!groups.get().containsKey(v)) {
          return Value.undefined(text + " is undefined: the evidence has no group " + column + "=" + v
              + ", which the policy expects");
        }
      }
      boolean lowerBetter = Direction.of(m.name()) == Direction.LOWER_IS_BETTER;
      boolean wantWorst = function.equals("worst");
      String chosen = null;
      double chosenV = 0;
      for (Map.Entry<String, MetricSetView> g : groups.get().entrySet()) {
        Lookup v = g.getValue().value(m);
        if (!v.isNumber()) {
          return Value.undefined(text + " is undefined: " + metric.text() + " for " + column + "=" + g.getKey() + " "
              + v.problem());
        }
        // worst of a lower-is-better metric is the largest; best is the smallest (and the reverse)
        boolean takeLarger = wantWorst == lowerBetter;
        if (chosen == null || (takeLarger ? v.value() > chosenV : v.value() < chosenV)) {
          chosen = g.getKey();
          chosenV = v.value();
        }
      }
      return Value.of(chosenV, column + "=" + chosen);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // results

  private static RuleResult result(Rule rule, Status status, OptionalDouble observed, JsonObject bound,
      Optional<String> subject, String message, String remedy) {
    return Results.of(rule.id(), rule.enforcement(), status, observed, bound, subject, message, remedy);
  }

  private static RuleResult missing(Rule rule, JsonObject bound, Optional<String> subject, String message,
      String remedy) {
    return Results.missing(rule.id(), rule.enforcement(), bound, subject, message, remedy);
  }

  static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
