package dev.clinigate.reports.internal;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportItem;

/**
 * A Markdown summary: a heading with the title, the summary line, and a table of the items with failures
 * first (then errors, warnings, not judged, passes; input order within each), so that the first rows are the
 * ones to act on. A run that could not use its input gets a failed section instead of the table: each error as
 * clinigate printed it, in a code block (so that its caret stays under the offending column).
 */
public final class MarkdownWriter {
  private MarkdownWriter() {}

  /** Renders the report. */
  public static String write(Report r) {
    StringBuilder b = new StringBuilder();
    b.append("### ").append(r.passed() ? "✅ " : "❌ ").append(cell(r.title())).append("\n\n");
    b.append(cell(r.summary())).append("\n\n");
    if (!r.completed()) {
      b.append("**The run failed: clinigate could not use its input.** Fix the following and run again.\n");
      for (ReportItem i : r.items()) {
        String fence = "```";
        while (i.message().contains(fence)) {
          fence += "`";
        }
        b.append('\n').append(fence).append("text\n").append(i.message()).append('\n').append(fence).append('\n');
      }
      return b.toString();
    }
    b.append("| status | item | message | where |\n");
    b.append("|---|---|---|---|\n");
    for (ReportItem.Outcome o : new ReportItem.Outcome[] {ReportItem.Outcome.FAIL, ReportItem.Outcome.ERROR,
        ReportItem.Outcome.WARN, ReportItem.Outcome.SKIP, ReportItem.Outcome.PASS}) {
      for (ReportItem i : r.items()) {
        if (i.outcome() != o) {
          continue;
        }
        String status = o == ReportItem.Outcome.FAIL || o == ReportItem.Outcome.ERROR ? "**" + i.status() + "**"
            : i.status();
        String where = i.file().isEmpty() ? "" : "`" + i.file().replace("`", "'") + (i.line() > 0 ? ":" + i.line() : "")
            + "`";
        b.append("| ").append(status).append(" | ").append(cell(i.name())).append(" | ").append(cell(i.message()))
            .append(" | ").append(where).append(" |\n");
      }
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\r", "").replace("\n", "<br>");
  }
}
