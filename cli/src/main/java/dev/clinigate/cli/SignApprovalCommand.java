package dev.clinigate.cli;

import dev.clinigate.Approval;
import dev.clinigate.ApprovalSigner;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.SigningKeys;
import dev.clinigate.SourceFiles;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PrincipalsYaml;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clinigate sign-approval}: signs an approval of an evidence file with a principal's Ed25519 private key
 * (the approval JSON object goes into the evidence's {@code approvals}), or, with {@code --roster}, signs a roster
 * of principals (the detached signature {@code R.yaml.sig}). The key is read through the file access layer and
 * never printed; errors name the key file, not its content.
 */
@Command(name = "sign-approval", mixinStandardHelpOptions = true,
    description = {"Sign an approval of evidence, or a roster of principals, with an Ed25519 private key.",
        "An approval is printed as the JSON object for the evidence's approvals; a roster (--roster) gets its detached",
        "signature R.yaml.sig. Exit 0 = signed, 2 = bad input."})
final class SignApprovalCommand implements Callable<Integer> {
  /** The approval's timestamp when {@code --timestamp} is not given; a field so that tests can fix it. */
  Clock clock = Clock.systemUTC();

  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Option(names = "--key", required = true, paramLabel = "private.pem",
      description = {"The signer's Ed25519 private key, PEM PKCS#8 ('openssl genpkey -algorithm ed25519 -out",
          "private.pem'). Keep it out of the repository."})
  Path key;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  What what;

  /** Either an approval of evidence or a roster. */
  static final class What {
    @ArgGroup(exclusive = false)
    ApprovalArgs approval;

    @Option(names = "--roster", paramLabel = "R.yaml",
        description = "Sign this roster of principals instead: writes the detached signature R.yaml.sig (or --out).")
    Path roster;
  }

  /** The approval's fields. */
  static final class ApprovalArgs {
    @Option(names = "--evidence", required = true, paramLabel = "E.json",
        description = "The evidence approved: the approval signs its subject SHA-256.")
    Path evidence;

    @Option(names = "--principal", required = true, paramLabel = "ID", description = "The approver's id in the roster.")
    String principal;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The role approved under.")
    String role;

    @Option(names = "--decision", required = true, paramLabel = "approve|reject", description = "approve or reject.")
    Approval.Decision decision;

    @Option(names = "--rationale", required = true, paramLabel = "TEXT",
        description = "Why (an approval without a rationale does not count).")
    String rationale;

    @Option(names = "--timestamp", paramLabel = "INSTANT",
        description = "When, ISO-8601 (e.g. 2026-02-20T10:00:00Z); default: now, to the second.")
    Instant timestamp;
  }

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write the approval JSON (or the roster signature) to FILE instead of standard output.")
  Path out;

  @Override
  public Integer call() {
    if (what == null) {
      throw Options.invalid("sign-approval", "say what to sign: an approval (--evidence E.json --principal ID --role "
          + "ROLE --decision approve|reject --rationale TEXT) or a roster (--roster R.yaml)",
          "run 'clinigate sign-approval --help' for the options");
    }
    PrivateKey privateKey = SigningKeys.readPrivateKey(key, common.files(key));
    PrintWriter stdout = spec.commandLine().getOut();
    if (what.roster != null) {
      SourceFiles files = common.files(what.roster);
      byte[] bytes = files.readBytes(what.roster, files.limits().maxPolicyBytes(), "maxPolicyBytes");
      PrincipalsYaml.load(what.roster, files); // refuse to sign a roster that does not load
      Path target = out == null ? PrincipalsYaml.signatureFile(what.roster) : out;
      write(target, sign(bytes, privateKey) + "\n");
      stdout.println("signed roster " + what.roster + " (sha256 " + Json.sha256Hex(bytes) + ") into " + target);
      stdout.flush();
      return Main.EXIT_OK;
    }
    ApprovalArgs a = what.approval;
    for (String[] f : new String[][] {{"--principal", a.principal}, {"--role", a.role}, {"--rationale", a.rationale}}) {
      if (f[1].isBlank()) {
        throw Options.invalid(f[0], "must not be blank", f[0].equals("--rationale")
            ? "say why: an approval without a rationale does not count" : "give the value the roster lists");
      }
    }
    Evidence e = EvidenceFiles.load(a.evidence, common.files(a.evidence));
    Instant at = a.timestamp != null ? a.timestamp : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    Approval approval = new Approval(a.principal, a.role, a.decision, a.rationale, at, e.subjectSha256());
    Approval signed = approval.withSignature(sign(ApprovalSigner.message(approval), privateKey));
    String json = Json.prettyInOrder(signed.toJson()) + "\n";
    if (out == null) {
      stdout.print(json);
    } else {
      write(out, json);
      stdout.println("signed the approval of " + a.evidence + " (subject sha256 " + e.subjectSha256() + ") by "
          + a.principal + " as " + a.role + " into " + out);
    }
    stdout.flush();
    return Main.EXIT_OK;
  }

  private String sign(byte[] bytes, PrivateKey privateKey) {
    try {
      return ApprovalSigner.sign(bytes, privateKey);
    } catch (IllegalArgumentException x) {
      throw new InputException(Problem.at(key.toString(), 0, 0, "the key cannot sign with Ed25519",
          "create an Ed25519 key with 'openssl genpkey -algorithm ed25519 -out private.pem'"));
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException x) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "cannot be written ("
          + x.getClass().getSimpleName() + ")", "check that the directory exists and is writable"), x);
    }
  }
}
