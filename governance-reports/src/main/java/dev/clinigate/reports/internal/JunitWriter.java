package dev.clinigate.reports.internal;

import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML as Jenkins (junit and xunit plugins), GitLab, surefire's readers and the GitHub test reporters read it:
 * {@code testsuites > testsuite > testcase} with {@code failure}, {@code error} and {@code skipped}. Warnings pass
 * and carry their message in {@code system-out}. Only what both the Jenkins xunit plugin's {@code junit-10.xsd} and
 * surefire's {@code surefire-test-report.xsd} (for each {@code testsuite}) accept is written (checked by a test):
 * so no {@code file} or {@code line} attribute on a test case (the location opens the failure's text instead) and no
 * {@code skipped} count on {@code testsuites}; every test case has {@code time="0"}, which surefire's schema
 * requires. No {@code timestamp}: reports are deterministic.
 */
public final class JunitWriter {
  private JunitWriter() {}

  /** Renders the report. */
  public static String write(Report r) {
    Map<String, List<ReportItem>> groups = new LinkedHashMap<>();
    for (ReportItem i : r.items()) {
      groups.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i);
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"").append(esc(r.title())).append("\" tests=\"").append(r.items().size())
        .append("\" failures=\"").append(r.count(ReportItem.Outcome.FAIL)).append("\" errors=\"")
        .append(r.count(ReportItem.Outcome.ERROR)).append("\">\n");
    for (Map.Entry<String, List<ReportItem>> g : groups.entrySet()) {
      List<ReportItem> items = g.getValue();
      b.append("  <testsuite name=\"").append(esc(g.getKey())).append("\" tests=\"").append(items.size())
          .append("\" failures=\"").append(count(items, ReportItem.Outcome.FAIL)).append("\" errors=\"")
          .append(count(items, ReportItem.Outcome.ERROR)).append("\" skipped=\"")
          .append(count(items, ReportItem.Outcome.SKIP)).append("\">\n");
      for (ReportItem i : items) {
        b.append("    <testcase classname=\"").append(esc(g.getKey())).append("\" name=\"").append(esc(i.name()))
            .append("\" time=\"0\"");
        // a clinigate error (a failed run, a validate finding) is located and complete as printed: its first line is the
        // message, the whole text the body
        boolean printed = i.message().startsWith("ERROR: ");
        String where = printed ? "" : location(i);
        String message = printed ? i.message().lines().findFirst().orElse("") : i.message();
        switch (i.outcome()) {
          case PASS -> b.append("/>\n");
          case WARN -> b.append(">\n      <system-out>").append(esc(i.status() + ": " + i.message()))
              .append("</system-out>\n    </testcase>\n");
          case SKIP -> b.append(">\n      <skipped message=\"").append(esc(i.status() + ": " + i.message()))
              .append("\"/>\n    </testcase>\n");
          case FAIL -> b.append(">\n      <failure message=\"").append(esc(message)).append("\" type=\"")
              .append(esc(i.status())).append("\">").append(esc(printed ? i.message()
                  : where + i.status() + ": " + i.message()))
              .append("</failure>\n    </testcase>\n");
          case ERROR -> b.append(">\n      <error message=\"").append(esc(message)).append("\" type=\"")
              .append(esc(i.status())).append("\">").append(esc(where + i.message()))
              .append("</error>\n    </testcase>\n");
          default -> throw new IllegalStateException("unknown outcome " + i.outcome());
        }
      }
      b.append("  </testsuite>\n");
    }
    b.append("</testsuites>\n");
    return b.toString();
  }

  private static String location(ReportItem i) {
    if (i.file().isEmpty()) {
      return "";
    }
    return i.file() + (i.line() > 0 ? ":" + i.line() + (i.column() > 0 ? ":" + i.column() : "") : "") + ": ";
  }

  private static long count(List<ReportItem> items, ReportItem.Outcome o) {
    return items.stream().filter(i -> i.outcome() == o).count();
  }

  /** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append("&#10;");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append("&#9;");
        default -> {
          if (c >= 0x20 || Character.isSurrogate(c)) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
