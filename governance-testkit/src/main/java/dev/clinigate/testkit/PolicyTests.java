package dev.clinigate.testkit;

import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 entry point: runs {@code PolicyTest} suites as dynamic tests, one container per suite and one
 * test per case, so that IDEs and build reports show every case by name.
 *
 * <pre>{@code
 * class GovernanceTest {
 *   @TestFactory
 *   Stream<DynamicNode> policies() {
 *     return PolicyTests.dynamicTests(Path.of("src/test/policies"));
 *   }
 * }
 * }</pre>
 *
 * <p>A failed case fails its test with the failure messages; a case in error (e.g. it names a rule the policy
 * does not have) fails too, and a suite that cannot be read, has no cases or whose policy does not load
 * becomes a failing test named after the suite. The suites are run once, when this method is called. Policies
 * without a suite are not tests here; {@code clinigate test --require-tests} reports them.
 */
public final class PolicyTests {
  private PolicyTests() {}

  /** Dynamic tests for every suite in the given files and directories. */
  public static Stream<DynamicNode> dynamicTests(Path... paths) {
    return dynamicTests(PolicyTestRunner.run(Arrays.asList(paths)));
  }

  /**
   * The suites in the given files and directories as dynamic tests, every file read through {@code files}: use it
   * when suites name files outside their own directory, e.g.
   * {@code dynamicTests(SourceFiles.confinedTo(Path.of("src/test/resources")), Path.of("src/test/resources/policies"))}.
   */
  public static Stream<DynamicNode> dynamicTests(SourceFiles files, Path... paths) {
    return dynamicTests(PolicyTestRunner.run(Arrays.asList(paths), files));
  }


  /** Dynamic tests for an already completed run. */
  public static Stream<DynamicNode> dynamicTests(TestRun run) {
    List<DynamicNode> nodes = new ArrayList<>();
    for (SuiteResult s : run.suites()) {
      List<DynamicNode> children = new ArrayList<>();
      if (!s.problems().isEmpty() || !s.failures().isEmpty()) {
        List<String> why = new ArrayList<>(s.failures());
        s.problems().stream().map(Problem::render).forEach(why::add);
        children.add(DynamicTest.dynamicTest("suite " + s.file(), () -> {
          throw new AssertionFailedError(s.file() + ": " + String.join("\n", why));
        }));
      }
      for (CaseResult c : s.cases()) {
        children.add(DynamicTest.dynamicTest(c.name(), () -> {
          if (!c.passed()) {
            String loc = c.line() > 0 ? s.file() + ":" + c.line() : s.file();
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s %s: %s", loc,
                c.outcome() == Outcome.ERROR ? "(error in the test)" : "", String.join("\n", c.messages())));
          }
        }));
      }
      nodes.add(DynamicContainer.dynamicContainer(s.name() + " (" + s.file() + ")", children.stream()));
    }
    return nodes.stream();
  }
}
