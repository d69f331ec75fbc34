package dev.clinigate;

/**
 * The outcome of a {@link RollbackPolicy} over a sequence of monitoring windows.
 *
 * <p>Precedence when several triggers fire: a due rollback ({@link #ROLLBACK}, or {@link #DISABLE} when there
 * is no deployable last-known-good) outranks {@link #REAPPROVE}, which outranks {@link #HOLD}.
 */
public enum RollbackVerdict {
  /** Keep the current model: no rollback or re-approval trigger fired (alerts may have). */
  HOLD,
  /**
   * Keep the current model deployed, but a new promotion decision is required: a {@code severity: reapprove}
   * trigger fired and no rollback is due.
   */
  REAPPROVE,
  /** Roll the current model back to the last-known-good version: at least one rollback trigger fired. */
  ROLLBACK,
  /**
   * Switch the model off and fall back to the non-AI workflow: a rollback is due but there is no deployable
   * last-known-good version (none is named, it is the version now deployed, or it also breaches).
   */
  DISABLE;

  /** The CLI exit code: 0 for HOLD, 1 for REAPPROVE, ROLLBACK and DISABLE (each demands action). */
  public int exitCode() {
    return this == HOLD ? 0 : 1;
  }

  /** Whether a rollback trigger fired (the verdict is ROLLBACK or DISABLE). */
  public boolean rollbackDue() {
    return this == ROLLBACK || this == DISABLE;
  }
}
