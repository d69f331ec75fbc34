package dev.clinigate.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Glob matching of approved dataset sources. */
class GlobTest {
  @Test
  void glob_starAndQuestionMark() {
    assertTrue(RequirementChecks.glob("gold.readmission.*", "gold.readmission.2025q4"));
    assertTrue(RequirementChecks.glob("gold.readmission.*", "gold.readmission."));
    assertFalse(RequirementChecks.glob("gold.readmission.*", "gold.readmission"));
    assertFalse(RequirementChecks.glob("gold.readmission.*", "scratch.gold.readmission.x"));
    assertTrue(RequirementChecks.glob("gold.*.icu-?", "gold.shared.icu-3"));
    assertFalse(RequirementChecks.glob("gold.*.icu-?", "gold.shared.icu-30"));
    assertTrue(RequirementChecks.glob("*", ""));
    assertTrue(RequirementChecks.glob("a*b*c", "aXXbYYbc"));
    assertFalse(RequirementChecks.glob("a*b*c", "aXXbYYb"));
  }
}
