package dev.clinigate.maven;

import dev.clinigate.ArtifactVerifier;
import dev.clinigate.Decision;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.reports.Report;
import dev.clinigate.reports.Reports;
import dev.clinigate.dsl.EvidenceFiles;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.PrincipalsYaml;
import dev.clinigate.SigningKeys;
import dev.clinigate.SourceFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Evaluates a promotion policy against evidence; a NO_GO fails the build with the decision's explanation in
 * the log.
 *
 * <pre>{@code
 * <execution><goals><goal>evaluate</goal></goals>
 *   <configuration><policy>governance/policy.yaml</policy><evidence>target/evidence.json</evidence>
 *     <principals>governance/principals.yaml</principals></configuration>
 * </execution>
 * }</pre>
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class EvaluateMojo extends AbstractClinigateMojo {
  /** The PromotionPolicy YAML file. */
  @Parameter(property = "clinigate.policy", required = true)
  File policy;

  /** The evidence (JSON, or YAML when the name ends in .yaml/.yml). */
  @Parameter(property = "clinigate.evidence", required = true)
  File evidence;

  /** The evaluation time, ISO-8601 (e.g. 2026-03-01T00:00:00Z); never the wall clock. */
  @Parameter(property = "clinigate.at")
  String at;

  /**
   * The roster of principals (kind: Principals) that signed approvals are verified against; needed when the
   * policy requires signed approvals ({@code approvals.requireSignatures}, the default at {@code riskTier: high}).
   */
  @Parameter(property = "clinigate.principals")
  File principals;

  /** The roster keeper's Ed25519 public key (PEM): the roster's detached signature {@code <roster>.sig} must verify. */
  @Parameter(property = "clinigate.rosterKey")
  File rosterKey;

  /**
   * Verify required artifacts: the file {@code <artifactsDir>/<last segment of the artifact's uri>} must hash to the
   * artifact's sha256 in the evidence; a missing or different file fails closed (the CLI's {@code --artifacts-dir}).
   */
  @Parameter(property = "clinigate.artifactsDir")
  File artifactsDir;

  private Decision decision;

  @Override
  String goal() {
    return "evaluate";
  }

  @Override
  Report run() throws MojoExecutionException {
    Path p = given(policy);
    PromotionPolicy compiled = PolicyYaml.loadPromotion(p);
    EvaluationOptions options = EvaluationOptions.none();
    if (at != null && !at.isBlank()) {
      try {
        options = EvaluationOptions.at(Instant.parse(at.trim()));
      } catch (DateTimeParseException e) {
        throw new MojoExecutionException("at must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, found \"" + at
            + "\"", e);
      }
    }
    if (artifactsDir != null) {
      Path dir = resolve(artifactsDir);
      if (!Files.isDirectory(dir)) {
        throw new InputException(Problem.at(display(dir), 0, 0, "is not a directory",
            "give artifactsDir the directory that holds the artifact files"));
      }
      options = options.withArtifacts(ArtifactVerifier.directory(dir));
    }
    if (rosterKey != null && principals == null) {
      throw new MojoExecutionException("rosterKey verifies the roster given as principals, and none is given");
    }
    if (principals != null) {
      Path r = given(principals);
      SourceFiles files = SourceFiles.besideFile(r);
      options = options.withPrincipals(rosterKey == null ? PrincipalsYaml.load(r, files) : PrincipalsYaml.load(r,
          files, SigningKeys.readPublicKey(given(rosterKey), SourceFiles.besideFile(given(rosterKey)))));
    }
    decision = compiled.evaluate(EvidenceFiles.load(given(evidence)), options);
    return Reports.of(decision, compiled, p);
  }

  @Override
  String explanation() {
    return decision.explain();
  }
}
