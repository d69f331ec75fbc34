package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code clinigate diff} across policy kinds (the classifications themselves are golden cases under golden/diff). */
class DiffCommandTest {
  private static final String ROLLBACK = "src/test/resources/golden/diff/rollback-loosened/old.yaml";
  private static final String REVIEW = "src/test/resources/golden/diff/review-changes/old.yaml";

  @Test
  void diff_twoKinds_locatedErrorExitTwo() {
    CliRunner r = CliRunner.run("diff", ROLLBACK, REVIEW);
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals("ERROR: " + REVIEW + ":1:1: expected kind RollbackPolicy like " + ROLLBACK + ", found ReviewPolicy\n"
        + "hint: diff compares two versions of one policy; compare it with another ReviewPolicy\n", r.err());
  }

  @Test
  void diff_samePolicyOfEachKind_noChangesExitZero() {
    for (String p : new String[] {ROLLBACK, REVIEW, "../samples/readmission/policy.yaml"}) {
      CliRunner r = CliRunner.run("diff", p, p);
      assertEquals(0, r.exit(), r.out() + r.err());
      assertEquals("no changes: the canonical policies are identical", r.out().lines().skip(1).findFirst().orElse(""));
    }
  }
}
