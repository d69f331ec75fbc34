package dev.clinigate.audit;

import java.util.List;
import java.util.Objects;

/**
 * The replay of one logged decision.
 *
 * @param seq the record's seq (= its line)
 * @param outcome what the replay found
 * @param detail one sentence for people: what was compared, or why it could not be
 * @param differences where the replayed decision differs ({@code $.rules[1].status: "PASS" -> "FAIL"}), at most
 *     {@value AuditReplay#MAX_DIFFERENCES}; logged value first
 */
public record ReplayResult(long seq, Outcome outcome, String detail, List<String> differences) {
  /** Validates and copies. */
  public ReplayResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    differences = List.copyOf(differences);
  }

  /** What a replay found. */
  public enum Outcome {
    /** The replayed decision is byte-identical to the logged one. */
    IDENTICAL,
    /** Byte-identical except {@code clinigate.version}: a different library version made the same decision. */
    IDENTICAL_EXCEPT_VERSION,
    /** The replayed decision differs. */
    DIFFERENT,
    /** The stored policy or evidence is missing, changed, or no longer loads. */
    NOT_REPLAYABLE,
    /**
     * Every compared field is identical, but the record lists a masked field that decides or could hide
     * its verdict ({@code verdict}, {@code waived}, a rule's {@code status}, {@code blocking},
     * {@code enforcement}, {@code id} or {@code waiver}) and no mask was given to compare it: the decision is
     * not confirmed. Give the log's mask.
     */
    UNCONFIRMED
  }

  /** Whether the decision was reproduced (identical, possibly except the library version). */
  public boolean reproduced() {
    return outcome == Outcome.IDENTICAL || outcome == Outcome.IDENTICAL_EXCEPT_VERSION;
  }
}
