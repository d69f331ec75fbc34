package dev.clinigate;

/**
 * A compiled, immutable, thread-safe governance policy. Load one with {@code PolicyYaml.load(path)}
 * (module {@code policy-dsl}), or build it in Java.
 */
public sealed interface Policy permits PromotionPolicy, RollbackPolicy, ReviewPolicy {

  /** The policy kinds clinigate knows. */
  enum Kind {
    /** Promotion gates: GO / NO_GO. */
    PROMOTION_POLICY("PromotionPolicy"),
    /** Rollback triggers over monitoring windows: HOLD / REAPPROVE / ROLLBACK / DISABLE. */
    ROLLBACK_POLICY("RollbackPolicy"),
    /** Per-inference human-in-the-loop routing: AUTO / REVIEW / SECONDARY_REVIEW / BLOCK. */
    REVIEW_POLICY("ReviewPolicy");

    private final String yamlName;

    Kind(String yamlName) {
      this.yamlName = yamlName;
    }

    /** The {@code kind} as YAML spells it. */
    public String yamlName() {
      return yamlName;
    }
  }

  /** The kind of policy. */
  Kind kind();

  /** Name, version, owner. */
  PolicyMetadata metadata();

  /** Lower-case hex SHA-256 of the canonical policy document. */
  String sha256();

  /**
   * Where the policy's rules and keys were written, as the compiler ({@code PolicyYaml}) recorded them; empty for a
   * policy built in Java. Not part of the policy's identity: it does not enter {@link #sha256()}.
   */
  SourceMap sourceMap();
}
