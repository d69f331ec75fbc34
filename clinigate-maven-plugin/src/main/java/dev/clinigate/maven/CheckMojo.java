package dev.clinigate.maven;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.Reports;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.contracts.DataProfile;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks a CSV file against a data contract; a violation fails the build with the result in the log.
 *
 * <pre>{@code
 * <execution><id>contract</id><goals><goal>check</goal></goals>
 *   <configuration><contract>governance/features.contract.yaml</contract><data>data/features.csv</data></configuration>
 * </execution>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractClinigateMojo {
  /** The DataContract YAML file. */
  @Parameter(property = "clinigate.contract", required = true)
  File contract;

  /** The CSV file to check. */
  @Parameter(property = "clinigate.data", required = true)
  File data;

  /** A reference CSV that drift rules compare against. */
  @Parameter(property = "clinigate.reference")
  File reference;

  /** A saved reference profile (from {@code clinigate profile}) that drift rules compare against; not with reference. */
  @Parameter(property = "clinigate.profile")
  File profile;

  /**
   * The model's input features: each must be declared, available before the prediction, allowed at inference and
   * not phi (the CLI's {@code --features-used}).
   */
  @Parameter(property = "clinigate.featuresUsed")
  List<String> featuresUsed = new ArrayList<>();

  /** The evaluation time freshness is measured against, ISO-8601; never the wall clock. */
  @Parameter(property = "clinigate.at")
  String at;

  private ContractResult result;

  @Override
  String goal() {
    return "check";
  }

  @Override
  Report run() throws MojoExecutionException {
    if (reference != null && profile != null) {
      throw new MojoExecutionException("give reference or profile, not both");
    }
    Path c = given(contract);
    DataContract dc = DataContracts.load(c);
    ContractChecker.Builder b = ContractChecker.builder(dc);
    if (reference != null) {
      b.reference(DataProfile.of(given(reference), dc));
    } else if (profile != null) {
      b.reference(DataProfile.read(given(profile)));
    }
    if (!featuresUsed.isEmpty()) {
      b.featuresUsed(featuresUsed);
    }
    if (at != null && !at.isBlank()) {
      try {
        b.evaluatedAt(Instant.parse(at.trim()));
      } catch (java.time.format.DateTimeParseException e) {
        throw new MojoExecutionException("at must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, found \"" + at
            + "\"", e);
      }
    }
    result = b.build().check(given(data));
    return Reports.of(result, c);
  }

  @Override
  String explanation() {
    return result.toText();
  }
}
