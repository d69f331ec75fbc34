package dev.clinigate.maven;

import dev.clinigate.ClinigateException;
import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportFormat;
import dev.clinigate.reports.ReportItem;
import dev.clinigate.reports.Reports;
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
 * fails the build with the results in the build log.
 *
 * <p>Reports are named after the execution: {@code clinigate-<executionId>.<ext>} (e.g.
 * {@code clinigate-policy-tests.junit.xml}), or {@code clinigate-<goal>.<ext>} for Maven's default execution ids, so
 * that two executions in one build never overwrite each other's reports. Every path in a report is relative to the
 * report root: the git root of the project (the nearest folder with a {@code .git} entry), else the project's folder,
 * or {@code reportRoot} when it is set; never absolute for a file inside it.
 *
 * <p>Log levels follow the results: a passing rule is logged at INFO, a failing one (and a bad input) at ERROR, a
 * waived, advisory or not judged one at WARN.
 */
public abstract class AbstractClinigateMojo extends AbstractMojo {
  /** Report formats written to {@link #reportDirectory}: any of junit, sarif, github, markdown. */
  @Parameter(property = "clinigate.formats", defaultValue = "junit,sarif,markdown")
  List<String> formats = new ArrayList<>();

  /** Where reports go, as {@code clinigate-<executionId>.<ext>} ({@code clinigate-<goal>.<ext>} by default). */
  @Parameter(property = "clinigate.reportDirectory", defaultValue = "${project.build.directory}")
  File reportDirectory;

  /**
   * The folder report paths are relative to (GitHub code scanning resolves them against the repository root).
   * Default: the project's git root, else the project's folder.
   */
  @Parameter(property = "clinigate.reportRoot")
  File reportRoot;

  /** Skip this goal. */
  @Parameter(property = "clinigate.skip", defaultValue = "false")
  boolean skip;

  /** Report failures in the log without failing the build. */
  @Parameter(property = "clinigate.failOnError", defaultValue = "true")
  boolean failOnError = true;

  /** The project's folder, which relative paths are resolved against. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  File basedir;

  /** The id of this execution, which names its reports. */
  @Parameter(defaultValue = "${mojoExecution.executionId}", readonly = true)
  String executionId;

  /** The goal's name, used in report file names. */
  abstract String goal();

  /** Runs the goal; returns the report of what it found. */
  abstract Report run() throws MojoExecutionException;

  /** The detailed explanation (a decision's explain(), a contract result's text), logged at DEBUG. */
  abstract String explanation();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    String prefix = prefix();
    if (skip) {
      getLog().info(prefix + "skipped");
      return;
    }
    Report report;
    try {
      report = run();
    } catch (ClinigateException e) {
      for (String line : e.getMessage().split("\n", -1)) {
        getLog().error(line);
      }
      // the reports say so too: a report of a failed run, never a stale or missing file
      writeReports(Reports.failedRun(goal(), e.problems()));
      throw new MojoExecutionException(prefix + "bad input (see the errors above)", e);
    }
    writeReports(report);
    for (ReportItem i : report.items()) {
      List<String> lines = List.of((i.status() + " " + i.name() + ": " + i.message()).split("\n", -1));
      for (String line : lines) {
        switch (i.outcome()) {
          case PASS -> getLog().info(line);
          case WARN, SKIP -> getLog().warn(line);
          case FAIL, ERROR -> getLog().error(line);
          default -> throw new IllegalStateException("unknown outcome " + i.outcome());
        }
      }
    }
    if (getLog().isDebugEnabled()) {
      for (String line : explanation().split("\n", -1)) {
        getLog().debug(line);
      }
    }
    String result = prefix + withoutPrefix(report.title()) + " (" + report.summary() + ")";
    if (!report.passed()) {
      List<String> failing = new ArrayList<>();
      for (ReportItem i : report.items()) {
        if (i.outcome() == ReportItem.Outcome.FAIL || i.outcome() == ReportItem.Outcome.ERROR) {
          failing.add(i.name() + ": " + i.message());
        }
      }
      String message = result + "\n  " + String.join("\n  ", failing);
      if (failOnError) {
        throw new MojoFailureException(message);
      }
      getLog().warn(message + "\n(not failing the build: failOnError is false)");
    } else {
      getLog().info(result);
    }
  }

  /** {@code clinigate test: }, or {@code clinigate test (policy-tests): } for a named execution. */
  String prefix() {
    return "clinigate " + goal() + (isDefaultExecution() ? "" : " (" + executionId + ")") + ": ";
  }

  /** A report title without its own {@code clinigate <command>: } prefix, so that the log says it once. */
  private String withoutPrefix(String title) {
    String own = "clinigate " + goal() + ": ";
    return title.startsWith(own) ? title.substring(own.length()) : title;
  }

  private boolean isDefaultExecution() {
    return executionId == null || executionId.isBlank() || executionId.equals("default")
        || executionId.startsWith("default-");
  }

  /** The base of this execution's report file names: the execution id, or the goal for a default execution. */
  String reportName() {
    return isDefaultExecution() ? goal() : executionId;
  }

  private void writeReports(Report report) throws MojoExecutionException {
    Report relative = report.relativeTo(reportRoot());
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
        Path out = reportDirectory.toPath().resolve(format.fileName(reportName()));
        Files.writeString(out, format.render(relative), StandardCharsets.UTF_8);
        getLog().info(prefix() + "wrote " + display(out));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the clinigate reports to " + reportDirectory + ": "
          + e.getMessage(), e);
    }
  }

  /** {@link #reportRoot}, else the git root of the project, else the project's folder. */
  Path reportRoot() {
    if (reportRoot != null) {
      return resolve(reportRoot).toAbsolutePath().normalize();
    }
    Path base = basedir.toPath().toAbsolutePath().normalize();
    for (Path p = base; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return base;
  }

  /** A path as written in the POM: relative to the project's folder when it is relative. */
  Path resolve(File f) {
    return f.isAbsolute() ? f.toPath() : basedir.toPath().resolve(f.toPath());
  }

  /**
   * A file of the POM as clinigate should read and name it in messages: relative to the working directory when it
   * lies under it (Maven's working directory is where it was started, not the project's folder), else absolute.
   */
  Path given(File f) {
    Path abs = resolve(f).toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs;
  }

  /** A path for messages: relative to the project's folder when it is inside it. */
  String display(Path p) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }
}
