package dev.clinigate.reports.card;

import java.util.Objects;

/**
 * How a model card fares on one item of a disclosure standard.
 *
 * @param id the item's id within the standard, e.g. {@code 23}
 * @param group the item's group, e.g. {@code Quantitative performance}
 * @param title what the item asks for
 * @param quantitative whether the item's results must equal the evidence
 * @param status complete, not applicable (with a justification), missing or stale
 * @param detail why (for missing and stale: what is missing or which number differs; for N/A: the justification);
 *     empty when complete
 */
public record CardItemResult(String id, String group, String title, boolean quantitative, Status status,
    String detail) {
  /** An item's status. */
  public enum Status {
    /** Every field the item needs is written and every number is in the evidence. */
    COMPLETE,
    /** The card declares the item not applicable, with a justification. */
    NOT_APPLICABLE,
    /** Something the item needs is not written, not in the evidence, or N/A without a justification. */
    MISSING,
    /** A number typed in the card differs from the evidence. */
    STALE;

    /** Whether the item counts as satisfied. */
    public boolean satisfied() {
      return this == COMPLETE || this == NOT_APPLICABLE;
    }
  }

  /** Validates. */
  public CardItemResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line naming the item and why it is not satisfied: {@code 23 Validity in external data (missing: ...)}. */
  public String describe() {
    return id + " " + title + " (" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + (detail.isEmpty() ? "" : ": " + detail) + ")";
  }
}
