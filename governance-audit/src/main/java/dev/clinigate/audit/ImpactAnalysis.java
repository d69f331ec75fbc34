package dev.clinigate.audit;

import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.PhiMask;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which logged decisions a new policy would flip, and which rules would flip them: re-evaluates the new
 * policy on each logged decision's stored evidence, at its logged evaluation time.
 *
 * <pre>{@code
 * ImpactReport r = ImpactAnalysis.analyse(PolicyYaml.loadPromotion(Path.of("policy-v4.yaml")),
 *     FileAuditLog.open(log).records(), "decisions.jsonl", ContentStore.at(evidenceDir), PhiMask.none(), false);
 * System.out.print(r.render());
 * }</pre>
 *
 * <p>Results are matched by rule id and subject. By default only the decisions logged under a policy of the
 * same name are analysed; the others are counted as skipped. When the log was masked, give the same mask: the
 * new decisions are masked the same way before they are compared or printed, so that subjects match and no
 * PHI reaches the report.
 */
public final class ImpactAnalysis {
  private ImpactAnalysis() {}

  /**
   * Analyses the impact of {@code policy} on {@code records}.
   *
   * @param allPolicies whether to include decisions logged under policies of other names
   */
  public static ImpactReport analyse(PromotionPolicy policy, List<AuditRecord> records, String source,
      ContentStore evidence, PhiMask mask, boolean allPolicies) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(mask, "mask");
    List<ImpactReport.DecisionImpact> out = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long skipped = 0;
    long maskedWithoutMask = 0;
    for (AuditRecord r : records) {
      // rollback and review decisions are not promotion decisions: another policy's, whatever its name
      if (r.kind() != AuditRecord.Kind.PROMOTION
          || !allPolicies && !r.policy().name().equals(policy.metadata().name())) {
        skipped++;
        continue;
      }
      Evidence ev;
      try {
        ev = evidence.evidence(r.evidenceSha256());
      } catch (ClinigateException e) {
        failed.add("seq " + r.seq() + ": " + e.problems().get(0).render().replace('\n', ' '));
        continue;
      }
      Decision fresh = AuditReplay.evaluate(policy, ev, r);
      JsonObject now = fresh.toJson();
      if (!mask.isEmpty()) {
        now = mask.apply(now, Optional.of(ev.json())).decision();
      } else if (!r.masked().isEmpty()) {
        maskedWithoutMask++;
      }
      out.add(new ImpactReport.DecisionImpact(r.seq(), r.evaluatedAt(),
          r.policy().name() + " v" + r.policy().versionText(), r.verdict(), fresh.verdict().name(),
          changes(r.decision(), now)));
    }
    if (maskedWithoutMask > 0) {
      notes.add(maskedWithoutMask + " logged decisions were masked and no mask was given: their masked subjects "
          + "cannot match, and the new messages are printed unmasked; give the log's mask");
    }
    return new ImpactReport(policy.metadata().name() + " v" + policy.metadata().version(), policy.sha256(), source,
        out, skipped, failed, notes);
  }

  private record Result(String status, boolean blocking, String message) {}

  private static Map<String, Result> results(JsonObject decision) {
    Map<String, Result> m = new LinkedHashMap<>();
    JsonValue rules = decision.get("rules").orElse(JsonArray.of());
    if (!(rules instanceof JsonArray a)) {
      return m;
    }
    for (JsonValue v : a.elements()) {
      if (v instanceof JsonObject o) {
        String id = text(o.get("id"));
        String subject = text(o.get("subject"));
        String label = subject.isEmpty() ? id : id + " [" + subject + "]";
        m.putIfAbsent(label, new Result(text(o.get("status")),
            o.get("blocking").map(b -> b instanceof JsonBoolean jb && jb.value()).orElse(false),
            text(o.get("message"))));
      }
    }
    return m;
  }

  private static String text(Optional<JsonValue> v) {
    return v.filter(x -> x instanceof JsonString).map(x -> ((JsonString) x).value()).orElse("");
  }

  private static List<ImpactReport.RuleChange> changes(JsonObject logged, JsonObject now) {
    Map<String, Result> before = results(logged);
    Map<String, Result> after = results(now);
    List<ImpactReport.RuleChange> out = new ArrayList<>();
    for (Map.Entry<String, Result> e : after.entrySet()) {
      Result b = before.get(e.getKey());
      Result a = e.getValue();
      if (b == null) {
        out.add(new ImpactReport.RuleChange(e.getKey(), "ABSENT", a.status(), false, a.blocking(), a.message()));
      } else if (!b.status().equals(a.status()) || b.blocking() != a.blocking()) {
        out.add(new ImpactReport.RuleChange(e.getKey(), b.status(), a.status(), b.blocking(), a.blocking(), a.message()));
      }
    }
    for (Map.Entry<String, Result> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        Result b = e.getValue();
        out.add(new ImpactReport.RuleChange(e.getKey(), b.status(), "ABSENT", b.blocking(), false, b.message()));
      }
    }
    return out;
  }
}
