package dev.clinigate.internal;

import static dev.clinigate.internal.GovernanceText.missingResult;
import static dev.clinigate.internal.GovernanceText.modelAuthor;
import static dev.clinigate.internal.GovernanceText.string;
import static dev.clinigate.internal.GovernanceText.nonBlank;
import static dev.clinigate.internal.GovernanceText.sentence;
import static dev.clinigate.internal.GovernanceText.capitalize;

import dev.clinigate.ApprovalSigner;
import dev.clinigate.Approvals;
import dev.clinigate.Durations;
import dev.clinigate.Enforcement;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.Principal;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Roster;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The approvals check of a promotion policy.
 *
 * <p>Design notes.
 * <ul>
 *   <li>Monotone approvals: an approval that does not count (wrong evidence, no rationale, by the author,
 *       too old) is named but never blocks by itself, and roles are assigned to people by a maximum
 *       matching, so adding an approval can never turn GO into NO_GO; only a {@code reject} (or an entry
 *       whose decision is neither approve nor reject, which might be a garbled reject) blocks.</li>
 *   <li>Approval age needs the evaluation time; without one the check is {@code MISSING} and says to pass
 *       {@code --at}.</li>
 *   <li>Signed approvals ({@code requireSignatures}): an approval counts only when its Ed25519 signature over
 *       {@link ApprovalSigner#message} verifies with the key of the roster principal it names, who was valid at
 *       the approval's timestamp and holds its role. Without a roster every approval is named as unverifiable and
 *       the {@code approvals} result is {@code MISSING}: signatures that cannot be checked never count.</li>
 *   <li>Roles compare after NFKC, trimming and case folding, and are named as the policy spells them.</li>
 *   <li>Order independence: approvals are processed in the order of their canonical JSON, so messages do
 *       not depend on the order the evidence listed them.</li>
 * </ul>
 */
final class ApprovalChecks {
  private final PromotionPolicy policy;
  private final Evidence evidence;
  private final JsonObject root;
  private final EvaluationOptions options;

  /** The approvals to check: the policy's, or those a change envelope relaxes them to. */
  private final Optional<Approvals> required;

  ApprovalChecks(PromotionPolicy policy, Evidence evidence, EvaluationOptions options) {
    this(policy, evidence, options, policy.approvals());
  }

  ApprovalChecks(PromotionPolicy policy, Evidence evidence, EvaluationOptions options, Optional<Approvals> required) {
    this.required = required;
    this.policy = policy;
    this.evidence = evidence;
    this.root = evidence.json();
    this.options = options;
  }

  /** One approval entry from the evidence ({@code raw}: the entry as written, for its signature). */
  private record Entry(String principal, String role, String decision, String rationale, String timestamp,
      String sha, String canonical, JsonObject raw) {
    String who() {
      return principal == null ? "an approval without a principal" : principal;
    }
  }

  List<RuleResult> approvals() {
    if (required.isEmpty()) {
      return List.of();
    }
    Approvals a = required.get();
    List<Entry> entries = entries();
    Optional<String> author = modelAuthor(root);
    Optional<Instant> at = options.at();
    String subjectSha = evidence.subjectSha256();
    String maxAgeText = a.maxAge().map(d -> Durations.describe(d)).orElse("");
    Optional<Roster> roster = a.requireSignatures() ? options.principals() : Optional.empty();

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
      if (why == null && a.requireSignatures()) {
        why = whyNotSigned(e, roster);
      }
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
          + (a.maxAge().isPresent() ? ", at most " + maxAgeText + " old" : "") + ", " + sign
          + (a.requireSignatures() ? ", signed by a principal of the roster who holds the role" : "");
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
    if (a.requireSignatures() && roster.isEmpty()) {
      unreadable.add("the policy requires signed approvals (approvals.requireSignatures) and no roster of principals "
          + "was given to verify them against; pass --principals R.yaml (or evaluate with "
          + "EvaluationOptions.withPrincipals)");
      unreadableRemedy.add("evaluate with the roster of principals (--principals)");
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
    // provenance: which roster the signatures were checked against
    String checked = roster.map(r -> " Signatures checked against the roster " + r.name() + " (sha256 "
        + Results.shortSha(r.sha256()) + (r.signatureVerified() ? ", its signature verified with the roster key)."
        : ", not signed).")).orElse("");
    if (problems.isEmpty()) {
      out.add(Results.of("approvals", Enforcement.HARD, Status.PASS, count, bound, Optional.empty(), capitalize(counted)
          + ", at least " + a.minApprovers() + " required; no rejections." + notes(unlisted) + checked, ""));
    } else {
      out.add(Results.of("approvals", Enforcement.HARD, Status.FAIL, count, bound, Optional.empty(),
          sentence(capitalize(String.join("; ", problems))) + notes(unlisted) + checked, String.join("; and ", remedies)));
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

  /**
   * Why an otherwise valid approve entry does not count under {@code requireSignatures}, or null when its signature
   * verifies with the key of a principal of the roster who was valid at the approval's timestamp and holds its role.
   * The signature is checked before the roster entry's validity and roles: only a verified approval's timestamp
   * and role are the principal's own claims.
   */
  private static String whyNotSigned(Entry e, Optional<Roster> roster) {
    if (roster.isEmpty()) {
      return "its signature cannot be checked without a roster of principals";
    }
    String signature = string(e.raw(), "signature");
    if (Identity.blank(signature)) {
      return "unsigned, and the policy requires signed approvals";
    }
    Optional<Principal> p = roster.get().find(e.principal());
    if (p.isEmpty()) {
      return "not in the roster " + roster.get().name();
    }
    if (e.timestamp() == null) {
      return "no timestamp, so its signature cannot be checked";
    }
    Optional<Instant> ts = Instants.parse(e.timestamp());
    if (ts.isEmpty()) {
      return "its timestamp is not an ISO-8601 date-time with an offset, so its signature cannot be checked";
    }
    if (ApprovalSigner.decode(signature).isEmpty()) {
      return "its signature is not 64 bytes in base64";
    }
    JsonObject o = e.raw();
    byte[] message = ApprovalSigner.message(string(o, "evidenceSha256"), string(o, "role"), string(o, "decision"),
        string(o, "principal"), string(o, "rationale"), e.timestamp());
    if (!ApprovalSigner.verify(message, signature, p.get().publicKey())) {
      return "its signature does not verify with the public key of " + p.get().id() + " in the roster "
          + roster.get().name();
    }
    if (!p.get().validAt(ts.get())) {
      return ts.get().isBefore(p.get().validFrom())
          ? "signed at " + ts.get() + ", before " + p.get().id() + "'s roster entry is valid (from "
              + p.get().validFrom() + ")"
          : "signed at " + ts.get() + ", after " + p.get().id() + "'s roster entry expired (at "
              + p.get().validUntil().orElseThrow() + ")";
    }
    if (!p.get().holds(e.role())) {
      return "the roster does not give " + p.get().id() + " the role " + e.role() + " (roles: "
          + String.join(", ", p.get().roles()) + ")";
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
        out.add(new Entry(nonBlank(o, "principal"), role(nonBlank(o, "role")), string(o, "decision"),
            string(o, "rationale"), string(o, "timestamp"), string(o, "evidenceSha256"), Json.canonical(o), o));
      }
    }
    out.sort(Comparator.comparing(Entry::canonical));
    Map<String, String> spelling = new LinkedHashMap<>();
    List<Entry> same = new ArrayList<>(out.size());
    for (Entry e : out) {
      String p = e.principal() == null ? null : spelling.computeIfAbsent(Identity.key(e.principal()).orElseThrow(),
          k -> e.principal());
      same.add(new Entry(p, e.role(), e.decision(), e.rationale(), e.timestamp(), e.sha(), e.canonical(), e.raw()));
    }
    return same;
  }


  /**
   * A role as the policy spells it when it names the same role after NFKC, trimming and case folding
   * ({@code Compliance} fills {@code compliance}); otherwise as written.
   */
  private String role(String role) {
    if (role == null) {
      return null;
    }
    for (String r : policy.approvals().orElseThrow().roles()) {
      if (Identity.same(r, role)) {
        return r;
      }
    }
    return role;
  }

  private static String notes(List<String> notes) {
    return notes.isEmpty() ? "" : " Not counted: " + String.join("; ", notes) + ".";
  }
}
