package dev.clinigate.reports;

import dev.clinigate.reports.internal.GithubWriter;
import dev.clinigate.reports.internal.JunitWriter;
import dev.clinigate.reports.internal.MarkdownWriter;
import dev.clinigate.reports.internal.SarifWriter;

/**
 * The CI report formats. Every rendering is deterministic (no timestamps, no host names).
 *
 * <pre>{@code
 * String xml = ReportFormat.JUNIT.render(Reports.of(decision, "policy.yaml"));
 * }</pre>
 */
public enum ReportFormat {
  /** JUnit XML (Jenkins, GitLab, GitHub test reporters): one test case per item; FAIL is a failure. */
  JUNIT,
  /** SARIF 2.1.0: every item that did not pass, located at the line and column of its rule. */
  SARIF,
  /** GitHub Actions workflow commands: an {@code ::error} or {@code ::warning} annotation per item that did not pass. */
  GITHUB,
  /** A Markdown summary table, for {@code $GITHUB_STEP_SUMMARY} or a merge-request comment. */
  MARKDOWN;

  /** Renders the report, ending with a newline. */
  public String render(Report report) {
    return switch (this) {
      case JUNIT -> JunitWriter.write(report);
      case SARIF -> SarifWriter.write(report);
      case GITHUB -> GithubWriter.write(report);
      case MARKDOWN -> MarkdownWriter.write(report);
    };
  }

  /** The conventional file name of this format's report, e.g. {@code clinigate-evaluate.sarif}. */
  public String fileName(String command) {
    return "clinigate-" + command + switch (this) {
      case JUNIT -> ".junit.xml";
      case SARIF -> ".sarif";
      case GITHUB -> ".github.txt";
      case MARKDOWN -> ".md";
    };
  }
}
