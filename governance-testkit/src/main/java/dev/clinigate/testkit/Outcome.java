package dev.clinigate.testkit;

/** The outcome of a test case or suite, in the terms test reporters use. */
public enum Outcome {
  /** Every expectation held. */
  PASSED,
  /** An expectation did not hold: the policy does not do what the suite says it should. */
  FAILED,
  /**
   * The test itself is wrong and cannot be run as written: it names a rule the policy does not have, a file
   * that does not exist, a patch path that is not in the evidence, or it is not a valid suite.
   */
  ERROR
}
