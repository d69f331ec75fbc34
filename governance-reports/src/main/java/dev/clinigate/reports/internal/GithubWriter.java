package dev.clinigate.reports.internal;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportItem;

/**
 * GitHub Actions workflow commands: {@code ::error file=F,line=L,col=C,title=T::message} for failures and
 * errors, {@code ::warning} for warnings, {@code ::notice} for items not judged; passes print nothing. Data
 * and properties are escaped as the runner expects ({@code %}, CR, LF; and {@code :} {@code ,} in properties).
 */
public final class GithubWriter {
  private GithubWriter() {}

  /** Renders the report. */
  public static String write(Report r) {
    StringBuilder b = new StringBuilder();
    for (ReportItem i : r.items()) {
      String command = switch (i.outcome()) {
        case PASS -> null;
        case WARN -> "warning";
        case SKIP -> "notice";
        case FAIL, ERROR -> "error";
      };
      if (command == null) {
        continue;
      }
      b.append("::").append(command).append(' ');
      if (!i.file().isEmpty()) {
        b.append("file=").append(property(i.file())).append(',');
        if (i.line() > 0) {
          b.append("line=").append(i.line()).append(',');
          if (i.column() > 0) {
            b.append("col=").append(i.column()).append(',');
          }
        }
      }
      b.append("title=").append(property("clinigate " + i.status() + ": " + i.name())).append("::")
          .append(data(i.message())).append('\n');
    }
    b.append(r.passed() ? "::notice title=clinigate::" : "::error title=clinigate::").append(data(r.title() + ": "
        + r.summary())).append('\n');
    return b.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
