package dev.clinigate.reports.card;

import java.util.List;
import java.util.Objects;

/**
 * A model card checked against one disclosure standard and the evidence: one result per checklist item, in the
 * checklist's order.
 *
 * @param standard the standard's id, e.g. {@code hti1-dsi-2024}
 * @param title the standard's title
 * @param source where the standard is published
 * @param items one result per item
 */
public record CardCheck(String standard, String title, String source, List<CardItemResult> items) {
  /** Validates and copies. */
  public CardCheck {
    Objects.requireNonNull(standard, "standard");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    items = List.copyOf(items);
  }

  /** Whether every item is complete or justified as not applicable. */
  public boolean complete() {
    return items.stream().allMatch(i -> i.status().satisfied());
  }

  /** The items that are missing or stale, in checklist order. */
  public List<CardItemResult> incomplete() {
    return items.stream().filter(i -> !i.status().satisfied()).toList();
  }
}
