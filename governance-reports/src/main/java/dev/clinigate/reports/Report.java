package dev.clinigate.reports;

import java.util.List;
import java.util.Objects;

/**
 * What a CI report says, independent of its format: a title, a one-line summary and the items.
 * Build one with {@link Reports}, render it with {@link ReportFormat}.
 *
 * @param title e.g. {@code readmission-risk v3: NO_GO}
 * @param summary e.g. {@code 1 blocking, 9 passed, 2 not blocking}
 * @param passed whether the CI step should pass
 * @param items the items, in input order
 */
public record Report(String title, String summary, boolean passed, List<ReportItem> items) {
  /** Validates. */
  public Report {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    items = List.copyOf(items);
  }

  /** Number of items with the outcome. */
  public long count(ReportItem.Outcome o) {
    return items.stream().filter(i -> i.outcome() == o).count();
  }
}
