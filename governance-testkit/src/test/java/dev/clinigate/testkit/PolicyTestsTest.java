package dev.clinigate.testkit;

import dev.clinigate.SourceFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

class PolicyTestsTest {
  /** Suites here name fixtures in sibling folders: the resources folder is their root. */
  private static final SourceFiles ROOT = SourceFiles.confinedTo(Path.of("src/test/resources"));
  /** The documented one-liner: the passing fixture suite as dynamic tests of this build. */
  @TestFactory
  Stream<DynamicNode> fixtureSuites() {
    return PolicyTests.dynamicTests(ROOT, Path.of("src/test/resources/fixture"));
  }

  /** The same one-liner runs suites of rollback and review policies. */
  @TestFactory
  Stream<DynamicNode> rollbackAndReviewSuites() {
    return PolicyTests.dynamicTests(ROOT, Path.of("src/test/resources/rollback"), Path.of("src/test/resources/review"));
  }

  @Test
  void dynamicTests_rollbackAndReviewSuites_oneTestPerCase_failuresFail() throws Throwable {
    List<DynamicTest> tests = new ArrayList<>();
    PolicyTests.dynamicTests(ROOT, Path.of("src/test/resources/rollback"), Path.of("src/test/resources/review-failing"))
        .forEach(n -> collect(n, tests));
    assertEquals(List.of("four good days hold", "two miscalibrated days in a row roll back to 1.0.0",
        "one small window cannot be judged", "a child's urgent film is wrongly expected to be blocked by the child rule",
        "the urgent rule's approvers are wrongly expected to include emergency physicians"),
        tests.stream().map(DynamicTest::getDisplayName).toList());
    for (DynamicTest t : tests.subList(0, 3)) {
      t.getExecutable().execute();
    }
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(3).getExecutable().execute());
    assertTrue(e.getMessage().startsWith("src/test/resources/review-failing/failing.test.yaml:8 : expected route "
        + "BLOCK, got REVIEW (decided by urgent"), e.getMessage());
  }

  @Test
  void dynamicTests_failingAndErroringSuites_failWithTheirMessages() {
    List<DynamicTest> tests = new ArrayList<>();
    PolicyTests.dynamicTests(ROOT, Path.of("src/test/resources/failing"), Path.of("src/test/resources/erroring"))
        .forEach(n -> collect(n, tests));
    // empty suite (1), failing (2 cases), invalid suite (1), missing-rule (2 cases)
    assertEquals(List.of("suite src/test/resources/failing/empty.test.yaml",
        "east miscalibrated is wrongly expected to pass", "a subject that the evidence does not have",
        "suite src/test/resources/erroring/invalid.test.yaml", "a misspelt rule id is an error, not a pass",
        "a patch of a subject that is not there is an error"), tests.stream().map(DynamicTest::getDisplayName).toList());
    for (DynamicTest t : tests) {
      assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
    }
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(4).getExecutable().execute());
    assertTrue(e.getMessage().startsWith("src/test/resources/erroring/missing-rule.test.yaml:8 (error in the test): "
        + "rule \"subgroup-calibraton\" does not exist"), e.getMessage());
  }

  private static void collect(DynamicNode n, List<DynamicTest> out) {
    if (n instanceof DynamicTest t) {
      out.add(t);
    } else if (n instanceof DynamicContainer c) {
      c.getChildren().forEach(child -> collect(child, out));
    }
  }
}
