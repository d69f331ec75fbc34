package dev.clinigate.internal;

import dev.clinigate.Approvals;
import dev.clinigate.ArtifactVerifier;
import dev.clinigate.Enforcement;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Requirements;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Transition;
import dev.clinigate.Waiver;
import dev.clinigate.WaiverPolicy;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The governance checks of a promotion policy: the stage transition, lineage and deployment
 * requirements, approvals, and waivers.
 *
 * <p>Design notes.
 * <ul>
 *   <li>Fail closed: a check whose evidence is absent or malformed is {@code MISSING}; a check that needs
 *       the evaluation time (approval age, waiver validity) without one is {@code MISSING} too, and says to
 *       pass {@code --at}.</li>
 *   <li>Monotone approvals: an approval that does not count (wrong evidence, no rationale, by the author,
 *       too old) is named but never blocks by itself, and roles are assigned to people by a maximum
 *       matching, so adding an approval can never turn GO into NO_GO; only a {@code reject} (or an entry
 *       whose decision is neither approve nor reject, which might be a garbled reject) blocks.</li>
 *   <li>Waivers are applied last, only to {@code FAIL} results of waivable rules: never to
 *       {@code MISSING} (absent evidence is not a measured failure that someone accepted), hard rules,
 *       approvals or the stage check. A waiver that is invalid or does not apply is reported as a
 *       non-blocking {@code waiver:<rule>} result and ignored.</li>
 *   <li>Order independence: approvals and waivers are processed in the order of their canonical JSON, so
 *       messages do not depend on the order the evidence listed them.</li>
 * </ul>
 */
final class GovernanceChecks {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> FLOATING_VERSIONS = Set.of("latest", "current", "head", "main", "master", "*");

  private final PromotionPolicy policy;
  private final Evidence evidence;
  private final JsonObject root;
  private final EvaluationOptions options;

  GovernanceChecks(PromotionPolicy policy, Evidence evidence, EvaluationOptions options) {
    this.policy = policy;
    this.evidence = evidence;
    this.root = evidence.json();
    this.options = options;
  }

  // ---------------------------------------------------------------------------------------------------
  // stage

  Optional<RuleResult> stage() {
    if (policy.transition().isEmpty()) {
      return Optional.empty();
    }
    Transition t = policy.transition().get();
    JsonObject bound = JsonObject.builder().put("from", t.from()).put("to", t.to()).build();
    String governs = t.from() + " -> " + t.to();
    String remedy = "request " + governs + " (stage.current \"" + t.from() + "\", stage.target \"" + t.to()
        + "\"), or evaluate with the policy that governs the requested transition";
    JsonObject stage = MetricSetView.object(root, "stage");
    String current = stage == null ? null : string(stage, "current");
    String target = stage == null ? null : string(stage, "target");
    if (stage == null) {
      // Design note: a metrics-only evidence file (e.g. straight from 'clinigate metrics') says nothing about
      // stages; the stage check is then reported, not blocking. Evidence that names a stage is held to it,
      // and a partial or mismatched stage blocks.
      return Optional.of(Results.insufficient("stage", Enforcement.HARD, false, bound, Optional.empty(),
          "The evidence does not name the model's stage (stage.current and stage.target), so the transition "
              + governs + " was not checked.", ""));
    }
    if (current == null || target == null) {
      String what = current == null ? "does not name the model's current stage (stage.current)"
          : "does not name the requested stage (stage.target)";
      return Optional.of(missingResult("stage", Enforcement.HARD, bound, Optional.empty(), "The evidence " + what
          + ", so the transition " + governs + " cannot be checked; the rule fails closed.", "record stage.current \""
          + t.from() + "\" and stage.target \"" + t.to() + "\" in the evidence"));
    }
    int c = t.indexOf(current);
    int g = t.indexOf(target);
    String requested = current + " -> " + target;
    for (String s : List.of(current, target)) {
      if (t.indexOf(s) < 0) {
        return Optional.of(Results.of("stage", Enforcement.HARD, Status.FAIL, OptionalDouble.empty(), bound,
            Optional.empty(), "Stage \"" + s + "\" is not one of the policy's stages (" + String.join(", ", t.stages())
            + ").", remedy));
      }
    }
    int f = t.indexOf(t.from());
    int to = t.indexOf(t.to());
    if (c == f && g == to) {
      return Optional.of(Results.of("stage", Enforcement.HARD, Status.PASS, OptionalDouble.empty(), bound,
          Optional.empty(), "The model moves from " + t.stages().get(f) + " to " + t.stages().get(to)
          + ", the transition this policy governs.", ""));
    }
    String message;
    if (g <= c) {
      message = "The evidence requests " + requested + ", which does not move forward; this policy governs " + governs
          + ".";
    } else {
      List<String> skipped = new ArrayList<>();
      for (int k = c + 1; k < g; k++) {
        if (!(k > f && k < to)) {
          skipped.add(t.stages().get(k));
        }
      }
      message = skipped.isEmpty()
          ? "The evidence requests " + requested + ", but this policy governs " + governs + "."
          : "The evidence requests " + requested + ", which skips " + String.join(" and ", skipped)
              + "; this policy governs " + governs + ".";
    }
    return Optional.of(Results.of("stage", Enforcement.HARD, Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), message, remedy));
  }

  // ---------------------------------------------------------------------------------------------------
  // requirements

  List<RuleResult> requirements() {
    Requirements r = policy.requires();
    List<RuleResult> out = new ArrayList<>();
    for (String name : r.artifacts()) {
      out.add(artifact(name, r.enforcement()));
    }
    r.dataset().ifPresent(d -> out.add(dataset(d, r.enforcement())));
    for (String name : r.contracts()) {
      out.add(contract(name, r.enforcement()));
    }
    r.shadow().ifPresent(s -> out.add(shadow(s, r.enforcement())));
    r.canary().ifPresent(c -> out.add(canary(c, r.enforcement())));
    return out;
  }

  private RuleResult artifact(String name, Enforcement enforcement) {
    String id = "requires.artifacts";
    Optional<String> subject = Optional.of("artifact=" + name);
    Optional<ArtifactVerifier> verifier = options.artifacts();
    JsonObject bound = JsonObject.builder().put("artifact", name).put("verified", verifier.isPresent()).build();
    JsonObject a = MetricSetView.object(MetricSetView.object(root, "artifacts"), name);
    String record = "record artifacts." + name + " with its uri and sha256";
    if (a == null) {
      return missingResult(id, enforcement, bound, subject, "Artifact " + name + " is missing from the evidence "
          + "(artifacts." + name + "); the rule fails closed.", record);
    }
    String uri = string(a, "uri");
    String sha = string(a, "sha256");
    if (Identity.blank(uri)) {
      return missingResult(id, enforcement, bound, subject, "Artifact " + name + " has no uri (artifacts." + name
          + ".uri); the rule fails closed.", record);
    }
    if (sha == null) {
      return missingResult(id, enforcement, bound, subject, "Artifact " + name + " has no sha256 (artifacts." + name
          + ".sha256); the rule fails closed.", record);
    }
    if (!SHA256.matcher(sha).matches()) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Artifact " + name
          + " has a sha256 that is not 64 hexadecimal digits.", record);
    }
    String recorded = sha.toLowerCase(Locale.ROOT);
    if (verifier.isEmpty()) {
      return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, subject, "Artifact " + name
          + " is recorded: " + uri + ", sha256 " + Results.shortSha(recorded) + " (file not verified).", "");
    }
    ArtifactVerifier.Hash h = verifier.get().sha256(name, uri);
    if (h.sha256().isEmpty()) {
      return missingResult(id, enforcement, bound, subject, "Artifact " + name + " cannot be verified: " + h.problem()
          + "; the rule fails closed.", "put the file of " + uri + " in the artifacts directory");
    }
    String file = ArtifactVerifier.fileName(uri);
    if (!h.sha256().get().equals(recorded)) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Artifact " + name
          + " does not match its recorded sha256: " + file + " hashes to " + Results.shortSha(h.sha256().get())
          + ", the evidence says " + Results.shortSha(recorded) + ".", "supply the artifact file whose sha256 the "
          + "evidence records, or correct artifacts." + name + ".sha256");
    }
    return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, subject, "Artifact " + name
        + " is verified: " + file + " matches sha256 " + Results.shortSha(recorded) + ".", "");
  }

  private RuleResult dataset(Requirements.Dataset d, Enforcement enforcement) {
    String id = "requires.dataset";
    JsonObject bound = JsonObject.builder().put("approvedSources", JsonArray.ofStrings(d.approvedSources()))
        .put("pinnedVersion", true).build();
    String sources = String.join(", ", d.approvedSources());
    String remedy = "train on a pinned version of a dataset from an approved source (" + sources + ")";
    JsonObject ds = MetricSetView.object(root, "dataset");
    String dsId = ds == null ? null : string(ds, "id");
    if (Identity.blank(dsId)) {
      return missingResult(id, enforcement, bound, Optional.empty(), "The evidence does not name the training dataset "
          + "(dataset.id); the rule fails closed.", "record the training dataset's id and version in dataset");
    }
    JsonValue v = ds.members().get("version");
    String version = Identity.clean(v instanceof JsonString s ? s.value() : v instanceof JsonNumber n ? Json.number(n)
        : null).orElse(null);
    List<String> problems = new ArrayList<>();
    boolean approved = d.approvedSources().stream().anyMatch(p -> glob(p, dsId));
    if (Identity.blank(version)) {
      // absent evidence, not a measured failure: MISSING, which no waiver covers
      return missingResult(id, enforcement, bound, Optional.empty(), "Training dataset " + dsId + " has no version "
          + "(dataset.version), so the model cannot be reproduced" + (approved ? "" : ", and it is not from an approved "
          + "source (" + sources + ")") + "; the rule fails closed.", "record the pinned version of the training "
          + "dataset in dataset.version" + (approved ? "" : "; " + remedy));
    }
    if (!approved) {
      problems.add("is not from an approved source (" + sources + ")");
    }
    if (FLOATING_VERSIONS.contains(version.toLowerCase(Locale.ROOT))) {
      problems.add("is not pinned: version \"" + version + "\" moves, so the model cannot be reproduced");
    }
    if (!problems.isEmpty()) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, Optional.empty(),
          "Training dataset " + dsId + " " + String.join(", and ", problems) + ".", remedy);
    }
    return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, Optional.empty(), "Training dataset "
        + dsId + " version " + version + " is pinned and from an approved source (" + sources + ").", "");
  }

  /** Glob match: {@code *} any characters (possibly none), {@code ?} one character, anything else literal. */
  static boolean glob(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private RuleResult contract(String name, Enforcement enforcement) {
    String id = "requires.contracts";
    Optional<String> subject = Optional.of("contract=" + name);
    JsonObject bound = JsonObject.builder().put("status", "PASS").build();
    String remedy = "a passing result of data contract " + name + " (clinigate check) as contracts." + name;
    JsonObject c = MetricSetView.object(MetricSetView.object(root, "contracts"), name);
    JsonValue status = c == null ? null : c.members().get("status");
    if (status == null) {
      return missingResult(id, enforcement, bound, subject, "The evidence has no result for data contract " + name
          + " (contracts." + name + ".status); the rule fails closed.", remedy);
    }
    String s = status instanceof JsonString js ? js.value() : Json.compact(status);
    if (s.equals("PASS")) {
      return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, subject, "Data contract " + name
          + " passed.", "");
    }
    if (s.equals("FAIL")) {
      String count = c.members().get("violations") instanceof JsonArray v
          ? " with " + Numbers.count(v.size()) + (v.size() == 1 ? " violation" : " violations") : "";
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Data contract " + name
          + " failed" + count + ".", remedy);
    }
    return missingResult(id, enforcement, bound, subject, "Data contract " + name + " has a status other "
        + "than PASS or FAIL; the rule fails closed.", remedy);
  }

  private RuleResult shadow(Requirements.Shadow s, Enforcement enforcement) {
    String id = "requires.shadow";
    JsonObject.Builder bb = JsonObject.builder().put("minDays", s.minDays()).put("minCases", s.minCases());
    s.minAgreement().ifPresent(a -> bb.put("minAgreement", a));
    JsonObject bound = bb.build();
    String need = Numbers.count(s.minDays()) + " days and " + Numbers.count(s.minCases()) + " cases"
        + (s.minAgreement().isPresent() ? " with agreement at least " + Numbers.plain(s.minAgreement().getAsDouble()) : "");
    String remedy = "a shadow deployment of at least " + need + " (deployment.shadow)";
    JsonObject sh = MetricSetView.object(MetricSetView.object(root, "deployment"), "shadow");
    if (sh == null) {
      return missingResult(id, enforcement, bound, Optional.empty(), "The evidence has no shadow deployment record "
          + "(deployment.shadow); the rule fails closed.", remedy);
    }
    Lookup days = Lookup.of(sh.members().get("days"));
    Lookup cases = Lookup.of(sh.members().get("cases"));
    Lookup agreement = Lookup.of(sh.members().get("agreement"));
    if (!days.isNumber()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Shadow days (deployment.shadow.days) "
          + days.problem() + "; the rule fails closed.", remedy);
    }
    if (!cases.isNumber()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Shadow cases (deployment.shadow.cases) "
          + cases.problem() + "; the rule fails closed.", remedy);
    }
    if (s.minAgreement().isPresent() && !agreement.isNumber()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Shadow agreement (deployment.shadow.agreement) "
          + agreement.problem() + "; the rule fails closed.", remedy);
    }
    List<String> parts = new ArrayList<>();
    List<String> short_ = new ArrayList<>();
    parts.add(amount(days.value()) + " days (minimum " + Numbers.count(s.minDays()) + ")");
    if (days.value() < s.minDays()) {
      short_.add("too few days");
    }
    parts.add(amount(cases.value()) + " cases (minimum " + Numbers.count(s.minCases()) + ")");
    if (cases.value() < s.minCases()) {
      short_.add("too few cases");
    }
    if (s.minAgreement().isPresent()) {
      double min = s.minAgreement().getAsDouble();
      parts.add("agreement " + Numbers.observed(agreement.value(), min) + " (minimum " + Numbers.plain(min) + ")");
      if (agreement.value() < min) {
        short_.add("agreement too low");
      }
    }
    String msg = "Shadow deployment: " + String.join(", ", parts);
    return Results.of(id, enforcement, short_.isEmpty() ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), short_.isEmpty() ? msg + "." : msg + "; " + String.join(", ", short_) + ".", remedy);
  }

  private RuleResult canary(Requirements.Canary c, Enforcement enforcement) {
    String id = "requires.canary";
    JsonObject.Builder bb = JsonObject.builder().put("maxTrafficPercent", c.maxTrafficPercent());
    c.minDays().ifPresent(d -> bb.put("minDays", d));
    JsonObject bound = bb.build();
    String remedy = "a canary deployment on at most " + Numbers.plain(c.maxTrafficPercent()) + "% of traffic"
        + (c.minDays().isPresent() ? " for at least " + Numbers.count(c.minDays().getAsLong()) + " days" : "")
        + " (deployment.canary)";
    JsonObject ca = MetricSetView.object(MetricSetView.object(root, "deployment"), "canary");
    if (ca == null) {
      return missingResult(id, enforcement, bound, Optional.empty(), "The evidence has no canary deployment record "
          + "(deployment.canary); the rule fails closed.", remedy);
    }
    Lookup traffic = Lookup.of(ca.members().get("trafficPercent"));
    Lookup days = Lookup.of(ca.members().get("days"));
    if (!traffic.isNumber()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Canary traffic share "
          + "(deployment.canary.trafficPercent) " + traffic.problem() + "; the rule fails closed.", remedy);
    }
    if (c.minDays().isPresent() && !days.isNumber()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Canary days (deployment.canary.days) "
          + days.problem() + "; the rule fails closed.", remedy);
    }
    List<String> parts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (c.minDays().isPresent()) {
      parts.add(amount(days.value()) + " days (minimum " + Numbers.count(c.minDays().getAsLong()) + ")");
      if (days.value() < c.minDays().getAsLong()) {
        problems.add("too few days");
      }
    }
    parts.add(Numbers.observed(traffic.value(), c.maxTrafficPercent()) + "% of traffic (maximum "
        + Numbers.plain(c.maxTrafficPercent()) + "%)");
    if (traffic.value() > c.maxTrafficPercent()) {
      problems.add("too much traffic for a canary");
    }
    String msg = "Canary deployment: " + String.join(", ", parts);
    return Results.of(id, enforcement, problems.isEmpty() ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), problems.isEmpty() ? msg + "." : msg + "; " + String.join(", ", problems) + ".", remedy);
  }

  private static String amount(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Numbers.count((long) v) : Numbers.observed(v);
  }

  // ---------------------------------------------------------------------------------------------------
  // approvals

  /** One approval entry from the evidence. */
  private record Entry(String principal, String role, String decision, String rationale, String timestamp,
      String sha, String canonical) {
    String who() {
      return principal == null ? "an approval without a principal" : principal;
    }
  }

  List<RuleResult> approvals() {
    if (policy.approvals().isEmpty()) {
      return List.of();
    }
    Approvals a = policy.approvals().get();
    List<Entry> entries = entries();
    Optional<String> author = modelAuthor();
    Optional<Instant> at = options.at();
    String subjectSha = evidence.subjectSha256();
    String maxAgeText = a.maxAge().map(d -> Durations.describe(d)).orElse("");

    // which approve entries count, and why the others do not (per role, for the messages)
    Map<String, List<String>> validByRole = new LinkedHashMap<>(); // role -> principals, in canonical order
    Map<String, List<String>> ignoredByRole = new LinkedHashMap<>();
    List<Entry> rejects = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    for (Entry e : entries) {
      if (e.decision() == null || !(e.decision().equals("approve") || e.decision().equals("reject"))) {
        malformed.add(e.who() + (e.role() == null ? "" : " (" + e.role() + ")") + " has decision "
            + (e.decision() == null ? "missing" : "of another value") + ", not approve or reject");
        continue;
      }
      if (e.decision().equals("reject")) {
        rejects.add(e);
        continue;
      }
      if (e.principal() == null || e.role() == null) {
        String role = e.role() == null ? "" : e.role();
        ignoredByRole.computeIfAbsent(role, k -> new ArrayList<>()).add(e.principal() == null
            ? "an approval" + (e.role() == null ? "" : " as " + e.role()) + " without a principal"
            : e.principal() + " (an approval without a role)");
        continue;
      }
      String why = whyNotCounted(e, a, author, at, subjectSha, maxAgeText);
      if (why != null) {
        ignoredByRole.computeIfAbsent(e.role(), k -> new ArrayList<>()).add(e.principal() + " as " + e.role() + " ("
            + why + ")");
        continue;
      }
      List<String> ps = validByRole.computeIfAbsent(e.role(), k -> new ArrayList<>());
      if (!ps.contains(e.principal())) {
        ps.add(e.principal());
      }
    }

    List<RuleResult> out = new ArrayList<>();
    // roles: with separation of duties, a maximum matching of roles to distinct people
    Map<String, String> filledBy = a.separationOfDuties() ? match(a.roles(), validByRole) : firstOf(a.roles(), validByRole);
    String sign = "signing subject sha256 " + subjectSha;
    for (String role : a.roles()) {
      JsonObject bound = JsonObject.builder().put("role", role).build();
      List<String> notes = new ArrayList<>(ignoredByRole.getOrDefault(role, List.of()));
      String who = filledBy.get(role);
      if (who != null) {
        out.add(Results.of("approval:" + role, Enforcement.HARD, Status.PASS, OptionalDouble.empty(), bound,
            Optional.empty(), "Role " + role + " is filled by " + who + "." + notes(notes), ""));
        continue;
      }
      for (String p : validByRole.getOrDefault(role, List.of())) {
        String other = filledBy.entrySet().stream().filter(x -> x.getValue().equals(p)).map(Map.Entry::getKey)
            .findFirst().orElse("another role");
        notes.add(p + " as " + role + " (" + p + " already fills " + other
            + ", and with separation of duties one person fills one role)");
      }
      String remedy = "an approval by a " + role + (a.separationOfDuties()
          ? " who is not the model's author and fills no other role" : "") + ", with a rationale"
          + (a.maxAge().isPresent() ? ", at most " + maxAgeText + " old" : "") + ", " + sign;
      out.add(Results.of("approval:" + role, Enforcement.HARD, Status.FAIL, OptionalDouble.empty(), bound,
          Optional.empty(), "No valid approval for role " + role + "." + notes(notes), remedy));
    }

    // overall: distinct approvers, rejections, and what makes the approvals unreadable
    Set<String> approvers = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> e : validByRole.entrySet()) {
      if (a.roles().isEmpty() || a.roles().contains(e.getKey())) {
        approvers.addAll(e.getValue());
      }
    }
    List<String> sorted = new ArrayList<>(approvers);
    sorted.sort(null);
    JsonObject bound = JsonObject.builder().put("minApprovers", a.minApprovers()).build();
    OptionalDouble count = OptionalDouble.of(sorted.size());
    List<String> unreadable = new ArrayList<>(malformed);
    List<String> unreadableRemedy = new ArrayList<>();
    if (!malformed.isEmpty()) {
      unreadableRemedy.add("correct each approval's decision to approve or reject");
    }
    if (a.separationOfDuties() && author.isEmpty()) {
      unreadable.add("the evidence does not name the model's author (model.author), so separation of duties cannot "
          + "be checked");
      unreadableRemedy.add("record the model's author in model.author");
    }
    if (a.maxAge().isPresent() && at.isEmpty()) {
      unreadable.add("approval age (maxAge " + maxAgeText + ") cannot be checked without an evaluation time; pass "
          + "--at (or evaluate with a Clock)");
      unreadableRemedy.add("evaluate with an evaluation time (--at)");
    }
    if (!unreadable.isEmpty()) {
      out.add(missingResult("approvals", Enforcement.HARD, bound, Optional.empty(), "Approvals cannot be judged: "
          + String.join("; ", unreadable) + "; the rule fails closed.", String.join("; ", unreadableRemedy)));
      return out;
    }
    List<String> problems = new ArrayList<>();
    List<String> remedies = new ArrayList<>();
    for (Entry r : rejects) {
      problems.add("rejected by " + r.who() + (r.role() == null ? "" : " (" + r.role() + ")")
          + (r.timestamp() == null ? "" : " at " + r.timestamp())
          + (Identity.blank(r.rationale()) ? " without a rationale" : ": \"" + r.rationale() + "\""));
      remedies.add("resolve " + r.who() + "'s rejection: a reject blocks until " + r.who() + " withdraws it");
    }
    String people = sorted.isEmpty() ? "" : " (" + String.join(", ", sorted) + ")";
    String counted = sorted.size() + (sorted.size() == 1 ? " distinct approver" : " distinct approvers") + people;
    if (sorted.size() < a.minApprovers()) {
      problems.add(0, counted + ", fewer than the " + a.minApprovers() + " required");
      remedies.add(0, "approvals from at least " + a.minApprovers() + " distinct people" + (a.roles().isEmpty() ? ""
          : a.roles().size() == 1 ? " in the role " + a.roles().get(0) : " in the roles " + String.join(", ", a.roles())));
    }
    List<String> unlisted = new ArrayList<>();
    if (a.roles().isEmpty()) {
      ignoredByRole.values().forEach(unlisted::addAll); // no role results to carry them
    } else {
      for (Map.Entry<String, List<String>> e : validByRole.entrySet()) {
        if (!a.roles().contains(e.getKey())) {
          for (String p : e.getValue()) {
            unlisted.add(p + " as " + e.getKey() + " (not a required role)");
          }
        }
      }
      for (Map.Entry<String, List<String>> e : ignoredByRole.entrySet()) {
        if (!a.roles().contains(e.getKey())) {
          unlisted.addAll(e.getValue());
        }
      }
    }
    if (problems.isEmpty()) {
      out.add(Results.of("approvals", Enforcement.HARD, Status.PASS, count, bound, Optional.empty(), capitalize(counted)
          + ", at least " + a.minApprovers() + " required; no rejections." + notes(unlisted), ""));
    } else {
      out.add(Results.of("approvals", Enforcement.HARD, Status.FAIL, count, bound, Optional.empty(),
          sentence(capitalize(String.join("; ", problems))) + notes(unlisted), String.join("; and ", remedies)));
    }
    return out;
  }

  /** Why an approve entry does not count, or null when it does. */
  private static String whyNotCounted(Entry e, Approvals a, Optional<String> author, Optional<Instant> at,
      String subjectSha, String maxAgeText) {
    if (a.separationOfDuties() && author.isPresent() && Identity.same(author.get(), e.principal())) {
      return "the model's author";
    }
    if (e.sha() == null) {
      return "no evidenceSha256, so it is not known what was approved";
    }
    if (!e.sha().equalsIgnoreCase(subjectSha)) {
      return "signed evidence " + Results.shortSha(e.sha()) + ", not this evidence's subject "
          + Results.shortSha(subjectSha);
    }
    if (Identity.blank(e.rationale())) {
      return "no rationale";
    }
    if (a.maxAge().isPresent() && at.isPresent()) {
      Optional<Instant> ts = e.timestamp() == null ? Optional.empty() : Instants.parse(e.timestamp());
      if (ts.isEmpty()) {
        return (e.timestamp() == null ? "no timestamp" : "its timestamp is not an ISO-8601 date-time")
            + ", so its age cannot be checked";
      }
      if (ts.get().isAfter(at.get())) {
        return "dated " + ts.get() + ", after the evaluation time " + at.get();
      }
      Duration age = Duration.between(ts.get(), at.get());
      if (age.compareTo(a.maxAge().get()) > 0) {
        return Durations.describe(age) + " old, older than the maximum " + maxAgeText;
      }
    }
    return null;
  }

  /** A maximum matching of roles to distinct people (augmenting paths; roles in policy order). */
  private static Map<String, String> match(List<String> roles, Map<String, List<String>> validByRole) {
    Map<String, String> personToRole = new LinkedHashMap<>();
    for (String role : roles) {
      augment(role, validByRole, personToRole, new LinkedHashSet<>());
    }
    Map<String, String> roleToPerson = new LinkedHashMap<>();
    for (String role : roles) {
      for (Map.Entry<String, String> e : personToRole.entrySet()) {
        if (e.getValue().equals(role)) {
          roleToPerson.put(role, e.getKey());
        }
      }
    }
    return roleToPerson;
  }

  private static boolean augment(String role, Map<String, List<String>> validByRole, Map<String, String> personToRole,
      Set<String> seen) {
    for (String p : validByRole.getOrDefault(role, List.of())) {
      if (!seen.add(p)) {
        continue;
      }
      String held = personToRole.get(p);
      if (held == null || augment(held, validByRole, personToRole, seen)) {
        personToRole.put(p, role);
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> firstOf(List<String> roles, Map<String, List<String>> validByRole) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String role : roles) {
      List<String> ps = validByRole.getOrDefault(role, List.of());
      if (!ps.isEmpty()) {
        out.put(role, ps.get(0));
      }
    }
    return out;
  }

  /**
   * The approval entries in canonical order. Principals that are the same person ({@link Identity}) are
   * spelt as the first of them, so that one person is counted once however the entries spell the name.
   */
  private List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    if (root.members().get("approvals") instanceof JsonArray arr) {
      for (JsonValue v : arr.elements()) {
        JsonObject o = (JsonObject) v; // the evidence shape guarantees objects
        out.add(new Entry(nonBlank(o, "principal"), nonBlank(o, "role"), string(o, "decision"), string(o, "rationale"),
            string(o, "timestamp"), string(o, "evidenceSha256"), Json.canonical(o)));
      }
    }
    out.sort(Comparator.comparing(Entry::canonical));
    Map<String, String> spelling = new LinkedHashMap<>();
    List<Entry> same = new ArrayList<>(out.size());
    for (Entry e : out) {
      String p = e.principal() == null ? null : spelling.computeIfAbsent(Identity.key(e.principal()).orElseThrow(),
          k -> e.principal());
      same.add(new Entry(p, e.role(), e.decision(), e.rationale(), e.timestamp(), e.sha(), e.canonical()));
    }
    return same;
  }

  private Optional<String> modelAuthor() {
    JsonObject model = MetricSetView.object(root, "model");
    return Optional.ofNullable(model == null ? null : nonBlank(model, "author"));
  }

  private static String notes(List<String> notes) {
    return notes.isEmpty() ? "" : " Not counted: " + String.join("; ", notes) + ".";
  }

  // ---------------------------------------------------------------------------------------------------
  // waivers

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
    if (!roles.contains(w.role())) {
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
      Optional<String> author = modelAuthor();
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

  // ---------------------------------------------------------------------------------------------------
  // helpers

  private static RuleResult missingResult(String id, Enforcement enforcement, JsonObject bound, Optional<String> subject,
      String message, String remedy) {
    return Results.missing(id, enforcement, bound, subject, message, remedy);
  }

  private static String string(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }

  /** A string member in its display form ({@link Identity#clean}), or null when absent, blank or invisible. */
  private static String nonBlank(JsonObject o, String key) {
    return Identity.clean(string(o, key)).orElse(null);
  }

  /** Ends a message with a period, unless it already ends with one inside a closing quote. */
  static String sentence(String s) {
    return s.endsWith(".") || s.endsWith(".\"") || s.endsWith("?\"") || s.endsWith("!\"") ? s : s + ".";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
