package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Enforcement;
import dev.clinigate.Evidence;
import dev.clinigate.Bounds;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.PolicyMetadata;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.Subgroups;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Policies, evidence and decisions for the audit tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  // medium: at riskTier high the policy would require signed approvals (Approvals.tierDefault), which the
  // audit tests do not exercise
  static final PromotionPolicy POLICY = PromotionPolicy.of(
      new PolicyMetadata("readmission-risk", "3", Optional.of("medium"), Optional.empty()), Optional.empty(),
      List.of(
          new MetricRule("discrimination", MetricRef.parse("auroc"), Bounds.atLeast(0.75), Optional.empty(),
              Optional.empty(), Enforcement.MANDATORY, false),
          new MetricRule("calibration", MetricRef.parse("ece"), Bounds.atMost(0.05), Optional.empty(),
              Optional.empty(), Enforcement.MANDATORY, false),
          new MetricRule("subgroup-calibration", MetricRef.parse("ece"), Bounds.atMost(0.08),
              Optional.of(new Subgroups(List.of("site", "mrn"), OptionalLong.of(100))), Optional.empty(),
              Enforcement.MANDATORY, false)));

  private Fixtures() {}

  /** Evidence number {@code i}: every i gives different evidence; some fail calibration. */
  static Evidence evidence(int i) {
    return Evidence.builder().n(1000L + i).positives(150)
        .metric("auroc", 0.78 + (i % 7) * 0.005)
        .metric("ece", 0.03 + (i % 5) * 0.006)
        .group("site", "east", Evidence.builder().n(400).metric("ece", 0.05 + (i % 3) * 0.02))
        .group("site", "west", Evidence.builder().n(600).metric("ece", 0.04))
        .build();
  }

  static Decision decision(int i) {
    return POLICY.evaluate(evidence(i), Clock.fixed(T0.plusSeconds(3600L * i), ZoneOffset.UTC));
  }

  /** Evidence with a patient's record number as a subgroup value and elsewhere: PHI. */
  static Evidence phiEvidence(String mrn) {
    return Evidence.builder().n(5000).positives(700)
        .metric("auroc", 0.81).metric("ece", 0.031)
        .group("mrn", mrn, Evidence.builder().n(140).metric("ece", 0.19))
        .group("mrn", "MRN-AA-000001", Evidence.builder().n(150).metric("ece", 0.02))
        .group("site", "F", Evidence.builder().n(900).metric("ece", 0.09))
        .build();
  }
}
