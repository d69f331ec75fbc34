package dev.clinigate;

import java.util.List;

/**
 * A model card that a promotion policy's {@code requires.modelCard: {standard: ...}} checks against the evidence
 * being evaluated. governance-core knows no card format: the host supplies an implementation through
 * {@link EvaluationOptions#withModelCard} (governance-reports' {@code dev.clinigate.reports.card.ModelCard} is one;
 * {@code clinigate evaluate --model-card card.yaml} loads it).
 *
 * <p>Implementations are immutable and thread-safe, and {@link #incompleteItems} is a pure function of the card,
 * the standard and the evidence.
 */
public interface ModelCardCheck {
  /** How messages name the card, e.g. its file name as the user gave it. */
  String source();

  /** The SHA-256 (64 lower-case hexadecimal digits) of the card's bytes, compared with {@code artifacts.modelCard}. */
  String sha256();

  /**
   * The items of {@code standard} that the card does not satisfy for {@code evidence}, one sentence fragment each
   * naming the item and why (missing, stale: a number that differs from the evidence, or N/A without a
   * justification), in checklist order; empty when the card is complete.
   *
   * @throws IllegalArgumentException when the standard is not known; the message names the known ones
   */
  List<String> incompleteItems(String standard, Evidence evidence);
}
