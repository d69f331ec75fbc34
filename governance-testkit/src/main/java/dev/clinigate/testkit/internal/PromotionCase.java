package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Verdict;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.Suggest;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.CaseDecision;
import dev.clinigate.testkit.CaseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one case against a promotion policy: evidence in, {@code verdict} and per-rule {@code rules} expectations
 * out.
 *
 * <p>Design note: an expected rule id the policy does not have is an error of the case; an expected subject
 * that has no result is a failure (the evidence decides which subjects exist), reported with the subjects that
 * do exist.
 */
final class PromotionCase {
  private PromotionCase() {}

  /** Every rule id a policy's decisions can carry, in policy order (without the {@code waiver:} diagnostics). */
  static List<String> ruleIds(PromotionPolicy p) {
    List<String> ids = new ArrayList<>();
    p.rules().forEach(r -> ids.add(r.id()));
    p.transition().ifPresent(t -> ids.add("stage"));
    ids.addAll(p.requires().resultIds());
    p.approvals().ifPresent(a -> {
      a.roles().forEach(role -> ids.add("approval:" + role));
      ids.add("approvals");
    });
    return ids;
  }

  static CaseResult run(CaseRun c, PromotionPolicy policy) {
    List<String> errors = new ArrayList<>();
    // 1. expectations name rules that exist (checked first: a typo is the commonest silent pass elsewhere)
    Set<String> ids = new LinkedHashSet<>(ruleIds(policy));
    JsonArray rules = c.expect.get("rules").orElse(null) instanceof JsonArray a ? a : new JsonArray(List.of());
    for (JsonValue v : rules.elements()) {
      String id = Suite.str((JsonObject) v, "id").orElseThrow();
      boolean known = ids.contains(id) || (id.startsWith("waiver:") && ids.contains(id.substring(7)));
      if (!known) {
        String hint = Suggest.closest(id, ids).map(s -> "; did you mean \"" + s + "\"?").orElse("");
        errors.add("rule \"" + id + "\" does not exist in policy " + policy.metadata().name() + " (rules: "
            + String.join(", ", ids) + ")" + hint);
      }
    }
    if (!errors.isEmpty()) {
      return c.error(errors);
    }
    // 2. evidence: the case's, else the suite's; then the patches
    Optional<CaseRun.Input> source = c.input("evidence");
    if (source.isEmpty()) {
      return c.error(List.of("the case has no evidence: give evidence (a file or a mapping) in the case or in "
          + "spec.evidence"));
    }
    JsonValue evidence;
    try {
      evidence = c.patch(resolve(c, source.get()), "evidence");
    } catch (ClinigateException e) {
      return c.error(List.of(e.getMessage()));
    } catch (CaseRun.CaseError e) {
      return c.error(e.messages());
    }
    if (!(evidence instanceof JsonObject evidenceObject)) {
      return c.error(List.of("the evidence must be a mapping (a JSON object), found a "
          + evidence.kind().name().toLowerCase(Locale.ROOT)));
    }
    // 3. evaluate
    EvaluationOptions options = c.at().map(EvaluationOptions::at).orElse(EvaluationOptions.none());
    Optional<CaseRun.Input> card = c.input("modelCard");
    if (card.isPresent() && card.get().value() instanceof JsonObject stand) {
      options = options.withModelCard(new CardStandIn(stand, evidenceObject));
    }
    Decision d;
    try {
      d = policy.evaluate(Evidence.of(evidenceObject), options);
    } catch (ClinigateException e) {
      return c.error(List.of(e.getMessage()));
    }
    // 4. expectations
    List<String> failures = new ArrayList<>();
    if (c.expect.get("verdict").orElse(null) instanceof JsonString v) {
      Verdict want = Verdict.valueOf(v.value());
      if (d.verdict() != want) {
        failures.add("expected verdict " + want + ", got " + d.verdict() + (d.verdict() == Verdict.NO_GO
            ? "; blocking: " + String.join(", ", d.blocking().stream().map(RuleResult::label).toList())
            : ": no result blocks"));
      }
    }
    for (JsonValue v : rules.elements()) {
      check(d, (JsonObject) v, failures);
    }
    return c.result(failures, new CaseDecision.Promotion(d));
  }

  private static void check(Decision d, JsonObject e, List<String> failures) {
    String id = Suite.str(e, "id").orElseThrow();
    Optional<String> subject = Suite.str(e, "subject");
    List<RuleResult> ofRule = d.rules().stream().filter(r -> r.id().equals(id)).toList();
    List<RuleResult> matches = ofRule.stream().filter(r -> subject.isEmpty() || r.subject().equals(subject)).toList();
    if (matches.isEmpty()) {
      if (ofRule.isEmpty()) {
        failures.add("the decision has no result for rule " + id);
      } else {
        List<String> subjects = ofRule.stream().map(r -> r.subject().orElse("(whole set)")).toList();
        failures.add("rule " + id + " has no result for subject " + subject.orElseThrow() + "; its subjects: "
            + String.join(", ", subjects));
      }
      return;
    }
    Optional<Status> status = Suite.str(e, "status").map(Status::valueOf);
    Optional<String> contains = Suite.str(e, "messageContains");
    for (RuleResult r : matches) {
      if (status.isPresent() && r.status() != status.get()) {
        failures.add(r.label() + ": expected status " + status.get() + ", got " + r.status() + ": " + r.message());
      }
      if (contains.isPresent() && !r.message().contains(contains.get())) {
        failures.add(r.label() + ": message does not contain \"" + contains.get() + "\": " + r.message());
      }
    }
  }

  private static JsonValue resolve(CaseRun c, CaseRun.Input in) {
    JsonValue source = in.value();
    if (source instanceof JsonString) {
      Path p = c.file(in, "evidence");
      JsonValue cached = c.suite.evidence().get(p);
      if (cached == null) {
        cached = EvidenceFiles.load(p, c.suite.files()).json();
        c.suite.evidence().put(p, cached);
      }
      return cached;
    }
    return source;
  }

  /**
   * The suite's stand-in for the model card that {@code requires.modelCard} checks: a policy test exercises the
   * policy's handling of a complete or an incomplete card; the card itself is tested by {@code clinigate model-card}.
   * Its hash is the given {@code sha256}, else the one the evidence records (so that it matches), else zeros.
   */
  private record CardStandIn(JsonObject spec, JsonObject evidence) implements dev.clinigate.ModelCardCheck {
    @Override
    public String source() {
      return "(the suite's stand-in)";
    }

    @Override
    public String sha256() {
      if (Suite.str(spec, "sha256").isPresent()) {
        return Suite.str(spec, "sha256").get();
      }
      if (evidence.get("artifacts").orElse(null) instanceof JsonObject a
          && a.get("modelCard").orElse(null) instanceof JsonObject m
          && m.get("sha256").orElse(null) instanceof JsonString h) {
        return h.value().toLowerCase(Locale.ROOT);
      }
      return "0".repeat(64);
    }

    @Override
    public List<String> incompleteItems(String standard, Evidence e) {
      List<String> items = new ArrayList<>();
      if (spec.get("incomplete").orElse(null) instanceof JsonArray a) {
        for (JsonValue v : a.elements()) {
          items.add(((JsonString) v).value());
        }
      }
      return items;
    }
  }
}
