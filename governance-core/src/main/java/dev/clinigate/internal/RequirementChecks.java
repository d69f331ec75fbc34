package dev.clinigate.internal;

import dev.clinigate.NumberText;
import static dev.clinigate.internal.GovernanceText.missingResult;
import static dev.clinigate.internal.GovernanceText.capitalize;
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
    r.ab().ifPresent(o -> out.add(abTest(o, r.enforcement())));
    for (String cohort : r.validation()) {
      out.add(validation(cohort, r.enforcement()));
    }
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
    outcomeBound(bb, c.outcome());
    JsonObject bound = bb.build();
    String remedy = "a canary deployment on at most " + NumberText.plain(c.maxTrafficPercent()) + "% of traffic"
        + (c.minDays().isPresent() ? " for at least " + NumberText.count(c.minDays().getAsLong()) + " days" : "")
        + (c.outcome().isEmpty() ? "" : " that shows " + outcomeNeeds(c.outcome())) + " (deployment.canary)";
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
    Optional<String> absent = outcome(c.outcome(), ca, "deployment.canary", parts, problems);
    if (absent.isPresent()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "Canary " + absent.get()
          + "; the rule fails closed.", remedy);
    }
    String msg = "Canary deployment: " + String.join(", ", parts);
    return Results.of(id, enforcement, problems.isEmpty() ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), problems.isEmpty() ? msg + "." : msg + "; " + String.join(", ", problems) + ".", remedy);
  }

  private RuleResult abTest(Requirements.Outcome o, Enforcement enforcement) {
    String id = "requires.ab";
    JsonObject.Builder bb = JsonObject.builder();
    outcomeBound(bb, o);
    JsonObject bound = bb.build();
    String remedy = "an A/B test that shows " + outcomeNeeds(o) + " (deployment.ab)";
    JsonObject ab = MetricSetView.object(MetricSetView.object(root, "deployment"), "ab");
    if (ab == null) {
      return missingResult(id, enforcement, bound, Optional.empty(), "The evidence has no A/B test record "
          + "(deployment.ab); the rule fails closed.", remedy);
    }
    List<String> parts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Optional<String> absent = outcome(o, ab, "deployment.ab", parts, problems);
    if (absent.isPresent()) {
      return missingResult(id, enforcement, bound, Optional.empty(), "A/B test " + absent.get()
          + "; the rule fails closed.", remedy);
    }
    String msg = "A/B test: " + String.join(", ", parts);
    return Results.of(id, enforcement, problems.isEmpty() ? Status.PASS : Status.FAIL, OptionalDouble.empty(), bound,
        Optional.empty(), problems.isEmpty() ? msg + "." : msg + "; " + String.join(", ", problems) + ".", remedy);
  }

  private static void outcomeBound(JsonObject.Builder b, Requirements.Outcome o) {
    o.toJson().members().forEach(b::put);
  }

  private static String outcomeNeeds(Requirements.Outcome o) {
    List<String> needs = new ArrayList<>();
    o.minCases().ifPresent(v -> needs.add("at least " + NumberText.count(v) + " cases"));
    o.minAgreement().ifPresent(v -> needs.add("agreement at least " + NumberText.plain(v)));
    o.maxOverrideRate().ifPresent(v -> needs.add("an override rate at most " + NumberText.plain(v)));
    o.nonInferior().ifPresent(n -> needs.add(PromotionEvaluator.lowerFirst(n.metric().displayName()) + " non-inferior to the control within "
        + NumberText.plain(n.margin())));
    return needs.isEmpty() ? "its outcome" : String.join(", ", needs);
  }

  /**
   * Judges a live comparison's outcome (canary or A/B) into {@code parts} (what was seen) and
   * {@code problems} (what falls short); returns what is absent, when a required value is.
   */
  private static Optional<String> outcome(Requirements.Outcome o, JsonObject rec, String path, List<String> parts,
      List<String> problems) {
    if (o.minCases().isPresent()) {
      Lookup cases = Lookup.of(rec.members().get("cases"));
      if (!cases.isNumber()) {
        return Optional.of("cases (" + path + ".cases) " + cases.problem());
      }
      long min = o.minCases().getAsLong();
      parts.add(amount(cases.value()) + " cases (minimum " + NumberText.count(min) + ")");
      if (cases.value() < min) {
        problems.add("too few cases");
      }
    }
    if (o.minAgreement().isPresent()) {
      Lookup agreement = Lookup.of(rec.members().get("agreement"));
      if (!agreement.isNumber()) {
        return Optional.of("agreement (" + path + ".agreement) " + agreement.problem());
      }
      double min = o.minAgreement().getAsDouble();
      parts.add("agreement " + Numbers.observed(agreement.value(), min) + " (minimum " + NumberText.plain(min) + ")");
      if (agreement.value() < min) {
        problems.add("agreement too low");
      }
    }
    if (o.maxOverrideRate().isPresent()) {
      Lookup rate = Lookup.of(rec.members().get("overrideRate"));
      if (!rate.isNumber()) {
        return Optional.of("override rate (" + path + ".overrideRate) " + rate.problem());
      }
      double max = o.maxOverrideRate().getAsDouble();
      parts.add("override rate " + Numbers.observed(rate.value(), max) + " (maximum " + NumberText.plain(max) + ")");
      if (rate.value() > max) {
        problems.add("clinicians override it too often");
      }
    }
    if (o.nonInferior().isPresent()) {
      Requirements.NonInferior ni = o.nonInferior().get();
      String key = ni.metric().key();
      String at = path + ".performance." + key;
      JsonObject perf = MetricSetView.object(MetricSetView.object(rec, "performance"), key);
      if (perf == null) {
        return Optional.of("performance against the control (" + at + ") is missing from the evidence");
      }
      boolean lowerBetter = dev.clinigate.Direction.of(ni.metric().name()) == dev.clinigate.Direction.LOWER_IS_BETTER;
      String side = lowerBetter ? "upper95" : "lower95";
      Lookup limit = Lookup.of(perf.members().get(side));
      Lookup diff = Lookup.of(perf.members().get("difference"));
      if (!limit.isNumber()) {
        return Optional.of("performance against the control (" + at + "." + side + ") " + limit.problem());
      }
      double margin = ni.margin();
      boolean ok = lowerBetter ? limit.value() < margin : limit.value() > -margin;
      Lookup lo = Lookup.of(perf.members().get("lower95"));
      Lookup hi = Lookup.of(perf.members().get("upper95"));
      String ci = lo.isNumber() && hi.isNumber() ? " (95% CI " + Numbers.observed(lo.value()) + " to "
          + Numbers.observed(hi.value()) + ")" : "";
      parts.add(ni.metric().displayName() + " minus the control's " + (diff.isNumber() ? Numbers.observed(diff.value())
          : "(difference not reported)") + ci + ", " + (ok ? "non-inferior" : "non-inferiority not shown")
          + " within the margin " + NumberText.plain(margin));
      if (!ok) {
        problems.add("the " + side.replace("95", "") + " 95% bound " + Numbers.observed(limit.value()) + " is not "
            + (lowerBetter ? "below " + NumberText.plain(margin) : "above -" + NumberText.plain(margin)));
      }
    }
    return Optional.empty();
  }

  /**
   * A validation cohort ({@code validation.<cohort>}) with its lineage: the dataset it was measured on
   * ({@code lineage.dataset.id}, and a pinned {@code lineage.dataset.version}), the period
   * ({@code lineage.period.from <= lineage.period.to}, ISO dates) and, for external validation, the site;
   * an external cohort on the training dataset itself is no external validation.
   */
  private RuleResult validation(String cohort, Enforcement enforcement) {
    String id = "requires.validation";
    Optional<String> subject = Optional.of("cohort=" + cohort);
    JsonObject bound = JsonObject.builder().put("cohort", cohort).put("pinnedVersion", true).build();
    String where = "validation." + cohort;
    String remedy = "record the " + cohort + " validation cohort's metrics and lineage (dataset id and pinned version, "
        + "period" + (cohort.equals("external") ? ", site" : "") + ") in " + where;
    JsonObject c = MetricSetView.object(MetricSetView.object(root, "validation"), cohort);
    if (c == null) {
      return missingResult(id, enforcement, bound, subject, "The evidence has no " + cohort + " validation cohort ("
          + where + "); the rule fails closed.", remedy);
    }
    JsonObject lineage = MetricSetView.object(c, "lineage");
    JsonObject ds = MetricSetView.object(lineage, "dataset");
    String dsId = ds == null ? null : string(ds, "id");
    if (Identity.blank(dsId)) {
      return missingResult(id, enforcement, bound, subject, capitalize(cohort) + " validation does not name its "
          + "dataset (" + where + ".lineage.dataset.id); the rule fails closed.", remedy);
    }
    String version = versionOf(ds);
    if (Identity.blank(version)) {
      return missingResult(id, enforcement, bound, subject, capitalize(cohort) + " validation dataset " + dsId
          + " has no version (" + where + ".lineage.dataset.version), so the validation cannot be reproduced; the rule "
          + "fails closed.", remedy);
    }
    JsonObject period = MetricSetView.object(lineage, "period");
    String from = period == null ? null : string(period, "from");
    String to = period == null ? null : string(period, "to");
    if (Identity.blank(from) || Identity.blank(to)) {
      return missingResult(id, enforcement, bound, subject, capitalize(cohort) + " validation does not state its "
          + "period (" + where + ".lineage.period.from and .to); the rule fails closed.", remedy);
    }
    String site = lineage == null ? null : string(lineage, "site");
    if (cohort.equals("external") && Identity.blank(site)) {
      return missingResult(id, enforcement, bound, subject, "External validation does not name its site ("
          + where + ".lineage.site); the rule fails closed.", remedy);
    }
    List<String> problems = new ArrayList<>();
    if (FLOATING_VERSIONS.contains(version.toLowerCase(Locale.ROOT))) {
      problems.add("its dataset is not pinned: version \"" + version + "\" moves, so the validation cannot be "
          + "reproduced");
    }
    Optional<java.time.LocalDate> f = date(from);
    Optional<java.time.LocalDate> t = date(to);
    if (f.isEmpty() || t.isEmpty()) {
      problems.add("its period is not two ISO dates (YYYY-MM-DD)");
    } else if (f.get().isAfter(t.get())) {
      problems.add("its period ends (" + t.get() + ") before it starts (" + f.get() + ")");
    }
    JsonObject training = MetricSetView.object(root, "dataset");
    if (cohort.equals("external") && training != null && dsId.equals(string(training, "id"))
        && version.equals(versionOf(training))) {
      problems.add("it was measured on the training dataset itself");
    }
    if (!problems.isEmpty()) {
      return Results.of(id, enforcement, Status.FAIL, OptionalDouble.empty(), bound, subject, capitalize(cohort)
          + " validation on " + dsId + ": " + String.join(", and ", problems) + ".", remedy);
    }
    Lookup n = new MetricSetView(c).n();
    String nText = n.isNumber() && n.value() == Math.rint(n.value()) ? ", n=" + NumberText.count((long) n.value()) : "";
    return Results.of(id, enforcement, Status.PASS, OptionalDouble.empty(), bound, subject, capitalize(cohort)
        + " validation on " + dsId + " version " + version + ", " + f.get() + " to " + t.get()
        + (site == null ? "" : " at " + site) + nText + ".", "");
  }

  private static String versionOf(JsonObject ds) {
    JsonValue v = ds.members().get("version");
    return Identity.clean(v instanceof JsonString s ? s.value() : v instanceof JsonNumber n ? Json.number(n) : null)
        .orElse(null);
  }

  private static Optional<java.time.LocalDate> date(String s) {
    try {
      return Optional.of(java.time.LocalDate.parse(s.strip()));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
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
