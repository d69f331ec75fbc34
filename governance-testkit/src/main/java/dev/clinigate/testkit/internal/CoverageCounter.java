package dev.clinigate.testkit.internal;

import dev.clinigate.Policy;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.TriggerResult;
import dev.clinigate.TriggerStatus;
import dev.clinigate.testkit.CaseDecision;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.Coverage;
import dev.clinigate.testkit.RuleCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts which sides of every rule, trigger or required field the cases of a policy reached (see
 * {@link RuleCoverage} for the sides of each kind). Only cases that produced a decision count, whatever their
 * outcome.
 *
 * <p>Design note for review policies: routing is first-match, so one decision shows the whole path taken:
 * every id evaluated before the deciding one was passed (a required field present, a rule's condition false),
 * the deciding one matched (a field missing, a condition true, or the default applied), and the ids after it
 * were not evaluated. {@code requireWhenReviewed} fields are checked only for reviewed inferences, and a
 * condition that could not be evaluated ({@code UNDEFINED_CONDITION}) counts for neither side.
 */
public final class CoverageCounter {
  private CoverageCounter() {}

  /** The coverage of one policy by the given cases. */
  public static Coverage of(String policyFile, Policy policy, List<CaseResult> cases) {
    if (policy instanceof PromotionPolicy p) {
      return promotion(policyFile, p, cases);
    }
    if (policy instanceof RollbackPolicy p) {
      return flat(policyFile, p, RollbackCase.triggerIds(p), rollbackSides(cases));
    }
    ReviewPolicy p = (ReviewPolicy) policy;
    return flat(policyFile, p, ReviewCase.decidingIds(p), reviewSides(p, cases));
  }

  private static Coverage promotion(String policyFile, PromotionPolicy policy, List<CaseResult> cases) {
    // (id -> subject -> {pass, fail}); subjects in the order first seen
    Map<String, Map<Optional<String>, boolean[]>> seen = new LinkedHashMap<>();
    PromotionCase.ruleIds(policy).forEach(id -> seen.put(id, new LinkedHashMap<>()));
    for (CaseResult c : cases) {
      if (!(c.decision().orElse(null) instanceof CaseDecision.Promotion d)) {
        continue;
      }
      for (RuleResult r : d.decision().rules()) {
        Map<Optional<String>, boolean[]> bySubject = seen.get(r.id());
        if (bySubject == null) {
          continue; // waiver diagnostics
        }
        boolean[] flags = bySubject.computeIfAbsent(r.subject(), s -> new boolean[2]);
        flags[0] |= r.status() == Status.PASS;
        flags[1] |= r.blocking() || r.status() == Status.ADVISORY || r.status() == Status.WAIVED;
      }
    }
    List<RuleCoverage> rules = new ArrayList<>();
    for (Map.Entry<String, Map<Optional<String>, boolean[]>> e : seen.entrySet()) {
      if (e.getValue().isEmpty()) {
        rules.add(new RuleCoverage(e.getKey(), Optional.empty(), false, false));
      }
      for (Map.Entry<Optional<String>, boolean[]> s : e.getValue().entrySet()) {
        rules.add(new RuleCoverage(e.getKey(), s.getKey(), s.getValue()[0], s.getValue()[1]));
      }
    }
    return new Coverage(policyFile, policy.metadata().name(), policy.kind(), rules);
  }

  /** Sides reached by id: a trigger passed, or fired as its severity says. */
  private static Map<String, boolean[]> rollbackSides(List<CaseResult> cases) {
    Map<String, boolean[]> seen = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      if (!(c.decision().orElse(null) instanceof CaseDecision.Rollback d)) {
        continue;
      }
      for (TriggerResult t : d.decision().triggers()) {
        boolean[] flags = seen.computeIfAbsent(t.id(), k -> new boolean[2]);
        flags[0] |= t.status() == TriggerStatus.PASS;
        // firing through the inconclusive limit with another severity does not exercise the trigger's bound
        flags[1] |= switch (t.severity()) {
          case ROLLBACK -> t.status() == TriggerStatus.FIRED || t.status() == TriggerStatus.SUPPRESSED;
          case REAPPROVE -> t.status() == TriggerStatus.REAPPROVE;
          case ALERT -> t.status() == TriggerStatus.ALERT;
        };
      }
    }
    return seen;
  }

  /** Sides reached by id along each inference's first-match path (see the class note). */
  private static Map<String, boolean[]> reviewSides(ReviewPolicy p, List<CaseResult> cases) {
    List<String> ids = ReviewCase.decidingIds(p);
    int firstWhenReviewed = p.require().size();
    int firstRule = firstWhenReviewed + p.requireWhenReviewed().size();
    int defaultAt = ids.size() - 1;
    Map<String, boolean[]> seen = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      if (!(c.decision().orElse(null) instanceof CaseDecision.Review d)) {
        continue;
      }
      ReviewOutcome o = d.decision().outcome();
      int decided = ids.indexOf(o.ruleId());
      for (int j = 0; j < decided; j++) {
        if (j >= firstWhenReviewed && j < firstRule && !d.inference().reviewed()) {
          continue; // requireWhenReviewed fields are not checked before a review
        }
        seen.computeIfAbsent(ids.get(j), k -> new boolean[2])[0] = true;
      }
      if (decided >= 0 && o.reason() != ReviewOutcome.Reason.UNDEFINED_CONDITION) {
        seen.computeIfAbsent(ids.get(decided), k -> new boolean[2])[1] = true;
        if (decided >= firstRule && decided < defaultAt) {
          seen.computeIfAbsent(ids.get(defaultAt), k -> new boolean[2])[0] = true; // a rule matched: no default
        }
      }
    }
    return seen;
  }

  private static Coverage flat(String policyFile, Policy policy, List<String> ids, Map<String, boolean[]> seen) {
    List<RuleCoverage> rules = new ArrayList<>();
    for (String id : ids) {
      boolean[] flags = seen.getOrDefault(id, new boolean[2]);
      rules.add(new RuleCoverage(id, Optional.empty(), flags[0], flags[1]));
    }
    return new Coverage(policyFile, policy.metadata().name(), policy.kind(), rules);
  }
}
