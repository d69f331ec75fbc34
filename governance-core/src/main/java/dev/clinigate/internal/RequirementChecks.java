package dev.clinigate.internal;

import dev.clinigate.NumberText;
import static dev.clinigate.internal.GovernanceText.missingResult;
import static dev.clinigate.internal.GovernanceText.string;

import dev.clinigate.ArtifactVerifier;
import dev.clinigate.Enforcement;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.ModelCardCheck;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Requirements;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lineage and deployment requirements of a promotion policy ({@code spec.requires}): artifacts (with
 * their SHA-256, verified when the host supplies an {@link dev.clinigate.ArtifactVerifier}), the training
 * dataset, contract results, shadow and canary deployments.
 *
 * <p>Design note: fail closed. A requirement whose evidence is absent or malformed is {@code MISSING}.
 */
final class RequirementChecks {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> FLOATING_VERSIONS = Set.of("latest", "current", "head", "main", "master", "*");

  private final PromotionPolicy policy;
  private final JsonObject root;
  private final EvaluationOptions options;
  private final Evidence evidence;

  RequirementChecks(PromotionPolicy policy, Evidence evidence, EvaluationOptions options) {
    this.policy = policy;
    this.evidence = evidence;
    this.root = evidence.json();
    this.options = options;
  }

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
    r.modelCard().ifPresent(m -> out.add(modelCard(m, r.enforcement())));
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
          ? " with " + NumberText.count(v.size()) + (v.size() == 1 ? " violation" : " violations") : "";
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
    String need = NumberText.count(s.minDays()) + " days and " + NumberText.count(s.minCases()) + " cases"
        + (s.minAgreement().isPresent() ? " with agreement at least " + NumberText.plain(s.minAgreement().getAsDouble()) : "");
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
    parts.add(amount(days.value()) + " days (minimum " + NumberText.count(s.minDays()) + ")");
    if (days.value() < s.minDays()) {
      short_.add("too few days");
    }
    parts.add(amount(cases.value()) + " cases (minimum " + NumberText.count(s.minCases()) + ")");
    if (cases.value() < s.minCases()) {
      short_.add("too few cases");
    }
    if (s.minAgreement().isPresent()) {
      double min = s.minAgreement().getAsDouble();
      parts.add("agreement " + Numbers.observed(agreement.value(), min) + " (minimum " + NumberText.plain(min) + ")");
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
    String remedy = "a canary deployment on at most " + NumberText.plain(c.maxTrafficPercent()) + "% of traffic"
        + (c.minDays().isPresent() ? " for at least " + NumberText.count(c.minDays().getAsLong()) + " days" : "")
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
      parts.add(amount(days.value()) + " days (minimum " + NumberText.count(c.minDays().getAsLong()) + ")");
      if (days.value() < c.minDays().getAsLong()) {
        problems.add("too few days");
      }
    }
    parts.add(Numbers.observed(traffic.value(), c.maxTrafficPercent()) + "% of traffic (maximum "
        + NumberText.plain(c.maxTrafficPercent()) + "%)");
    if (traffic.value() > c.maxTrafficPercent()) {
      problems.add("too much traffic for a canary");
    }
    String msg = "Canary deployment: " + String.join(", ", parts);
    return Results.of(id, enforcement, problems.isEmpty() ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), problems.isEmpty() ? msg + "." : msg + "; " + String.join(", ", problems) + ".", remedy);
  }

  /**
   * {@code requires.modelCard}: the host-supplied card must be the one the evidence records (when
   * {@code artifacts.modelCard.sha256} is present), complete for the standard, and its numbers must equal this
   * evidence. No card is {@code MISSING}; an incomplete or stale card, or an unknown standard, is {@code FAIL}.
   */
  private RuleResult modelCard(Requirements.ModelCard m, Enforcement enforcement) {
    String id = "requires.modelCard";
    Optional<String> subject = Optional.of("standard=" + m.standard());
    JsonObject bound = JsonObject.builder().put("standard", m.standard()).build();
    String remedy = "complete the model card for " + m.standard() + " (clinigate model-card --standard "
        + m.standard() + " lists what is missing)";
    if (options.modelCard().isEmpty()) {
      return missingResult(id, enforcement, bound, subject, "No model card was supplied to check against "
          + m.standard() + "; the rule fails closed.", "supply the card (clinigate evaluate --model-card card.yaml)");
    }
    ModelCardCheck card = options.modelCard().get();
    JsonObject a = MetricSetView.object(MetricSetView.object(root, "artifacts"), "modelCard");
    String recorded = a == null ? null : string(a, "sha256");
    if (recorded != null && SHA256.matcher(recorded).matches()
        && !recorded.toLowerCase(Locale.ROOT).equals(card.sha256())) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Model card "
          + card.source() + " is not the card the evidence records: it hashes to " + Results.shortSha(card.sha256())
          + ", artifacts.modelCard.sha256 says " + Results.shortSha(recorded.toLowerCase(Locale.ROOT)) + ".",
          "supply the model card the evidence records, or record this card's sha256 in artifacts.modelCard");
    }
    List<String> items;
    try {
      items = card.incompleteItems(m.standard(), evidence);
    } catch (IllegalArgumentException e) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Model card "
          + card.source() + " cannot be checked: " + e.getMessage() + ".", "name a shipped standard in "
          + "requires.modelCard.standard");
    }
    if (items.isEmpty()) {
      return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, subject, "Model card "
          + card.source() + " is complete for " + m.standard() + " and its numbers equal the evidence.", "");
    }
    return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, "Model card "
        + card.source() + " is incomplete for " + m.standard() + " (" + items.size() + " item"
        + (items.size() == 1 ? "" : "s") + "): " + String.join("; ", items) + ".", remedy);
  }

  private static String amount(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? NumberText.count((long) v) : Numbers.observed(v);
  }
}
