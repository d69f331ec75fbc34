package dev.clinigate.contracts;

import dev.clinigate.SourceMap;
import dev.clinigate.contracts.internal.ContractValidator;
import dev.clinigate.contracts.internal.DurationText;
import dev.clinigate.contracts.internal.Leakage;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A data contract ({@code kind: DataContract}): what a table of features must look like, and how its
 * columns may be used by a model. Load one with {@link DataContracts#load(java.nio.file.Path)}; check
 * data against it with {@link ContractChecker}.
 *
 * <pre>{@code
 * DataContract contract = DataContracts.load(Path.of("readmission-features.contract.yaml"));
 * List<Violation> leaks = contract.checkInputs(List.of("age", "creatinine", "discharge_disposition"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The canonical constructor checks every cross-reference (unique
 * feature names, primary key and freshness columns declared, drift only on types that have a
 * reference, ...) and throws {@link IllegalArgumentException} listing every problem; contracts loaded
 * from YAML report the same problems as a {@link dev.clinigate.PolicyException} located at
 * {@code file:line:col}.
 *
 * @param name the contract's name (what a promotion policy's {@code requires.contracts} names)
 * @param version the contract's version, as written ({@code 2}, {@code 1.4.0})
 * @param owner the owning team, if given
 * @param rows bounds on the number of data rows, if any
 * @param freshness a bound on the age of the newest value of a date or timestamp column, if any
 * @param primaryKey columns whose combined values must be present and unique in every row (empty: none)
 * @param missingValues tokens that mean "missing" in every column ({@code [""]} unless the YAML says
 *     otherwise)
 * @param features the features, in declared order
 * @param sourceMap where the contract's features and keys were written ({@link SourceMap#empty()} for a contract
 *     built in Java); rule {@code feature:<name>} is a feature's entry. Not part of the contract's identity: it does
 *     not enter {@link #equals(Object)}, {@link #hashCode()} nor {@link #sha256()}
 */
public record DataContract(String name, String version, Optional<String> owner, Optional<Rows> rows,
    Optional<Freshness> freshness, List<String> primaryKey, List<String> missingValues, List<Feature> features,
    SourceMap sourceMap) {

  /** The {@code apiVersion} this library reads and writes. */
  public static final String API_VERSION = "clinigate/v1";
  /** The {@code kind} of a data contract document. */
  public static final String KIND = "DataContract";

  /** Validates the components, copies the lists and checks every cross-reference. */
  public DataContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("a contract needs a name and a version");
    }
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(freshness, "freshness");
    Objects.requireNonNull(sourceMap, "sourceMap");
    primaryKey = List.copyOf(primaryKey);
    missingValues = List.copyOf(missingValues);
    features = List.copyOf(features);
    List<ContractValidator.Finding> findings = ContractValidator.check(features, primaryKey, freshness);
    if (!findings.isEmpty()) {
      throw new IllegalArgumentException(findings.stream().map(f -> f.path() + ": " + f.message())
          .collect(Collectors.joining("; ")));
    }
  }

  /** A contract without a source map (built in Java). */
  public DataContract(String name, String version, Optional<String> owner, Optional<Rows> rows,
      Optional<Freshness> freshness, List<String> primaryKey, List<String> missingValues, List<Feature> features) {
    this(name, version, owner, rows, freshness, primaryKey, missingValues, features, SourceMap.empty());
  }

  /** Equal when every component but the source map is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DataContract c && name.equals(c.name) && version.equals(c.version) && owner.equals(c.owner)
        && rows.equals(c.rows) && freshness.equals(c.freshness) && primaryKey.equals(c.primaryKey)
        && missingValues.equals(c.missingValues) && features.equals(c.features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, owner, rows, freshness, primaryKey, missingValues, features);
  }

  /** A contract with the given features, no table rules, and the default missing token {@code ""}. */
  public static DataContract of(String name, String version, List<Feature> features) {
    return new DataContract(name, version, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        List.of(""), features);
  }

  /** The feature named {@code name}, if declared. */
  public Optional<Feature> feature(String name) {
    for (Feature f : features) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The names of the features, in declared order. */
  public List<String> featureNames() {
    return features.stream().map(Feature::name).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The leakage and PHI guard: checks a model's declared input features against this contract.
   * An input that is PHI, not allowed at inference, available only after the outcome, or not declared
   * at all is a violation ({@link Rule#PHI}, {@link Rule#ALLOWED_AT_INFERENCE},
   * {@link Rule#AVAILABLE_AT}, {@link Rule#UNDECLARED_INPUT}), in input order.
   *
   * @param featuresUsed the model's input feature names
   * @return the violations, empty when every input may be used
   */
  public List<Violation> checkInputs(Collection<String> featuresUsed) {
    return Leakage.check(this, List.copyOf(featuresUsed));
  }

  /** {@code {"name", "version", "sha256"}}: how results and evidence identify the contract. */
  public JsonObject identity() {
    return JsonObject.builder().put("name", name).put("version", versionJson()).put("sha256", sha256()).build();
  }

  /**
   * Lower-case hex SHA-256 of the canonical JSON of {@link #toJson()}: equal contracts have equal
   * hashes whatever their YAML layout, comments or key order.
   */
  public String sha256() {
    return Json.sha256(toJson());
  }

  /** The version as JSON: a number when it is written as a whole number, else a string. */
  JsonValue versionJson() {
    if (version.length() <= 15 && version.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return JsonNumber.of(Long.parseLong(version));
    }
    return new JsonString(version);
  }

  /**
   * The contract as a JSON document with every key explicit (defaults filled in), in the YAML's key
   * names and declared order.
   */
  public JsonObject toJson() {
    JsonObject.Builder meta = JsonObject.builder().put("name", name).put("version", versionJson());
    owner.ifPresent(o -> meta.put("owner", o));
    JsonObject.Builder spec = JsonObject.builder();
    rows.ifPresent(r -> {
      JsonObject.Builder b = JsonObject.builder();
      r.min().ifPresent(v -> b.put("min", v));
      r.max().ifPresent(v -> b.put("max", v));
      spec.put("rows", b.build());
    });
    freshness.ifPresent(f -> spec.put("freshness", JsonObject.builder().put("column", f.column())
        .put("maxAge", DurationText.format(f.maxAge())).build()));
    spec.put("primaryKey", JsonArray.ofStrings(primaryKey));
    spec.put("missingValues", JsonArray.ofStrings(missingValues));
    List<JsonValue> fs = new ArrayList<>();
    for (Feature f : features) {
      JsonObject.Builder b = JsonObject.builder().put("name", f.name()).put("type", f.type().yamlName())
          .put("required", f.required());
      b.put("maxMissing", f.maxMissing().isPresent() ? JsonValue.of(f.maxMissing().getAsDouble()) : JsonNull.INSTANCE);
      b.put("range", f.range().<JsonValue>map(r -> JsonArray.of(JsonValue.of(r.min()), JsonValue.of(r.max())))
          .orElse(JsonNull.INSTANCE));
      b.put("unit", JsonValue.of(f.unit().orElse(null)));
      b.put("allowed", JsonArray.ofStrings(f.allowed()));
      b.put("pattern", JsonValue.of(f.pattern().orElse(null)));
      b.put("unique", f.unique()).put("phi", f.phi()).put("allowedAtInference", f.allowedAtInference())
          .put("availableAt", f.availableAt().yamlName());
      b.put("drift", f.drift().<JsonValue>map(d -> JsonObject.builder().put("method", d.method().id())
          .put("max", d.max()).put("bins", d.binsOrDefault()).build()).orElse(JsonNull.INSTANCE));
      b.put("maxMissingBy", f.maxMissingBy().<JsonValue>map(m -> JsonObject.builder()
          .put("column", JsonArray.ofStrings(m.columns())).put("max", m.max()).build()).orElse(JsonNull.INSTANCE));
      b.put("missingValues", JsonArray.ofStrings(f.missingValues()));
      fs.add(b.build());
    }
    spec.put("features", new JsonArray(fs));
    return JsonObject.builder().put("apiVersion", API_VERSION).put("kind", KIND).put("metadata", meta.build())
        .put("spec", spec.build()).build();
  }

  /**
   * Bounds on the number of data rows.
   *
   * @param min the fewest rows allowed, if bounded
   * @param max the most rows allowed, if bounded
   */
  public record Rows(OptionalLong min, OptionalLong max) {
    /** Validates the bounds. */
    public Rows {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isPresent() && min.getAsLong() < 0 || max.isPresent() && max.getAsLong() < 0) {
        throw new IllegalArgumentException("row bounds must be >= 0, found " + min + ", " + max);
      }
      if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
        throw new IllegalArgumentException("rows min must not exceed max, found " + min.getAsLong() + " > "
            + max.getAsLong());
      }
    }
  }

  /**
   * A bound on how old the newest value of a date or timestamp column may be, relative to an
   * evaluation time that the caller supplies (never the wall clock).
   *
   * @param column the date or timestamp feature
   * @param maxAge the largest allowed age of its newest value (positive)
   */
  public record Freshness(String column, Duration maxAge) {
    /** Validates the components. */
    public Freshness {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("freshness maxAge must be positive, found " + maxAge);
      }
    }
  }
}
