package dev.clinigate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A policy's risk tier ({@code metadata.riskTier}) and the defaults it implies. A policy without a tier
 * gets the {@link #MEDIUM} defaults.
 *
 * <table>
 * <caption>Defaults per tier</caption>
 * <tr><th></th><th>low</th><th>medium</th><th>high</th></tr>
 * <tr><td>{@code approvals.separationOfDuties}</td><td>false</td><td>true</td><td>true (false is a load error)</td></tr>
 * <tr><td>{@code approvals.minApprovers} (floor)</td><td>1</td><td>1</td><td>2 (fewer is a load error)</td></tr>
 * <tr><td>{@code approvals.requireSignatures}</td><td>false</td><td>false</td><td>true</td></tr>
 * <tr><td>no {@code approvals} section</td><td>none required</td><td>none required</td><td>2 distinct signed
 *     approvers, separation of duties</td></tr>
 * <tr><td>{@code waivers.maxDuration}</td><td>90d</td><td>60d</td><td>30d</td></tr>
 * <tr><td>enforcement of {@code requires} and {@code transition} checks</td><td>mandatory</td><td>mandatory</td><td>hard</td></tr>
 * </table>
 *
 * <p>{@code minApprovers} defaults to the larger of the tier's floor and the number of roles.
 */
public enum RiskTier {
  /** Low risk: light-touch defaults. */
  LOW,
  /** Medium risk: the defaults of a policy that names no tier. */
  MEDIUM,
  /** High risk (e.g. a model that changes treatment): strict defaults. */
  HIGH;

  /** The YAML spelling: {@code low}, {@code medium}, {@code high}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The tier of a policy: its declared tier, or {@link #MEDIUM} when it declares none. */
  public static RiskTier of(PolicyMetadata metadata) {
    return parse(metadata.riskTier()).orElse(MEDIUM);
  }

  /** Parses {@code low}, {@code medium} or {@code high}; empty for anything else. */
  public static Optional<RiskTier> parse(Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return switch (text.get()) {
      case "low" -> Optional.of(LOW);
      case "medium" -> Optional.of(MEDIUM);
      case "high" -> Optional.of(HIGH);
      default -> Optional.empty();
    };
  }

  /** Whether approvals default to separation of duties. */
  public boolean separationOfDutiesByDefault() {
    return this != LOW;
  }

  /** Whether separation of duties may be switched off. */
  public boolean allowsSharedDuties() {
    return this != HIGH;
  }

  /** Whether approvals must be signed by a principal of the roster when the policy does not say. */
  public boolean requireSignaturesByDefault() {
    return this == HIGH;
  }

  /** The smallest {@code minApprovers} the tier accepts. */
  public int minApproversFloor() {
    return this == HIGH ? 2 : 1;
  }

  /** The longest waiver when the policy does not say. */
  public Duration defaultMaxWaiver() {
    return switch (this) {
      case LOW -> Duration.ofDays(90);
      case MEDIUM -> Duration.ofDays(60);
      case HIGH -> Duration.ofDays(30);
    };
  }

  /** The enforcement of requirement and stage checks when the policy does not say. */
  public Enforcement defaultRequirementEnforcement() {
    return this == HIGH ? Enforcement.HARD : Enforcement.MANDATORY;
  }
}
