package dev.clinigate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README quickstart: the samples evaluate to the outcome the README shows. */
class SamplesTest {
  private static String[] run(int expectedExit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, code, o + e);
    return new String[] {o, e};
  }

  @Test
  void readmission_quickstart_noGoBecauseSiteEastIsMiscalibrated() {
    String[] r = run(1, "evaluate", "--policy", "readmission/policy.yaml", "--evidence", "readmission/evidence.json");
    assertTrue(r[0].startsWith("NO_GO: readmission-risk v3 (PromotionPolicy), 2 blocking results\n"), r[0]);
    // riskTier high without an approvals section still requires two signed approvals (fail closed)
    assertTrue(r[0].contains("\nMISSING            approvals                              Approvals cannot be judged: "), r[0]);
    assertTrue(r[0].contains("ECE for site=east is 0.146, above the maximum 0.08 (n=7,968)."), r[0]);
    assertEquals("", r[1]);
  }

  @Test
  void pccp_changeInsideEnvelope_goWithTheEnvelopesApprovals_noGoUnderTheFullPolicy() {
    String[] full = run(1, "evaluate", "--policy", "pccp/policy.yaml", "--evidence", "pccp/evidence.json");
    assertTrue(full[0].startsWith("NO_GO: sepsis-early-warning v5 (PromotionPolicy), 3 blocking results\n"), full[0]);
    String[] inside = run(0, "evaluate", "--policy", "pccp/policy.yaml", "--evidence", "pccp/evidence.json",
        "--envelope", "pccp/envelope.yaml");
    assertTrue(inside[0].startsWith("GO: sepsis-early-warning v5 (PromotionPolicy)\n"), inside[0]);
    assertTrue(inside[0].contains("The recalibration from version 5.0.0 is a modification change envelope sepsis-pccp v1 "
        + "allows, and it meets every frozen criterion; inside it, approvals relax to role data-science-lead with at "
        + "least 1 approver (the policy asks for data-science-lead, clinical-champion, compliance, 3)."), inside[0]);
    assertTrue(inside[0].contains("envelope:site-auroc [site=east]"), inside[0]);
  }

  @Test
  void pima_metricsThenEvaluate_goOnRealData(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    String[] m = run(0, "metrics", "--predictions", "pima/predictions.csv", "--label", "label", "--score", "score",
        "--group", "age_band", "--group", "pregnant", "--threshold", "0.3", "--threshold", "0.5");
    assertTrue(m[0].contains("\"auroc\": 0.8394029850746269"), m[0]); // = scikit-learn's roc_auc_score
    java.nio.file.Path evidence = dir.resolve("evidence.json");
    java.nio.file.Files.writeString(evidence, m[0], StandardCharsets.UTF_8);
    String[] e = run(0, "evaluate", "--policy", "pima/policy.yaml", "--evidence", evidence.toString());
    assertTrue(e[0].startsWith("GO: pima-diabetes-screening v1 (PromotionPolicy)\n"), e[0]);
    assertTrue(e[0].lines().anyMatch(l -> l.startsWith("ADVISORY ") && l.contains(" clinic-load ")), e[0]);
  }
}
