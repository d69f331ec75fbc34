package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed host API of {@link Evidence.Builder} builds exactly the evidence a JSON file holds. */
class EvidenceBuilderTest {
  private static final String CARD_SHA = "9f2c4e8a1b3d5f7091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7e7";

  private static Evidence.Builder governed() {
    return Evidence.builder().n(40_000).positives(6_120).metric("auroc", 0.781)
        .model("readmission-risk", "3.2.0", "alice")
        .dataset("gold.readmission.2025q4", "7")
        .stage("staging", "production")
        .artifact("modelCard", "s3://models/readmission/3.2.0/model-card.md", CARD_SHA)
        .shadow(30, 4_100, 0.94)
        .canary(7, 5)
        .waiver(new Waiver("subgroup-calibration", Optional.of("site=east"), "Recalibration ships in 3.2.1.",
            "dr.okafor", "clinical-safety-officer", Instant.parse("2026-02-15T00:00:00Z"),
            Instant.parse("2026-03-15T00:00:00Z")))
        .waiver(new Waiver("alert-burden", Optional.empty(), "Alert fatigue study running.", "dr.okafor",
            "clinical-safety-officer", Instant.parse("2026-02-15T00:00:00Z"), Instant.parse("2026-03-01T12:00:00Z")));
  }

  @Test
  void builder_governanceRecord_hasTheSameCanonicalSha256AsTheEquivalentJsonFile() {
    Evidence subject = governed().build();
    Evidence built = governed().approval(new Approval("bob", "data-science-lead", Approval.Decision.APPROVE,
        "Validation reproduced.", Instant.parse("2026-02-20T10:00:00Z"), subject.subjectSha256())).build();
    // the same evidence as a host would write it by hand, members in another order
    String file = """
        {"approvals": [{"evidenceSha256": "%s", "principal": "bob", "role": "data-science-lead",
                        "decision": "approve", "rationale": "Validation reproduced.",
                        "timestamp": "2026-02-20T10:00:00Z"}],
         "waivers": [{"rule": "subgroup-calibration", "subject": "site=east",
                      "justification": "Recalibration ships in 3.2.1.", "approver": "dr.okafor",
                      "role": "clinical-safety-officer", "granted": "2026-02-15T00:00:00Z",
                      "expires": "2026-03-15T00:00:00Z"},
                     {"rule": "alert-burden", "justification": "Alert fatigue study running.", "approver": "dr.okafor",
                      "role": "clinical-safety-officer", "granted": "2026-02-15T00:00:00Z",
                      "expires": "2026-03-01T12:00:00Z"}],
         "deployment": {"canary": {"days": 7, "trafficPercent": 5},
                        "shadow": {"days": 30, "cases": 4100, "agreement": 0.94}},
         "artifacts": {"modelCard": {"uri": "s3://models/readmission/3.2.0/model-card.md", "sha256": "%s"}},
         "stage": {"current": "staging", "target": "production"},
         "dataset": {"id": "gold.readmission.2025q4", "version": "7"},
         "model": {"name": "readmission-risk", "version": "3.2.0", "author": "alice"},
         "metrics": {"auroc": 0.781}, "positives": 6120, "n": 40000}
        """.formatted(subject.subjectSha256(), CARD_SHA);
    Evidence parsed = Evidence.parse(file, "evidence.json");
    assertEquals(parsed.sha256(), built.sha256());
    assertEquals(parsed.subjectSha256(), built.subjectSha256());
    assertEquals(parsed, built);
    // approvals sign the subject, which adding them does not change
    assertEquals(subject.subjectSha256(), built.subjectSha256());
    assertNotEquals(subject.sha256(), built.sha256());
  }

  @Test
  void builder_fractionalDeployment_keepsItsValue() {
    Evidence built = Evidence.builder().shadow(2.5, 10, 1).canary(0.5, 12.5).build();
    assertEquals(Evidence.parse("""
        {"deployment": {"shadow": {"days": 2.5, "cases": 10, "agreement": 1},
                        "canary": {"days": 0.5, "trafficPercent": 12.5}}}
        """, "evidence.json").sha256(), built.sha256());
  }
}
