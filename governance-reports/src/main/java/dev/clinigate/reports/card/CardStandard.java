package dev.clinigate.reports.card;

import dev.clinigate.reports.card.internal.Checklist;
import java.util.List;

/**
 * A shipped, versioned disclosure checklist for model cards, e.g. {@code chai-model-card-0.2},
 * {@code hti1-dsi-2024}, {@code tripod-ai-2024}. Each is a data file ({@code kind: ModelCardStandard}) in this
 * module's resources: a new version of a standard is a new file, not new code. Immutable and thread-safe.
 *
 * <pre>{@code
 * CardStandard hti1 = CardStandard.of("hti1-dsi-2024");
 * CardCheck check = ModelCard.load(Path.of("card.yaml")).check(hti1, evidence);
 * }</pre>
 */
public final class CardStandard {
  private final Checklist checklist;

  private CardStandard(Checklist checklist) {
    this.checklist = checklist;
  }

  /**
   * The shipped standard with this id.
   *
   * @throws IllegalArgumentException when none has it; the message names the shipped ones
   */
  public static CardStandard of(String id) {
    return new CardStandard(Checklist.shipped(id));
  }

  /** The ids of every shipped standard. */
  public static List<String> ids() {
    return Checklist.shippedIds();
  }

  /** The id, e.g. {@code hti1-dsi-2024}. */
  public String id() {
    return checklist.id();
  }

  /** The title. */
  public String title() {
    return checklist.title();
  }

  /** Where the standard is published. */
  public String source() {
    return checklist.source();
  }

  /** The number of items on the checklist. */
  public int size() {
    return checklist.items().size();
  }

  /** The ids of the items, in order. */
  public List<String> itemIds() {
    return checklist.items().stream().map(Checklist.Item::id).toList();
  }

  Checklist checklist() {
    return checklist;
  }

  @Override
  public String toString() {
    return "CardStandard[" + id() + "]";
  }
}
