package clinigate.host;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditVerifier;
import dev.clinigate.audit.FileAuditLog;
import dev.clinigate.audit.Verification;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.metrics.BinaryMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Loads a YAML policy, evaluates evidence, computes a metric, appends to an audit log and verifies it. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PromotionPolicy policy = PolicyYaml.loadPromotion(dir.resolve("governance/policy.yaml"));
    Evidence evidence = Evidence.load(dir.resolve("governance/evidence.json"));
    Decision decision = policy.evaluate(evidence, Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
    System.out.println("module " + Main.class.getModule().getName() + " reads "
        + PolicyYaml.class.getModule().getName() + " and " + Decision.class.getModule().getName());
    System.out.println("verdict " + decision.verdict());
    System.out.println("auroc " + BinaryMetrics.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}).value("auroc").orElseThrow());
    Path log = dir.resolve("target/decisions.jsonl");
    Files.deleteIfExists(log);
    FileAuditLog.open(log).append(decision, evidence);
    Verification v = AuditVerifier.standard().verify(log);
    System.out.print(v.render().lines().findFirst().orElse("") + "\n");
  }
}
