package dev.clinigate.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a CI report says, independent of its format: a title, a one-line summary, the items, what each rule id
 * means, and whether the run itself completed. Build one with {@link Reports}, render it with {@link ReportFormat}.
 *
 * @param title e.g. {@code readmission-risk v3: NO_GO}
 * @param summary e.g. {@code 1 blocking, 9 passed, 2 not blocking}
 * @param passed whether the CI step should pass
 * @param items the items, in input order
 * @param rules what the rule ids of the items mean (SARIF's rule help), in first-use order; an item whose rule id is
 *     not described here gets a generic description
 * @param completed whether the run completed; {@code false} when the input could not be used (then the items are
 *     the errors, {@link ReportItem.Outcome#ERROR}, and SARIF reports them as tool execution notifications of a run
 *     whose {@code executionSuccessful} is {@code false})
 */
public record Report(String title, String summary, boolean passed, List<ReportItem> items, List<ReportRule> rules,
    boolean completed) {
  /** Validates. */
  public Report {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    items = List.copyOf(items);
    rules = List.copyOf(rules);
    if (!completed && passed) {
      throw new IllegalArgumentException("a run that did not complete cannot pass");
    }
  }

  /** A report of a completed run whose rule ids need no description beyond the generic one. */
  public Report(String title, String summary, boolean passed, List<ReportItem> items) {
    this(title, summary, passed, items, List.of(), true);
  }

  /** Number of items with the outcome. */
  public long count(ReportItem.Outcome o) {
    return items.stream().filter(i -> i.outcome() == o).count();
  }

  /**
   * This report with every item's file named relative to {@code root} (with forward slashes) when it lies inside
   * it, for CI systems that resolve paths against the repository root (GitHub code scanning, workflow annotations).
   * A relative file name is taken relative to the working directory. Files outside {@code root} keep their name.
   */
  public Report relativeTo(Path root) {
    Path base = root.toAbsolutePath().normalize();
    List<ReportItem> out = new ArrayList<>(items.size());
    for (ReportItem i : items) {
      out.add(i.withFile(relative(base, i.file())));
    }
    return new Report(title, summary, passed, out, rules, completed);
  }

  private static String relative(Path base, String file) {
    if (file.isEmpty()) {
      return file;
    }
    Path p;
    try {
      p = Path.of(file).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return file;
    }
    if (!p.startsWith(base) || p.equals(base)) {
      return file;
    }
    return base.relativize(p).toString().replace('\\', '/');
  }
}
