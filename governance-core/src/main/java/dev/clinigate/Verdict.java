package dev.clinigate;

/** The overall outcome of a decision. */
public enum Verdict {
  /** Promotion may proceed: no rule blocks. */
  GO,
  /** Promotion must not proceed: at least one rule blocks. */
  NO_GO;

  /** The process exit code the CLI uses for this verdict: 0 for GO, 1 otherwise. */
  public int exitCode() {
    return this == GO ? 0 : 1;
  }
}
