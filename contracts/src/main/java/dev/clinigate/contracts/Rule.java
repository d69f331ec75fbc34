package dev.clinigate.contracts;

import java.util.Optional;

/** The kinds of contract rule a {@link Violation} can break; {@link #id()} is the name used in JSON. */
public enum Rule {
  /** A {@code required} column is absent from the data. */
  REQUIRED("required"),
  /** A value is not of the feature's declared {@code type}. */
  TYPE("type"),
  /** A numeric value lies outside the feature's inclusive {@code range}. */
  RANGE("range"),
  /** A value is not one of the feature's {@code allowed} values. */
  ALLOWED("allowed"),
  /** A value does not match the feature's {@code pattern}. */
  PATTERN("pattern"),
  /** A value of a {@code unique} feature occurs more than once. */
  UNIQUE("unique"),
  /** The missing rate exceeds {@code maxMissing} (or a non-nullable feature has a missing value). */
  MAX_MISSING("maxMissing"),
  /** The missing rate within a subgroup exceeds {@code maxMissingBy.max}. */
  MAX_MISSING_BY("maxMissingBy"),
  /** The row count is outside {@code rows {min, max}}. */
  ROWS("rows"),
  /** The newest value of the {@code freshness} column is too old, or freshness could not be evaluated. */
  FRESHNESS("freshness"),
  /** The {@code primaryKey} is missing in a row or not unique. */
  PRIMARY_KEY("primaryKey"),
  /** Drift against the reference exceeds the bound, or could not be evaluated. */
  DRIFT("drift"),
  /** A model input is only available after the outcome (leakage). */
  AVAILABLE_AT("availableAt"),
  /** A model input is marked {@code allowedAtInference: false}. */
  ALLOWED_AT_INFERENCE("allowedAtInference"),
  /** A model input is a {@code phi: true} column. */
  PHI("phi"),
  /** A model input is not declared in the contract. */
  UNDECLARED_INPUT("undeclaredInput");

  private final String id;

  Rule(String id) {
    this.id = id;
  }

  /** The rule's name in JSON and text output, e.g. {@code maxMissing}. */
  public String id() {
    return id;
  }

  /** The rule whose {@link #id()} is {@code id}. */
  public static Optional<Rule> fromId(String id) {
    for (Rule r : values()) {
      if (r.id.equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
