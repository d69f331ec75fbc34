package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.SuiteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  public record Ran(SuiteResult result, Optional<Policy> policy, Optional<Path> policyKey) {}

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
    JsonObject spec = Suite.obj(root, "spec");
    String name = Suite.str(Suite.obj(root, "metadata"), "name").orElse(fallbackName);
    Path dir = file.toAbsolutePath().getParent();
    String policyText = Suite.str(spec, "policy").orElseThrow();
    Path policyPath = dir.resolve(policyText).normalize();
    String policyDisplay = Suite.displayOf(display, policyText);
    if (!Files.isRegularFile(policyPath)) {
      return error(display, name, Optional.of(policyDisplay), List.of(doc.problem("$.spec.policy",
          "the policy file " + policyDisplay + " does not exist", "policy is relative to the suite's folder")));
    }
    Policy policy;
    try {
      policy = PolicyYaml.load(policyPath);
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
    JsonArray caseArray = spec.get("cases").orElse(null) instanceof JsonArray a ? a : new JsonArray(List.of());
    if (caseArray.size() == 0) {
      failures.add("the suite has no cases; a suite that tests nothing cannot pass (add cases under spec.cases)");
    }
    // file caches: looked up, never iterated
    Suite suite = new Suite(doc, dir, display, spec, policy, new HashMap<>(), new HashMap<>());
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
}
