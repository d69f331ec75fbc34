package dev.clinigate.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Glob matching of approved dataset sources. */
class GlobTest {
  @Test
  void glob_starAndQuestionMark() {
    assertTrue(GovernanceChecks.glob("gold.readmission.*", "gold.readmission.2025q4"));
    assertTrue(GovernanceChecks.glob("gold.readmission.*", "gold.readmission."));
    assertFalse(GovernanceChecks.glob("gold.readmission.*", "gold.readmission"));
    assertFalse(GovernanceChecks.glob("gold.readmission.*", "scratch.gold.readmission.x"));
    assertTrue(GovernanceChecks.glob("gold.*.icu-?", "gold.shared.icu-3"));
    assertFalse(GovernanceChecks.glob("gold.*.icu-?", "gold.shared.icu-30"));
    assertTrue(GovernanceChecks.glob("*", ""));
    assertTrue(GovernanceChecks.glob("a*b*c", "aXXbYYbc"));
    assertFalse(GovernanceChecks.glob("a*b*c", "aXXbYYb"));
  }
}
