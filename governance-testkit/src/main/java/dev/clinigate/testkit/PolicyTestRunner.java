package dev.clinigate.testkit;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.Policy;
import dev.clinigate.SourceFiles;
import dev.clinigate.testkit.internal.CoverageCounter;
import dev.clinigate.testkit.internal.SuiteRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code kind: PolicyTest} suites: YAML files that name a policy and list cases of input with the outcome
 * the policy must give, and measures which rules the cases drive to each of their two sides. A suite may test a
 * promotion policy (cases of evidence; verdict GO / NO_GO and rule statuses), a rollback policy (cases of
 * monitoring windows; HOLD / REAPPROVE / ROLLBACK / DISABLE, trigger statuses, the version to roll back to) or a review policy (cases
 * of one inference; the route, the deciding rule, the reason, the approvers): the kind comes from the policy
 * file.
 *
 * <pre>{@code
 * TestRun run = PolicyTestRunner.run(List.of(Path.of("policies")));
 * System.out.print(run.toText());
 * if (run.outcome() != Outcome.PASSED) System.exit(1);
 * }</pre>
 *
 * <p>A suite:
 * <pre>
 * apiVersion: clinigate/v1
 * kind: PolicyTest
 * metadata: {name: readmission-gates}
 * spec:
 *   policy: policy.yaml              # relative to this file
 *   evidence: evidence.json          # base evidence of every case (a file, or a mapping)
 *   at: "2026-03-01T00:00:00Z"       # evaluation time (optional)
 *   cases:
 *     - name: east site miscalibrated blocks
 *       patch: [{op: replace, path: /groups/site/east/metrics/ece, value: 0.09}]
 *       expect:
 *         verdict: NO_GO
 *         rules: [{id: subgroup-calibration, subject: site=east, status: FAIL, messageContains: "above the maximum"}]
 * </pre>
 *
 * <p>A rollback suite reads {@code windows} (a JSON Lines file or a list; patch pointers index the list, e.g.
 * {@code /8/metrics/ece}) and expects {@code verdict}, {@code rollbackTo}, {@code inconclusive} and
 * {@code triggers: [{id, subject, status, messageContains}]}; a review suite reads {@code inference} (a JSON file
 * or a mapping) and expects {@code route}, {@code rule}, {@code reason}, {@code proceed}, {@code approvers} and
 * {@code messageContains}. See {@code docs/policy-tests.md}.
 *
 * <p>Directories are searched recursively for {@code .yaml}/{@code .yml} files, in sorted order; a file is a
 * suite when its top-level {@code kind} is {@code PolicyTest} and a policy when it is {@code PromotionPolicy},
 * {@code RollbackPolicy} or {@code ReviewPolicy}.
 * Runs are deterministic and read no clock. This class is stateless and thread-safe.
 */
public final class PolicyTestRunner {
  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?([A-Za-z]+)");
  private static final List<String> POLICY_KINDS = List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy");

  private PolicyTestRunner() {}

  /**
   * Runs every suite in the given files and directories. The suites found in a directory may name files anywhere
   * inside that directory; a suite file given alone may name files inside its own folder (see
   * {@link #run(List, SourceFiles)} for a wider root).
   *
   * @throws InputException when a path does not exist
   */
  public static TestRun run(List<Path> paths) {
    return run(paths, Limits.defaults());
  }

  /**
   * Runs every suite in the given files and directories, reading every file through {@code files}: its root
   * confines what suites may name ({@code policy:}, {@code evidence:}, inputs), its limits bound every read.
   * With {@code files} null, this is {@link #run(List, Limits)} with the default limits.
   *
   * @throws InputException when a path does not exist or lies outside the root
   */
  public static TestRun run(List<Path> paths, SourceFiles files) {
    return run(paths, files, files == null ? Limits.defaults() : files.limits());
  }

  /**
   * Runs every suite in the given files and directories with each directory as the root of its suites (a suite
   * file's folder as its root), every read held to {@code limits}.
   */
  public static TestRun run(List<Path> paths, Limits limits) {
    return run(paths, null, limits);
  }

  private static TestRun run(List<Path> paths, SourceFiles files, Limits limits) {
    List<Path> suites = new ArrayList<>();
    List<SourceFiles> roots = new ArrayList<>();
    List<Path> policies = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        SourceFiles root = files != null ? files : SourceFiles.confinedTo(p).withLimits(limits);
        for (Path f : yamlFiles(p)) {
          String kind = kind(f, root);
          if (kind.equals("PolicyTest")) {
            suites.add(f);
            roots.add(root);
          } else if (POLICY_KINDS.contains(kind)) {
            policies.add(f);
          }
        }
      } else if (Files.exists(p)) {
        SourceFiles root = files != null ? files : SourceFiles.besideFile(p).withLimits(limits);
        if (POLICY_KINDS.contains(kind(p, root))) {
          policies.add(p);
        } else {
          suites.add(p); // named explicitly: run it, and let validation say what is wrong with it
          roots.add(root);
        }
      } else {
        throw new InputException(Problem.at(p.toString(), 0, 0, "no such file or directory",
            "give PolicyTest suite files or directories that contain them"));
      }
    }
    List<SuiteRunner.Ran> ran = new ArrayList<>();
    for (int i = 0; i < suites.size(); i++) {
      ran.add(SuiteRunner.run(suites.get(i), suites.get(i).toString(), roots.get(i)));
    }
    Set<Path> tested = new LinkedHashSet<>();
    ran.forEach(r -> r.policyKey().ifPresent(tested::add));
    List<String> untested = new ArrayList<>();
    for (Path p : policies) {
      if (!tested.contains(p.toAbsolutePath().normalize())) {
        untested.add(p.toString());
      }
    }
    return new TestRun(ran.stream().map(SuiteRunner.Ran::result).toList(), coverage(ran), untested);
  }

  /**
   * Runs one suite file, reading it and the files it names through {@code files} (whose root must hold them all).
   */
  public static SuiteResult runSuite(Path suite, SourceFiles files) {
    return SuiteRunner.run(suite, suite.toString(), files).result();
  }

  /** Runs one suite file. */
  public static SuiteResult runSuite(Path suite) {
    return SuiteRunner.run(suite, suite.toString()).result();
  }

  private static List<Coverage> coverage(List<SuiteRunner.Ran> ran) {
    Map<Path, Policy> policies = new LinkedHashMap<>();
    Map<Path, String> names = new LinkedHashMap<>();
    Map<Path, List<CaseResult>> cases = new LinkedHashMap<>();
    for (SuiteRunner.Ran r : ran) {
      if (r.policy().isPresent() && r.policyKey().isPresent()) {
        Path key = r.policyKey().get();
        policies.putIfAbsent(key, r.policy().get());
        names.putIfAbsent(key, r.result().policyFile().orElse(key.toString()));
        cases.computeIfAbsent(key, k -> new ArrayList<>()).addAll(r.result().cases());
      }
    }
    List<Coverage> out = new ArrayList<>();
    for (Map.Entry<Path, Policy> e : policies.entrySet()) {
      out.add(coverageOf(names.get(e.getKey()), e.getValue(), cases.get(e.getKey())));
    }
    return out;
  }

  /**
   * The coverage of one policy by the given cases (only cases that produced a decision count, whatever their
   * outcome). The two sides of each entry depend on the policy's kind: see {@link RuleCoverage}.
   */
  public static Coverage coverageOf(String policyFile, Policy policy, List<CaseResult> cases) {
    return CoverageCounter.of(policyFile, policy, cases);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(f -> {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top-level kind of a YAML file, or "" when it cannot be read (the suite run then says why). */
  private static String kind(Path f, SourceFiles files) {
    try {
      String text = files.readText(f, files.limits().maxPolicyBytes(), "maxPolicyBytes");
      Matcher m = KIND.matcher(text);
      return m.find() ? m.group(1) : "";
    } catch (InputException e) {
      return "";
    }
  }
}
