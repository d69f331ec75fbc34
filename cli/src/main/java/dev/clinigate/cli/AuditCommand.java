package dev.clinigate.cli;

import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.SourceFiles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /**
   * {@code clinigate audit append}: evaluate and record a decision of the policy's kind: a PromotionPolicy on
   * {@code --evidence}, a RollbackPolicy on {@code --windows}, a ReviewPolicy on {@code --inference} (one record) or
   * {@code --inferences} (one record per line; every line is read and checked before anything is appended).
   */
  @Command(name = "append", mixinStandardHelpOptions = true,
      description = {"Evaluate a policy and append the decision to a log (masked, chained, optionally signed, fsynced);",
          "store the policy and the input by SHA-256. The input goes with the policy's kind: a PromotionPolicy takes",
          "--evidence, a RollbackPolicy --windows, a ReviewPolicy --inference or --inferences (one record per",
          "inference, the clinician's action taken from its review member). Exit 0 = appended, 2 = bad input."})
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

    @Option(names = "--policy", required = true, paramLabel = "P.yaml",
        description = "The policy: a PromotionPolicy, RollbackPolicy or ReviewPolicy.")
    Path policy;

    @Option(names = "--evidence", paramLabel = "E.json", description = "A PromotionPolicy's evidence (JSON or YAML).")
    Path evidence;

    @Option(names = "--windows", paramLabel = "W.jsonl",
        description = "A RollbackPolicy's monitoring windows (JSON Lines, in time order), as clinigate monitor reads them.")
    Path windows;

    @Option(names = "--inference", paramLabel = "I.json",
        description = "A ReviewPolicy's inference (JSON), with the clinician's review when one acted.")
    Path inference;

    @Option(names = "--inferences", paramLabel = "I.jsonl",
        description = "A ReviewPolicy's inferences, one per line (JSON Lines): one record each.")
    Path inferences;

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
      Policy loaded = PolicyYaml.load(policy, common.files(policy));
      checkInputOption(loaded);
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
      if (loaded instanceof RollbackPolicy rp) {
        return appendRollback(rp, chain.build());
      }
      if (loaded instanceof ReviewPolicy vp) {
        return appendReview(vp, chain.build());
      }
      PromotionPolicy p = (PromotionPolicy) loaded;
      Evidence e = EvidenceFiles.load(evidence, common.files(evidence));
      Decision d = at == null ? p.evaluate(e) : p.evaluate(e, Clock.fixed(at, ZoneOffset.UTC));
      if (policies != null) {
        ContentStore.at(policies).put(p);
      }
      if (evidenceStore != null) {
        ContentStore.at(evidenceStore).put(e);
      }
      AuditRecord r = open(chain.build()).append(d, e);
      PrintWriter out = spec.commandLine().getOut();
      printAppended(out, r);
      out.flush();
      return Main.EXIT_OK;
    }

    private AuditLogs.Appender open(AuditChain chain) {
      return AuditLogs.forAppend(log, common, chain);
    }

    private void printAppended(PrintWriter out, AuditRecord r) {
      String kind = switch (r.kind()) {
        case PROMOTION -> "";
        case ROLLBACK -> " (RollbackPolicy)";
        case REVIEW -> " (ReviewPolicy, clinician action: " + r.review().flatMap(x -> x.get("action"))
            .filter(x -> x instanceof dev.clinigate.json.JsonString)
            .map(x -> ((dev.clinigate.json.JsonString) x).value()).orElse("none") + ")";
      };
      out.println("appended seq " + r.seq() + " to " + AuditLogs.name(log) + ": " + r.verdict() + ", " + r.policy().name() + " v"
          + r.policy().versionText() + kind + (r.masked().isEmpty() ? "" : ", " + r.masked().size() + " values masked")
          + (r.sig().isPresent() ? ", signed" : ""));
      out.println("hash " + r.hash());
    }

    /**
     * The input option must be the one the policy's kind takes: a mismatch (a RollbackPolicy with --evidence), two
     * inputs, or none is a usage error naming the policy's kind and the option it takes.
     */
    private void checkInputOption(Policy p) {
      List<String> given = new ArrayList<>();
      if (evidence != null) {
        given.add("--evidence");
      }
      if (windows != null) {
        given.add("--windows");
      }
      if (inference != null) {
        given.add("--inference");
      }
      if (inferences != null) {
        given.add("--inferences");
      }
      String kind = p.kind().yamlName();
      String takes = switch (p.kind()) {
        case PROMOTION_POLICY -> "--evidence E.json";
        case ROLLBACK_POLICY -> "--windows W.jsonl";
        case REVIEW_POLICY -> "--inference I.json or --inferences I.jsonl";
      };
      String hint = "a PromotionPolicy takes --evidence, a RollbackPolicy --windows, a ReviewPolicy --inference or "
          + "--inferences";
      String who = "clinigate audit append";
      if (given.isEmpty()) {
        throw new InputException(Problem.at(who, 0, 0, policy + " is a " + kind + ": give its input with " + takes,
            hint));
      }
      if (given.size() > 1) {
        throw new InputException(Problem.at(who, 0, 0, String.join(" and ", given) + " exclude each other: "
            + policy + " is a " + kind + ", which takes " + takes, hint));
      }
      boolean fits = switch (p.kind()) {
        case PROMOTION_POLICY -> evidence != null;
        case ROLLBACK_POLICY -> windows != null;
        case REVIEW_POLICY -> inference != null || inferences != null;
      };
      if (!fits) {
        throw new InputException(Problem.at(who, 0, 0, given.get(0) + " does not go with a " + kind + ": " + policy
            + " is a " + kind + ", which takes " + takes, hint));
      }
    }

    private Integer appendRollback(RollbackPolicy p, AuditChain chain) {
      SourceFiles files = common.files(windows);
      String text = files.readText(windows, files.limits().maxJsonLinesBytes(), "maxJsonLinesBytes");
      List<MonitoringWindow> ws = MonitoringWindow.parseJsonLines(text, windows.toString());
      RollbackDecision d = p.evaluate(ws, Optional.ofNullable(at));
      if (policies != null) {
        ContentStore.at(policies).put((Policy) p);
      }
      if (evidenceStore != null) {
        ContentStore.at(evidenceStore).putWindows(ws);
      }
      AuditRecord r = open(chain).append(d, ws);
      PrintWriter out = spec.commandLine().getOut();
      printAppended(out, r);
      out.flush();
      return Main.EXIT_OK;
    }

    private Integer appendReview(ReviewPolicy p, AuditChain chain) {
      List<Inference> batch = new ArrayList<>();
      if (inference != null) {
        SourceFiles files = common.files(inference);
        batch.add(Inference.parse(files.readText(inference, files.limits().maxEvidenceBytes(), "maxEvidenceBytes"),
            inference.toString(), files.limits()));
      } else {
        SourceFiles files = common.files(inferences);
        String text = files.readText(inferences, files.limits().maxJsonLinesBytes(), "maxJsonLinesBytes");
        String source = inferences.toString();
        String[] lines = text.split("\n", -1);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
          if (line.isBlank()) {
            continue;
          }
          try {
            batch.add(Inference.parse(line, source, files.limits()));
          } catch (ClinigateException e) {
            for (Problem q : e.problems()) {
              // no source line: an inference is data
              problems.add(new Problem(source, i + 1, q.column(), q.path(), q.message(), q.hint(), ""));
            }
          }
        }
        if (!problems.isEmpty()) {
          throw new InputException(problems); // nothing is appended from a batch with an unusable line
        }
        if (batch.isEmpty()) {
          throw new InputException(Problem.at(source, 0, 0, "no inferences: every line is blank",
              "write one inference (a JSON object) per line"));
        }
      }
      List<ReviewDecision> decisions = new ArrayList<>();
      for (Inference in : batch) {
        decisions.add(p.evaluate(in, Optional.ofNullable(at)));
      }
      if (policies != null) {
        ContentStore.at(policies).put((Policy) p);
      }
      if (evidenceStore != null) {
        ContentStore store = ContentStore.at(evidenceStore);
        batch.forEach(store::put);
      }
      AuditLogs.Appender file = open(chain);
      PrintWriter out = spec.commandLine().getOut();
      for (int i = 0; i < batch.size(); i++) {
        printAppended(out, file.append(decisions.get(i), batch.get(i)));
      }
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
