package dev.clinigate.maven;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.Reports;
import dev.clinigate.testkit.PolicyTestRunner;
import dev.clinigate.testkit.TestRun;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the {@code kind: PolicyTest} suites under the given paths; a failed case, a suite in error, coverage
 * under {@code coverageMin} or (with {@code requireTests}) a policy without a suite fails the build.
 *
 * <pre>{@code
 * <execution><id>policy-tests</id><goals><goal>test</goal></goals>
 *   <configuration><paths><path>governance</path></paths><coverageMin>90</coverageMin></configuration>
 * </execution>
 * }</pre>
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class TestMojo extends AbstractClinigateMojo {
  /** Suite files or directories (searched recursively). */
  @Parameter(required = true)
  List<File> paths = new ArrayList<>();

  /** Fail when a PromotionPolicy, RollbackPolicy or ReviewPolicy file found in the paths has no suite. */
  @Parameter(property = "clinigate.requireTests", defaultValue = "false")
  boolean requireTests;

  /** Fail when a policy's rule coverage is below this percentage (0-100). */
  @Parameter(property = "clinigate.coverageMin")
  Double coverageMin;

  private TestRun run;

  @Override
  String goal() {
    return "test";
  }

  @Override
  Report run() throws MojoExecutionException {
    if (coverageMin != null && !(coverageMin >= 0 && coverageMin <= 100)) {
      throw new MojoExecutionException("coverageMin must be within [0, 100], found " + coverageMin);
    }
    List<Path> ps = new ArrayList<>();
    for (File f : paths) {
      ps.add(given(f)); // relative to the working directory: suites and messages are named without absolute paths
    }
    run = PolicyTestRunner.run(ps);
    return Reports.of(run, requireTests, coverageMin == null ? OptionalDouble.empty() : OptionalDouble.of(coverageMin));
  }

  @Override
  String explanation() {
    return run.toText();
  }
}
