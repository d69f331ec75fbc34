package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.Verdict;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Suggest;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.Outcome;
import dev.clinigate.testkit.SuiteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@code PolicyTest} suite file.
 *
 * <p>Design note: everything that would let a test pass for the wrong reason is an error of the case, not a
 * pass: an expected rule id the policy does not have, a patch path that is not in the evidence, a case
 * without evidence. An expected subject that has no result is a failure (the evidence decides which
 * subjects exist), reported with the subjects that do exist.
 */
public final class SuiteRunner {
  /** Largest suite file accepted (1 MiB). */
  public static final long MAX_BYTES = 1024 * 1024;
  private static final SchemaValidator SCHEMA =
      SchemaValidator.forResource("/dev/clinigate/testkit/policy-test.schema.json");

  private SuiteRunner() {}

  /**
   * A suite's result with the policy it loaded (for coverage).
   *
   * @param result the suite's result
   * @param policy the policy under test, when it loaded
   * @param policyKey the policy file's absolute normalised path, when the suite names one
   */
  public record Ran(SuiteResult result, Optional<PromotionPolicy> policy, Optional<Path> policyKey) {}

  /** Runs the suite in {@code file}; {@code display} is the name used in reports. */
  public static Ran run(Path file, String display) {
    String fallbackName = file.getFileName() == null ? display : file.getFileName().toString();
    JsonDocument doc;
    try {
      doc = Yaml.parse(read(file, display), display);
    } catch (ClinigateException e) {
      return error(display, fallbackName, Optional.empty(), e.problems());
    }
    List<Problem> problems = SCHEMA.validate(doc);
    if (!problems.isEmpty()) {
      return error(display, fallbackName, Optional.empty(), problems);
    }
    JsonObject root = (JsonObject) doc.root();
    JsonObject spec = obj(root, "spec");
    String name = str(obj(root, "metadata"), "name").orElse(fallbackName);
    Path dir = file.toAbsolutePath().getParent();
    String policyText = str(spec, "policy").orElseThrow();
    Path policyPath = dir.resolve(policyText).normalize();
    String policyDisplay = displayOf(display, policyText);
    if (!Files.isRegularFile(policyPath)) {
      return error(display, name, Optional.of(policyDisplay), List.of(doc.problem("$.spec.policy",
          "the policy file " + policyDisplay + " does not exist", "policy is relative to the suite's folder")));
    }
    PromotionPolicy policy;
    try {
      policy = PolicyYaml.loadPromotion(policyPath);
    } catch (ClinigateException e) {
      return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.empty(), List.of(), List.of(),
          e.problems()), Optional.empty(), Optional.of(policyPath));
    }
    List<CaseResult> cases = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    JsonArray caseArray = spec.get("cases").orElse(new JsonArray(List.of())) instanceof JsonArray a ? a
        : new JsonArray(List.of());
    if (caseArray.size() == 0) {
      failures.add("the suite has no cases; a suite that tests nothing cannot pass (add cases under spec.cases)");
    }
    Context ctx = new Context(doc, dir, policy, spec, new LinkedHashMap<>());
    for (int i = 0; i < caseArray.size(); i++) {
      cases.add(runCase(ctx, i, (JsonObject) caseArray.get(i)));
    }
    return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.of(policy.metadata().name()),
        cases, failures, List.of()), Optional.of(policy), Optional.of(policyPath));
  }

  /** Every rule id a policy's decisions can carry, in policy order (without the {@code waiver:} diagnostics). */
  public static List<String> ruleIds(PromotionPolicy p) {
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

  private record Context(JsonDocument doc, Path dir, PromotionPolicy policy, JsonObject spec,
      Map<Path, JsonValue> evidenceFiles) {}

  private static CaseResult runCase(Context ctx, int i, JsonObject c) {
    String path = "$.spec.cases[" + i + "]";
    int[] at = ctx.doc.locations().getOrDefault(path, new int[] {0, 0});
    String name = str(c, "name").orElseThrow();
    List<String> errors = new ArrayList<>();
    // 1. expectations name rules that exist (checked first: a typo is the commonest silent pass elsewhere)
    Set<String> ids = new LinkedHashSet<>(ruleIds(ctx.policy));
    JsonObject expect = obj(c, "expect");
    JsonArray rules = expect.get("rules").orElse(null) instanceof JsonArray a ? a : new JsonArray(List.of());
    for (JsonValue v : rules.elements()) {
      String id = str((JsonObject) v, "id").orElseThrow();
      boolean known = ids.contains(id) || (id.startsWith("waiver:") && ids.contains(id.substring(7)));
      if (!known) {
        String hint = Suggest.closest(id, ids).map(s -> "; did you mean \"" + s + "\"?").orElse("");
        errors.add("rule \"" + id + "\" does not exist in policy " + ctx.policy.metadata().name() + " (rules: "
            + String.join(", ", ids) + ")" + hint);
      }
    }
    if (!errors.isEmpty()) {
      return new CaseResult(name, at[0], at[1], Outcome.ERROR, errors, Optional.empty());
    }
    // 2. evidence: the case's, else the suite's; then the patches
    Optional<JsonValue> source = c.get("evidence").or(() -> ctx.spec.get("evidence"));
    if (source.isEmpty()) {
      return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of("the case has no evidence: give evidence (a "
          + "file or a mapping) in the case or in spec.evidence"), Optional.empty());
    }
    JsonValue evidence;
    try {
      evidence = resolveEvidence(ctx, source.get());
    } catch (ClinigateException e) {
      return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of(e.getMessage()), Optional.empty());
    }
    if (c.get("patch").orElse(null) instanceof JsonArray patches) {
      for (int k = 0; k < patches.size(); k++) {
        JsonObject p = (JsonObject) patches.get(k);
        String op = str(p, "op").orElseThrow();
        String ptr = str(p, "path").orElseThrow();
        JsonValue value = p.get("value").orElse(null);
        if (value == null && !op.equals("remove")) {
          return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of("patch " + (k + 1) + " (" + op + " " + ptr
              + ") needs a value"), Optional.empty());
        }
        try {
          evidence = JsonPointerPatch.apply(evidence, op, ptr, value == null ? JsonNull.INSTANCE : value);
        } catch (JsonPointerPatch.PatchException e) {
          return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of("patch " + (k + 1) + " (" + op + "): "
              + e.getMessage()), Optional.empty());
        }
      }
    }
    if (!(evidence instanceof JsonObject evidenceObject)) {
      return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of("the evidence must be a mapping (a JSON "
          + "object), found a " + evidence.kind().name().toLowerCase(java.util.Locale.ROOT)), Optional.empty());
    }
    // 3. evaluate
    Optional<String> when = str(c, "at").or(() -> str(ctx.spec, "at"));
    EvaluationOptions options = when.map(w -> EvaluationOptions.at(Instant.parse(w))).orElse(EvaluationOptions.none());
    Decision d;
    try {
      d = ctx.policy.evaluate(Evidence.of(evidenceObject), options);
    } catch (ClinigateException e) {
      return new CaseResult(name, at[0], at[1], Outcome.ERROR, List.of(e.getMessage()), Optional.empty());
    }
    // 4. expectations
    List<String> failures = new ArrayList<>();
    if (expect.get("verdict").orElse(null) instanceof JsonString v) {
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
    return new CaseResult(name, at[0], at[1], failures.isEmpty() ? Outcome.PASSED : Outcome.FAILED, failures,
        Optional.of(d));
  }

  private static void check(Decision d, JsonObject e, List<String> failures) {
    String id = str(e, "id").orElseThrow();
    Optional<String> subject = str(e, "subject");
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
    Optional<Status> status = str(e, "status").map(Status::valueOf);
    Optional<String> contains = str(e, "messageContains");
    for (RuleResult r : matches) {
      if (status.isPresent() && r.status() != status.get()) {
        failures.add(r.label() + ": expected status " + status.get() + ", got " + r.status() + ": " + r.message());
      }
      if (contains.isPresent() && !r.message().contains(contains.get())) {
        failures.add(r.label() + ": message does not contain \"" + contains.get() + "\": " + r.message());
      }
    }
  }

  private static JsonValue resolveEvidence(Context ctx, JsonValue source) {
    if (source instanceof JsonString s) {
      Path p = ctx.dir.resolve(s.value()).normalize();
      JsonValue cached = ctx.evidenceFiles.get(p);
      if (cached == null) {
        if (!Files.isRegularFile(p)) {
          throw new dev.clinigate.InputException(Problem.at(ctx.doc.source(), 0, 0, "the evidence file " + s.value()
              + " does not exist (resolved to " + p + ")", "evidence files are relative to the suite's folder"));
        }
        cached = EvidenceFiles.load(p).json();
        ctx.evidenceFiles.put(p, cached);
      }
      return cached;
    }
    return source;
  }

  private static Ran error(String display, String name, Optional<String> policy, List<Problem> problems) {
    return new Ran(new SuiteResult(display, name, policy, Optional.empty(), List.of(), List.of(), problems),
        Optional.empty(), Optional.empty());
  }

  private static String read(Path file, String display) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new dev.clinigate.InputException(Problem.at(display, 0, 0, "the suite has " + Files.size(file)
            + " bytes, more than the " + MAX_BYTES + " accepted", "split it into several suites"));
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new dev.clinigate.InputException(Problem.at(display, 0, 0, "cannot read the suite: " + e.getMessage(),
          "check that the file exists and is readable UTF-8"), e);
    }
  }

  private static String displayOf(String display, String relative) {
    Path parent = Path.of(display).getParent();
    return (parent == null ? Path.of(relative) : parent.resolve(relative)).normalize().toString();
  }

  private static JsonObject obj(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonObject v ? v : JsonObject.empty();
  }

  private static Optional<String> str(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }
}
