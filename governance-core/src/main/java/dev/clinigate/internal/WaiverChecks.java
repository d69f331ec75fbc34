package dev.clinigate.internal;

import static dev.clinigate.internal.GovernanceText.modelAuthor;
import static dev.clinigate.internal.GovernanceText.string;
import static dev.clinigate.internal.GovernanceText.nonBlank;
import static dev.clinigate.internal.GovernanceText.sentence;

import dev.clinigate.Approvals;
import dev.clinigate.Durations;
import dev.clinigate.Enforcement;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Waiver;
import dev.clinigate.WaiverPolicy;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Waivers of a promotion policy's results.
 *
 * <p>Design notes.
 * <ul>
 *   <li>Waivers are applied last, only to {@code FAIL} results of waivable rules: never to
 *       {@code MISSING} (absent evidence is not a measured failure that someone accepted), hard rules,
 *       approvals or the stage check. A waiver that is invalid or does not apply is reported as a
 *       non-blocking {@code waiver:<rule>} result and ignored.</li>
 *   <li>Waiver validity needs the evaluation time; without one a waiver is ignored and says to pass
 *       {@code --at}.</li>
 *   <li>Order independence: waivers are processed in the order of their canonical JSON.</li>
 * </ul>
 */
final class WaiverChecks {
  private final PromotionPolicy policy;
  private final JsonObject root;
  private final EvaluationOptions options;

  WaiverChecks(PromotionPolicy policy, Evidence evidence, EvaluationOptions options) {
    this.policy = policy;
    this.root = evidence.json();
    this.options = options;
  }

  /** A waiver from the evidence, parsed as far as it goes. */
  private record WaiverEntry(String rule, String subject, String justification, String approver, String role,
      String granted, String expires, String canonical) {
    String describe() {
      return "Waiver of " + (rule == null ? "an unnamed rule" : rule) + (subject == null ? "" : " for " + subject)
          + (approver == null ? "" : " by " + approver) + (role == null ? "" : " (" + role + ")");
    }
  }

  /** Applies valid waivers to FAIL results and reports the waivers that were ignored. */
  List<RuleResult> applyWaivers(List<RuleResult> results) {
    List<WaiverEntry> entries = waiverEntries();
    Optional<WaiverPolicy> wp = policy.waivers();
    List<RuleResult> out = new ArrayList<>(results.size());
    List<RuleResult> ignored = new ArrayList<>();
    List<Waiver> valid = new ArrayList<>();
    for (WaiverEntry w : entries) {
      String problem = waiverProblem(w, wp);
      if (problem != null) {
        ignored.add(ignoredWaiver(w, problem));
        continue;
      }
      valid.add(new Waiver(w.rule(), Optional.ofNullable(w.subject()), w.justification(), w.approver(), w.role(),
          Instants.parse(w.granted()).orElseThrow(), Instants.parse(w.expires()).orElseThrow()));
    }
    Set<Waiver> used = new LinkedHashSet<>();
    for (RuleResult r : results) {
      Optional<Waiver> match = valid.stream().filter(w -> covers(w, r)).findFirst();
      if (r.status() == Status.FAIL && r.blocking() && match.isPresent() && policy.unwaivable(r.id()).isEmpty()) {
        Waiver w = match.get();
        used.add(w);
        out.add(new RuleResult(r.id(), Status.WAIVED, r.observed(), r.bound(), r.subject(), sentence(r.message()
            + " WAIVED by " + w.approver() + " (" + w.role() + ") until " + w.expires() + ": \"" + w.justification()
            + "\""), r.enforcement(), false, Optional.of(w), ""));
      } else {
        out.add(r.blocking() && r.status() == Status.FAIL ? withWaiverRemedy(r) : r);
      }
    }
    for (Waiver w : valid) {
      if (used.contains(w)) {
        continue;
      }
      Optional<RuleResult> missing = results.stream().filter(r -> covers(w, r) && r.status() == Status.MISSING)
          .findFirst();
      WaiverEntry we = new WaiverEntry(w.rule(), w.subject().orElse(null), w.justification(), w.approver(), w.role(),
          w.granted().toString(), w.expires().toString(), "");
      if (missing.isPresent()) {
        ignored.add(ignoredWaiver(we, "the rule's evidence is MISSING, and only a measured failure can be waived"));
      } else if (results.stream().noneMatch(r -> covers(w, r))) {
        List<String> subjects = results.stream().filter(r -> r.id().equals(w.rule()))
            .map(r -> r.subject().orElse("(none)")).distinct().toList();
        ignored.add(ignoredWaiver(we, "it matches no result of " + w.rule() + (subjects.isEmpty() ? ""
            : " (its subjects: " + String.join(", ", subjects) + ")")));
      }
    }
    out.addAll(ignored);
    return out;
  }

  private static boolean covers(Waiver w, RuleResult r) {
    return w.rule().equals(r.id()) && (w.subject().isEmpty() || w.subject().equals(r.subject()));
  }

  private RuleResult withWaiverRemedy(RuleResult r) {
    if (policy.waivers().isEmpty() || policy.unwaivable(r.id()).isPresent()) {
      return r;
    }
    List<String> roles = policy.waivers().get().rolesFor(r.id());
    if (roles.isEmpty()) {
      return r;
    }
    return r.withRemedy(r.remedy() + "; or a waiver by " + String.join(" or ", roles) + " (at most "
        + Durations.describe(policy.waivers().get().maxDuration()) + ")");
  }

  private static RuleResult ignoredWaiver(WaiverEntry w, String problem) {
    JsonObject.Builder bound = JsonObject.builder();
    return new RuleResult("waiver:" + (w.rule() == null ? "?" : w.rule()), Status.ADVISORY, OptionalDouble.empty(),
        bound.build(), Optional.ofNullable(w.subject()), sentence(w.describe() + " is ignored: " + problem),
        Enforcement.ADVISORY, false);
  }

  /** Why a waiver is invalid, or null when it is valid. */
  private String waiverProblem(WaiverEntry w, Optional<WaiverPolicy> wp) {
    if (w.rule() == null) {
      return "it names no rule";
    }
    if (wp.isEmpty()) {
      return "this policy accepts no waivers (it has no spec.waivers)";
    }
    Optional<String> unwaivable = policy.unwaivable(w.rule());
    if (unwaivable.isPresent()) {
      return unwaivable.get();
    }
    List<String> roles = wp.get().rolesFor(w.rule());
    if (w.role() == null) {
      return "it names no role";
    }
    if (roles.stream().noneMatch(r -> Identity.same(r, w.role()))) { // roles compare as identities do
      return "role " + w.role() + " may not waive " + w.rule() + (roles.isEmpty() ? " (no role may)"
          : " (allowed: " + String.join(", ", roles) + ")");
    }
    if (w.approver() == null) {
      return "it names no approver";
    }
    if (Identity.blank(w.justification())) {
      return "it has no justification";
    }
    boolean separation = policy.approvals().map(Approvals::separationOfDuties)
        .orElse(policy.riskTier().separationOfDutiesByDefault());
    if (separation) {
      Optional<String> author = modelAuthor(root);
      if (author.isEmpty()) {
        return "the evidence does not name the model's author (model.author), so separation of duties cannot be "
            + "checked";
      }
      if (Identity.same(author.get(), w.approver())) {
        return w.approver() + " is the model's author and may not waive its failures";
      }
    }
    Optional<Instant> granted = w.granted() == null ? Optional.empty() : Instants.parse(w.granted());
    Optional<Instant> expires = w.expires() == null ? Optional.empty() : Instants.parse(w.expires());
    if (granted.isEmpty()) {
      return w.granted() == null ? "it has no granted time" : "its granted time is not an ISO-8601 date-time";
    }
    if (expires.isEmpty()) {
      return w.expires() == null ? "it has no expiry (expires)" : "its expiry (expires) is not an ISO-8601 date-time";
    }
    if (!expires.get().isAfter(granted.get())) {
      return "it expires (" + expires.get() + ") before it is granted (" + granted.get() + ")";
    }
    Duration length = Duration.between(granted.get(), expires.get());
    Duration max = wp.get().maxDuration();
    if (length.compareTo(max) > 0) {
      return "it runs " + Durations.describe(length) + ", longer than the " + Durations.describe(max) + " allowed";
    }
    if (options.at().isEmpty()) {
      return "its validity period cannot be checked without an evaluation time; pass --at (or evaluate with a Clock)";
    }
    Instant at = options.at().get();
    if (at.isBefore(granted.get())) {
      return "it is not in force until " + granted.get() + " (evaluated at " + at + ")";
    }
    if (!at.isBefore(expires.get())) {
      return "it expired at " + expires.get() + " (evaluated at " + at + ")";
    }
    return null;
  }

  private List<WaiverEntry> waiverEntries() {
    List<WaiverEntry> out = new ArrayList<>();
    if (root.members().get("waivers") instanceof JsonArray arr) {
      for (JsonValue v : arr.elements()) {
        JsonObject o = (JsonObject) v;
        out.add(new WaiverEntry(nonBlank(o, "rule"), nonBlank(o, "subject"), string(o, "justification"),
            nonBlank(o, "approver"), nonBlank(o, "role"), string(o, "granted"), string(o, "expires"), Json.canonical(o)));
      }
    }
    out.sort(Comparator.comparing(WaiverEntry::canonical));
    return out;
  }
}
