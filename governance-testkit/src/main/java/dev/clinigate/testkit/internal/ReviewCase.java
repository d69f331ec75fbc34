package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.Inference;
import dev.clinigate.Problem;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.Route;
import dev.clinigate.Suggest;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.CaseDecision;
import dev.clinigate.testkit.CaseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one case against a review policy: one inference in (a JSON file or a mapping, plus patches), and
 * {@code route}, {@code rule} (the id that decided), {@code reason}, {@code proceed}, {@code approvers} and
 * {@code messageContains} expectations out.
 *
 * <p>Design note: an expected deciding id the policy cannot produce is an error of the case; so is an inference
 * that does not parse (located in its file, or in the suite when the case does not patch it).
 */
final class ReviewCase {
  private ReviewCase() {}

  /**
   * Every id that can decide an inference, in evaluation order: {@code require:<field>},
   * {@code requireWhenReviewed:<field>}, the rules, {@code default}.
   */
  static List<String> decidingIds(ReviewPolicy p) {
    List<String> ids = new ArrayList<>();
    p.require().forEach(f -> ids.add("require:" + f.jsonName()));
    p.requireWhenReviewed().forEach(f -> ids.add("requireWhenReviewed:" + f.jsonName()));
    p.rules().forEach(r -> ids.add(r.id()));
    ids.add("default");
    return ids;
  }

  /** The roles that may approve under the decision: its rule's, the default's, or none. */
  static List<String> approvers(ReviewPolicy p, ReviewDecision d) {
    if (d.rule().isPresent()) {
      return d.rule().get().approvers();
    }
    return d.outcome().ruleId().equals("default") ? p.defaultApprovers() : List.of();
  }

  static CaseResult run(CaseRun c, ReviewPolicy policy) {
    // 1. the expected deciding id exists
    List<String> ids = decidingIds(policy);
    Optional<String> rule = Suite.str(c.expect, "rule");
    if (rule.isPresent() && !ids.contains(rule.get())) {
      String hint = Suggest.closest(rule.get(), ids).map(s -> "; did you mean \"" + s + "\"?").orElse("");
      return c.error(List.of("rule \"" + rule.get() + "\" does not exist in policy " + policy.metadata().name()
          + " (an inference is decided by one of: " + String.join(", ", ids) + ")" + hint));
    }
    // 2. the inference: the case's, else the suite's; then the patches
    Optional<CaseRun.Input> in = c.input("inference");
    if (in.isEmpty()) {
      return c.error(List.of("the case has no inference: give inference (a JSON file or a mapping) in the case or "
          + "in spec.inference"));
    }
    Inference inference;
    ReviewDecision d;
    try {
      inference = inference(c, in.get());
      d = policy.evaluate(inference, c.at());
    } catch (CaseRun.CaseError e) {
      return c.error(e.messages());
    } catch (ClinigateException e) {
      return c.error(CaseRun.lines(e));
    }
    // 3. expectations
    List<String> failures = new ArrayList<>();
    ReviewOutcome o = d.outcome();
    String decided = "decided by " + o.ruleId() + ", reason " + o.reason();
    if (c.expect.get("route").orElse(null) instanceof JsonString v && o.route() != Route.valueOf(v.value())) {
      failures.add("expected route " + v.value() + ", got " + o.route() + " (" + decided + "): " + d.message());
    }
    if (rule.isPresent() && !rule.get().equals(o.ruleId())) {
      failures.add("expected rule " + rule.get() + " to decide, but " + o.ruleId() + " decided (route " + o.route()
          + ", reason " + o.reason() + "): " + d.message());
    }
    if (c.expect.get("reason").orElse(null) instanceof JsonString v
        && o.reason() != ReviewOutcome.Reason.valueOf(v.value())) {
      failures.add("expected reason " + v.value() + ", got " + o.reason() + " (route " + o.route() + ", decided by "
          + o.ruleId() + "): " + d.message());
    }
    if (c.expect.get("proceed").orElse(null) instanceof JsonBoolean v && v.value() != o.proceed()) {
      failures.add((v.value() ? "expected the action to proceed, but it may not" : "expected the action not to "
          + "proceed, but it may") + " (route " + o.route() + ", " + decided + "): " + d.message());
    }
    if (c.expect.get("approvers").orElse(null) instanceof JsonArray v) {
      List<String> want = v.elements().stream().map(x -> ((JsonString) x).value()).toList();
      List<String> got = approvers(policy, d);
      if (!want.equals(got)) {
        failures.add("expected approvers [" + String.join(", ", want) + "], got [" + String.join(", ", got)
            + "] (" + decided + ")");
      }
    }
    if (c.expect.get("messageContains").orElse(null) instanceof JsonString v && !d.message().contains(v.value())) {
      failures.add("message does not contain \"" + v.value() + "\": " + d.message());
    }
    return c.result(failures, new CaseDecision.Review(d, inference));
  }

  private static Inference inference(CaseRun c, CaseRun.Input in) {
    if (in.file().isPresent()) {
      Path p = c.file(in, "inference");
      String display = c.suite.displayOf(in.file().get());
      String text = c.read(p);
      if (!c.patched()) {
        try {
          return Inference.parse(text, display);
        } catch (ClinigateException e) {
          throw new CaseRun.CaseError(CaseRun.lines(e));
        }
      }
      JsonValue json;
      try {
        json = Json.parse(text, display).root();
      } catch (ClinigateException e) {
        throw new CaseRun.CaseError(CaseRun.lines(e));
      }
      return parse(c, c.patch(json, "inference"), Optional.empty());
    }
    JsonValue v = c.patched() ? c.patch(in.value(), "inference") : in.value();
    return parse(c, v, c.patched() ? Optional.empty() : Optional.of(in.path()));
  }

  private static Inference parse(CaseRun c, JsonValue v, Optional<String> at) {
    if (!(v instanceof JsonObject)) {
      throw new CaseRun.CaseError(c.locate(at, "the inference", "$", "the inference must be a mapping {score, "
          + "encounterId, ...}, found a " + v.kind().name().toLowerCase(Locale.ROOT), ""));
    }
    try {
      return Inference.parse(Json.compact(v), "inference");
    } catch (ClinigateException e) {
      List<String> errors = new ArrayList<>();
      for (Problem p : e.problems()) {
        errors.add(c.locate(at, "the inference", p.path(), p.message(), p.hint()));
      }
      throw new CaseRun.CaseError(errors);
    }
  }
}
