package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.InputException;
import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.SourceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.SuiteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@code PolicyTest} suite file: validates it, loads the policy it names (a promotion, rollback or
 * review policy: the kind comes from the policy file), checks that its inputs and expectations fit that kind,
 * then runs every case with the kind's runner ({@link PromotionCase}, {@link RollbackCase}, {@link ReviewCase}).
 *
 * <p>Design note: everything that would let a test pass for the wrong reason is an error, not a pass: an
 * expected rule or trigger id the policy does not have, a patch path that is not in the input, a case without
 * input, an expectation of another kind of policy.
 */
public final class SuiteRunner {
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
  public record Ran(SuiteResult result, Optional<Policy> policy, Optional<Path> policyKey) {}

  /** Runs the suite in {@code file} confined to its own folder; {@code display} is the name used in reports. */
  public static Ran run(Path file, String display) {
    return run(file, display, SourceFiles.besideFile(file));
  }

  /**
   * Runs the suite in {@code file}, reading it and every file it names through {@code files}: the policy and the
   * inputs must be relative paths inside its root.
   */
  public static Ran run(Path file, String display, SourceFiles files) {
    return run(file, display, files, true);
  }

  /**
   * Every problem of the suite in {@code file} found without running its cases: the suite's schema, its policy
   * (loaded with what it extends), and the fit of its inputs and expectations to the policy's kind.
   */
  public static List<Problem> validate(Path file, String display, SourceFiles files) {
    return run(file, display, files, false).result().problems();
  }

  private static Ran run(Path file, String display, SourceFiles files, boolean runCases) {
    String fallbackName = file.getFileName() == null ? display : file.getFileName().toString();
    JsonDocument doc;
    try {
      doc = Yaml.parse(files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes"), display);
    } catch (ClinigateException e) {
      return error(display, fallbackName, Optional.empty(), e.problems());
    }
    List<Problem> problems = SCHEMA.validate(doc);
    if (!problems.isEmpty()) {
      return error(display, fallbackName, Optional.empty(), problems);
    }
    JsonObject root = (JsonObject) doc.root();
    JsonObject spec = Suite.obj(root, "spec");
    String name = Suite.str(Suite.obj(root, "metadata"), "name").orElse(fallbackName);
    Path dir = file.toAbsolutePath().getParent();
    String policyText = Suite.str(spec, "policy").orElseThrow();
    String policyDisplay = Suite.displayOf(display, policyText);
    Path policyPath;
    try {
      policyPath = files.resolve(file, policyText);
    } catch (InputException e) {
      Problem why = e.problems().get(0);
      String message = why.message().equals("file not found") ? "the policy file " + policyDisplay + " does not exist"
          : "the policy file " + policyText + " " + why.message();
      return error(display, name, Optional.of(policyDisplay), List.of(doc.problem("$.spec.policy", message,
          "policy is relative to the suite's folder" + (why.message().equals("file not found") ? ""
              : "; " + why.hint()))));
    }
    Policy policy;
    try {
      policy = PolicyYaml.load(policyPath, files);
    } catch (ClinigateException e) {
      return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.empty(), List.of(), List.of(),
          e.problems()), Optional.empty(), Optional.of(policyPath));
    }
    List<Problem> misfits = KindCheck.check(doc, spec, policy.kind(), policyDisplay);
    if (!misfits.isEmpty()) {
      return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.of(policy.metadata().name()),
          List.of(), List.of(), misfits), Optional.of(policy), Optional.of(policyPath));
    }
    List<CaseResult> cases = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    if (!runCases) {
      return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.of(policy.metadata().name()),
          cases, failures, List.of()), Optional.of(policy), Optional.of(policyPath));
    }
    JsonArray caseArray = spec.get("cases").orElse(null) instanceof JsonArray a ? a : new JsonArray(List.of());
    if (caseArray.size() == 0) {
      failures.add("the suite has no cases; a suite that tests nothing cannot pass (add cases under spec.cases)");
    }
    // file caches: looked up, never iterated
    Suite suite = new Suite(doc, dir, display, spec, policy, new HashMap<>(), new HashMap<>(), files);
    for (int i = 0; i < caseArray.size(); i++) {
      CaseRun c = new CaseRun(suite, i, (JsonObject) caseArray.get(i));
      cases.add(runCase(c, policy));
    }
    return new Ran(new SuiteResult(display, name, Optional.of(policyDisplay), Optional.of(policy.metadata().name()),
        cases, failures, List.of()), Optional.of(policy), Optional.of(policyPath));
  }

  private static CaseResult runCase(CaseRun c, Policy policy) {
    if (policy instanceof PromotionPolicy p) {
      return PromotionCase.run(c, p);
    }
    if (policy instanceof RollbackPolicy p) {
      return RollbackCase.run(c, p);
    }
    return ReviewCase.run(c, (ReviewPolicy) policy);
  }

  private static Ran error(String display, String name, Optional<String> policy, List<Problem> problems) {
    return new Ran(new SuiteResult(display, name, policy, Optional.empty(), List.of(), List.of(), problems),
        Optional.empty(), Optional.empty());
  }
}
