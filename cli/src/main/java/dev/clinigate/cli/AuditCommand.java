package dev.clinigate.cli;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditChain;
import dev.clinigate.audit.AuditKeys;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.Verification;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.audit.AuditReplay;
import dev.clinigate.audit.ContentStore;
import dev.clinigate.audit.EvidencePackage;
import dev.clinigate.audit.ReplayReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clinigate audit}: the tamper-evident decision log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The tamper-evident decision log: append, verify, replay, export.",
    subcommands = {AuditCommand.Append.class, AuditCommand.VerifyCommand.class, AuditCommand.Replay.class,
        AuditCommand.Export.class})
final class AuditCommand {

  /** {@code clinigate audit append}: evaluate and record a decision. */
  @Command(name = "append", mixinStandardHelpOptions = true,
      description = "Evaluate a promotion policy against evidence and append the decision to a log (masked, "
          + "chained, optionally signed, fsynced); store the policy and evidence by SHA-256. Exit 0 = appended.")
  static final class Append implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    AuditOptions.Mask mask;

    @Parameters(index = "0", paramLabel = "LOG.jsonl", description = "The log (created when absent): a JSON Lines "
        + "file, or a database's jdbc: URL (user and password from CLINIGATE_AUDIT_DB_USER/_PASSWORD).")
    String log;

    @Option(names = "--policy", required = true, paramLabel = "P.yaml", description = "The PromotionPolicy.")
    Path policy;

    @Option(names = "--evidence", required = true, paramLabel = "E.json", description = "The evidence (JSON or YAML).")
    Path evidence;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Evaluation time, ISO-8601. Never the wall clock.")
    Instant at;

    @Option(names = "--policies", paramLabel = "DIR", description = "Store the canonical policy here as <sha256>.json.")
    Path policies;

    @Option(names = "--evidence-store", paramLabel = "DIR",
        description = "Store the canonical evidence here as <sha256>.json.")
    Path evidenceStore;

    @Option(names = "--signing-key", paramLabel = "K.pem", description = "Ed25519 private key (PKCS#8) to sign records.")
    Path signingKey;

    @Option(names = "--genesis", paramLabel = "HEX", description = "The first record's prev (default 64 zeros).")
    String genesis;

    @Override
    public Integer call() {
      PromotionPolicy p = PolicyYaml.loadPromotion(policy, common.files(policy));
      Evidence e = EvidenceFiles.load(evidence, common.files(evidence));
      AuditChain.Builder chain = AuditChain.builder().mask(mask.mask(common));
      if (signingKey != null) {
        chain.signWith(AuditKeys.readPrivateKey(common.checked(signingKey)));
      }
      if (genesis != null) {
        try {
          chain.genesis(genesis);
        } catch (IllegalArgumentException ex) {
          throw Options.invalid("--genesis", ex.getMessage(), "the SHA-256 of the last line of the log this one "
              + "continues");
        }
      }
      Decision d = at == null ? p.evaluate(e) : p.evaluate(e, Clock.fixed(at, ZoneOffset.UTC));
      if (policies != null) {
        ContentStore.at(policies).put(p);
      }
      if (evidenceStore != null) {
        ContentStore.at(evidenceStore).put(e);
      }
      AuditRecord r = AuditLogs.forAppend(log, common, chain.build()).append(d, e);
      PrintWriter out = spec.commandLine().getOut();
      out.println("appended seq " + r.seq() + " to " + AuditLogs.name(log) + ": " + r.verdict() + ", " + r.policy().name() + " v"
          + r.policy().versionText() + (r.masked().isEmpty() ? "" : ", " + r.masked().size() + " values masked")
          + (r.sig().isPresent() ? ", signed" : ""));
      out.println("hash " + r.hash());
      out.flush();
      return Main.EXIT_OK;
    }
  }

  /** {@code clinigate audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a decision log's hash chain (and signatures): exit 0 = valid, 1 = tampered or torn "
          + "(names the first bad line), 2 = bad usage.")
  static final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    AuditOptions.Verify verify;

    @Parameters(index = "0", paramLabel = "LOG.jsonl",
        description = "The log: a JSON Lines file, or a database's jdbc: URL.")
    String log;

    @Override
    public Integer call() {
      Verification v = AuditLogs.verify(log, common, verify.verifier(common));
      PrintWriter out = spec.commandLine().getOut();
      out.print(v.render());
      out.flush();
      return v.valid() ? Main.EXIT_OK : Main.EXIT_FAIL;
    }
  }

  /** {@code clinigate audit replay}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Verify a log, then re-evaluate every logged decision from its stored policy and evidence and "
          + "confirm it byte for byte. Exit 0 = all reproduced, 1 = a difference or an invalid log, 2 = bad usage.")
  static final class Replay implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    AuditOptions.Verify verify;

    @Mixin
    AuditOptions.Mask mask;

    @Parameters(index = "0", paramLabel = "LOG.jsonl",
        description = "The log: a JSON Lines file, or a database's jdbc: URL.")
    String log;

    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "Stored policies (<sha256>.json).")
    Path policies;

    @Option(names = "--evidence", required = true, paramLabel = "DIR", description = "Stored evidence (<sha256>.json).")
    Path evidence;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Verification v = AuditLogs.verify(log, common, verify.verifier(common));
      out.print(v.render());
      if (!v.valid()) {
        out.println("replay skipped: the log is not valid");
        out.flush();
        return Main.EXIT_FAIL;
      }
      List<AuditRecord> records = AuditLogs.records(log);
      ReplayReport r = AuditReplay.replay(records, AuditLogs.name(log), ContentStore.at(policies), ContentStore.at(evidence),
          mask.mask(common));
      out.print(r.render());
      out.flush();
      return r.allReproduced() ? Main.EXIT_OK : Main.EXIT_FAIL;
    }
  }

  /** {@code clinigate audit export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the evidence package of one logged decision (policy, evidence, decision, approvals, "
          + "waivers, contract results, verification, summary) to a directory or ZIP. Exit 0 = written and sound, "
          + "1 = written but the log is invalid or the decision did not replay, 2 = bad usage.")
  static final class Export implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    AuditOptions.Verify verify;

    @Mixin
    AuditOptions.Mask mask;

    @Option(names = "--decision", required = true, paramLabel = "SHA",
        description = "The record's hash, or its first 8 or more hex digits.")
    String decision;

    @Option(names = "--log", required = true, paramLabel = "LOG.jsonl",
        description = "The log: a JSON Lines file, or a database's jdbc: URL.")
    String log;

    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "Stored policies (<sha256>.json).")
    Path policies;

    @Option(names = "--evidence", required = true, paramLabel = "DIR", description = "Stored evidence (<sha256>.json).")
    Path evidence;

    @Option(names = "--out", required = true, paramLabel = "DIR|ZIP",
        description = "A new directory, or a file name ending in .zip.")
    Path target;

    @Override
    public Integer call() {
      EvidencePackage p = EvidencePackage.build(AuditLogs.bytes(log, common), AuditLogs.name(log), decision,
          ContentStore.at(policies), ContentStore.at(evidence), verify.verifier(common), mask.mask(common));
      p.writeTo(target);
      PrintWriter out = spec.commandLine().getOut();
      AuditRecord r = p.record();
      out.println("exported seq " + r.seq() + " (" + r.verdict() + ", " + r.policy().name() + " v"
          + r.policy().versionText() + ") to " + target + ": " + p.entries().size() + " files");
      out.println("log: " + (p.verification().valid() ? "VALID" : "INVALID at line "
          + p.verification().failure().orElseThrow().line()) + "; replay: " + p.replay().outcome().name());
      out.flush();
      return p.sound() ? Main.EXIT_OK : Main.EXIT_FAIL;
    }
  }
}
