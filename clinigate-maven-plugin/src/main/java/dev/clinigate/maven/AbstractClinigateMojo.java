package dev.clinigate.maven;

import dev.clinigate.ClinigateException;
import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportFormat;
import dev.clinigate.reports.ReportItem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the clinigate goals share: report formats and folder, {@code skip}, and the rule that a failed gate
 * fails the build with the explanation in the build log.
 */
public abstract class AbstractClinigateMojo extends AbstractMojo {
  /** Report formats written to {@link #reportDirectory}: any of junit, sarif, github, markdown. */
  @Parameter(property = "clinigate.formats", defaultValue = "junit,sarif,markdown")
  List<String> formats = new ArrayList<>();

  /** Where reports go, as {@code clinigate-<goal>.<ext>}. */
  @Parameter(property = "clinigate.reportDirectory", defaultValue = "${project.build.directory}")
  File reportDirectory;

  /** Skip this goal. */
  @Parameter(property = "clinigate.skip", defaultValue = "false")
  boolean skip;

  /** Report failures in the log without failing the build. */
  @Parameter(property = "clinigate.failOnError", defaultValue = "true")
  boolean failOnError = true;

  /** The project's folder, which relative paths are resolved against. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  File basedir;

  /** The goal's name, used in report file names. */
  abstract String goal();

  /** Runs the goal; returns the report of what it found. */
  abstract Report run() throws MojoExecutionException;

  /** The detailed explanation to log (a decision's explain(), a contract result's text). */
  abstract String explanation();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("clinigate " + goal() + ": skipped");
      return;
    }
    Report report;
    try {
      report = run();
    } catch (ClinigateException e) {
      for (String line : e.getMessage().split("\n", -1)) {
        getLog().error(line);
      }
      throw new MojoExecutionException("clinigate " + goal() + ": bad input (see the errors above)", e);
    }
    writeReports(report);
    String explanation = explanation();
    for (String line : explanation.split("\n", -1)) {
      if (report.passed()) {
        getLog().info(line);
      } else {
        getLog().error(line);
      }
    }
    if (!report.passed()) {
      List<String> failing = new ArrayList<>();
      for (ReportItem i : report.items()) {
        if (i.outcome() == ReportItem.Outcome.FAIL || i.outcome() == ReportItem.Outcome.ERROR) {
          failing.add(i.name() + ": " + i.message());
        }
      }
      String message = "clinigate " + goal() + ": " + report.title() + " (" + report.summary() + ")\n  "
          + String.join("\n  ", failing);
      if (failOnError) {
        throw new MojoFailureException(message);
      }
      getLog().warn(message + "\n(not failing the build: failOnError is false)");
    } else {
      getLog().info("clinigate " + goal() + ": " + report.title() + " (" + report.summary() + ")");
    }
  }

  private void writeReports(Report report) throws MojoExecutionException {
    try {
      Files.createDirectories(reportDirectory.toPath());
      for (String f : formats) {
        ReportFormat format;
        try {
          format = ReportFormat.valueOf(f.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new MojoExecutionException("unknown report format \"" + f + "\": use junit, sarif, github or markdown",
              e);
        }
        Path out = reportDirectory.toPath().resolve(format.fileName(goal()));
        Files.writeString(out, format.render(report), StandardCharsets.UTF_8);
        getLog().info("clinigate " + goal() + ": wrote " + out);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the clinigate reports to " + reportDirectory + ": "
          + e.getMessage(), e);
    }
  }

  /** A path as written in the POM: relative to the project's folder when it is relative. */
  Path resolve(File f) {
    return f.isAbsolute() ? f.toPath() : basedir.toPath().resolve(f.toPath());
  }

  /** A path for reports and messages: relative to the project's folder when it is inside it. */
  String display(Path p) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }
}
