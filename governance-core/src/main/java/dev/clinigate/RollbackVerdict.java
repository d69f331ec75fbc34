package dev.clinigate;

/** The outcome of a {@link RollbackPolicy} over a sequence of monitoring windows. */
public enum RollbackVerdict {
  /** Keep the current model: no rollback trigger fired (alerts may have). */
  HOLD,
  /** Roll the current model back: at least one rollback trigger fired. */
  ROLLBACK;

  /** The CLI exit code: 0 for HOLD, 1 for ROLLBACK. */
  public int exitCode() {
    return this == HOLD ? 0 : 1;
  }
}
