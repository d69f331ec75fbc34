package dev.clinigate.contracts;

import dev.clinigate.InputException;
import dev.clinigate.contracts.internal.CheckRun;
import dev.clinigate.contracts.internal.CheckSettings;
import dev.clinigate.contracts.internal.CsvParser;
import dev.clinigate.contracts.internal.DriftChecks;
import dev.clinigate.contracts.internal.ProfileJson;
import dev.clinigate.contracts.internal.ReferenceCollector;
import dev.clinigate.contracts.internal.TypeInference;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.DriftReference;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile of a reference data set (e.g. a model's training snapshot): per-column statistics and,
 * per column, the drift reference of the metrics module. Stored with the model as JSON, it is what
 * a later check measures drift against, without the reference data.
 *
 * <pre>{@code
 * DataContract contract = DataContracts.load(Path.of("readmission-features.contract.yaml"));
 * DataProfile training = DataProfile.of(Path.of("training.csv"), contract);
 * Files.writeString(Path.of("training.profile.json"), Json.prettyInOrder(training.toJson()) + "\n");
 * ...
 * ContractChecker checker = ContractChecker.builder(contract)
 *     .reference(DataProfile.read(Path.of("training.profile.json")))
 *     .build();
 * }</pre>
 *
 * <p>With a contract, references are built for every declared numeric, category and boolean feature
 * that is not {@code phi: true} (with its drift rule's bins, else 10); PHI columns and columns the
 * contract does not declare get counts only, never values. Without a contract every column's type is
 * inferred (integer, number, category, or string when it has too many distinct values) and every
 * column is profiled with its values: give a contract whenever the data may hold PHI.
 *
 * <p>Memory: profiling streams the file, but a numeric reference needs its whole column (8 bytes per
 * row) until the metrics module has reduced it to sorted distinct values with counts. Immutable and
 * thread-safe.
 */
public final class DataProfile {
  /** The {@code kind} of a profile document. */
  public static final String KIND = "DataProfile";
  /** Largest profile file accepted by default (16 MiB, {@link dev.clinigate.Limits#maxEvidenceBytes()}). */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private final String source;
  private final long rows;
  private final Optional<JsonObject> contract;
  private final List<ColumnProfile> columns;
  private final Map<String, DriftReference> references;

  /**
   * A profile from its parts.
   *
   * @param source the name of the profiled data
   * @param rows the number of data rows
   * @param contract the identity ({@code name}, {@code version}, {@code sha256}) of the contract used,
   *     if any
   * @param columns the column profiles, in the data's column order
   * @param references the drift reference of each column that has one, by column name
   */
  public DataProfile(String source, long rows, Optional<JsonObject> contract, List<ColumnProfile> columns,
      Map<String, DriftReference> references) {
    this.source = Objects.requireNonNull(source, "source");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, found " + rows);
    }
    this.rows = rows;
    this.contract = Objects.requireNonNull(contract, "contract");
    this.columns = List.copyOf(columns);
    LinkedHashMap<String, DriftReference> refs = new LinkedHashMap<>();
    for (ColumnProfile c : this.columns) {
      DriftReference r = references.get(c.name());
      if (r != null) {
        if (!c.declared() || c.phi()) {
          throw new IllegalArgumentException("column " + c.name() + " may not have a reference: it is "
              + (c.phi() ? "phi" : "not declared"));
        }
        refs.put(c.name(), r);
      }
    }
    for (String name : references.keySet()) {
      if (!refs.containsKey(name)) {
        throw new IllegalArgumentException("reference for \"" + name + "\", which is not a profiled column");
      }
    }
    this.references = Collections.unmodifiableMap(refs);
  }

  /**
   * Profiles a CSV file without a contract, inferring each column's type (two passes over the file).
   *
   * @throws InputException if the file cannot be read or is not well-formed CSV
   */
  public static DataProfile of(Path csv) {
    return of(csv, SourceFiles.besideFile(csv));
  }

  /**
   * Profiles a CSV file without a contract, read through {@code files} (its root and limits).
   *
   * @throws InputException if the file may not or cannot be read or is not well-formed CSV
   */
  public static DataProfile of(Path csv, SourceFiles files) {
    DataContract inferred;
    try (CsvReader reader = CsvReader.open(csv, csv.toString(), files)) {
      inferred = TypeInference.infer(reader.parser(), ContractChecker.DEFAULT_MAX_DISTINCT);
    }
    try (CsvReader reader = CsvReader.open(csv, csv.toString(), files)) {
      return profile(reader, inferred, false, files.limits());
    }
  }

  /**
   * Profiles a CSV file against a contract (one pass).
   *
   * @throws InputException if the file cannot be read or is not well-formed CSV
   */
  public static DataProfile of(Path csv, DataContract contract) {
    return of(csv, contract, SourceFiles.besideFile(csv));
  }

  /**
   * Profiles a CSV file against a contract (one pass), read through {@code files} (its root and limits).
   *
   * @throws InputException if the file may not or cannot be read or is not well-formed CSV
   */
  public static DataProfile of(Path csv, DataContract contract, SourceFiles files) {
    try (CsvReader reader = CsvReader.open(csv, csv.toString(), files)) {
      return profile(reader, contract, true, files.limits());
    }
  }

  /**
   * Profiles the remaining rows of an open CSV reader against a contract (the caller closes it).
   *
   * @throws InputException if the rest of the file is not well-formed CSV
   */
  public static DataProfile of(CsvReader csv, DataContract contract) {
    return profile(csv, contract, true, dev.clinigate.Limits.defaults());
  }

  private static DataProfile profile(CsvReader csv, DataContract contract, boolean recordContract,
      dev.clinigate.Limits limits) {
    ReferenceCollector collector = new ReferenceCollector(csv.source(), limits.maxReferenceValues());
    CheckSettings settings = new CheckSettings(Optional.empty(), Optional.empty(), 1,
        ContractChecker.DEFAULT_MAX_DISTINCT, 1, collector.factory(), r -> { }, limits.maxPatternSteps());
    CheckRun run = new CheckRun(contract, settings, csv.header(), null);
    CsvParser p = csv.parser();
    while (p.next()) {
      run.row(p);
    }
    ContractResult r = run.finish(csv.source());
    List<ColumnProfile> columns = r.columns().stream().map(c -> new ColumnProfile(c.name(), c.type(), c.phi(),
        c.rows(), c.missing(), c.invalid(), c.min(), c.max(), c.mean(), c.distinct(), c.distinctExact(),
        Optional.empty())).collect(java.util.stream.Collectors.toList());
    return new DataProfile(csv.source(), r.rows(), recordContract ? Optional.of(contract.identity())
        : Optional.empty(), columns, collector.references());
  }

  /**
   * Reads a profile written by {@link #toJson()}.
   *
   * @throws InputException naming {@code file:line:col} of every problem
   */
  public static DataProfile read(Path json) {
    return read(json, SourceFiles.besideFile(json));
  }

  /**
   * Reads a profile written by {@link #toJson()} through {@code files}: at most
   * {@link dev.clinigate.Limits#maxEvidenceBytes()} bytes, parsed within its limits.
   *
   * @throws InputException naming {@code file:line:col} of every problem
   */
  public static DataProfile read(Path json, SourceFiles files) {
    String name = json.toString();
    return fromJson(Json.parse(files.readText(json, files.limits().maxEvidenceBytes(), "maxEvidenceBytes"), name,
        files.limits()));
  }

  /**
   * Reads a profile from parsed JSON.
   *
   * @throws InputException naming {@code file:line:col} of every problem
   */
  public static DataProfile fromJson(JsonDocument doc) {
    return ProfileJson.read(doc);
  }

  /** The name of the profiled data. */
  public String source() {
    return source;
  }

  /** The number of data rows. */
  public long rows() {
    return rows;
  }

  /** The identity of the contract the profile was made with, if any. */
  public Optional<JsonObject> contract() {
    return contract;
  }

  /** The column profiles, in the data's column order. */
  public List<ColumnProfile> columns() {
    return columns;
  }

  /** The drift references by column name, in column order. */
  public Map<String, DriftReference> references() {
    return references;
  }

  /** The drift reference of a column, if it has one. */
  public Optional<DriftReference> reference(String column) {
    return Optional.ofNullable(references.get(column));
  }

  /**
   * {@code {"apiVersion", "kind": "DataProfile", "source", "rows", "contract", "columns": {"<name>":
   * {profile..., "reference": {...} | null}}}}, in the data's column order.
   */
  public JsonObject toJson() {
    JsonObject.Builder cols = JsonObject.builder();
    for (ColumnProfile c : columns) {
      JsonObject.Builder b = JsonObject.builder();
      c.toJson().members().forEach(b::put);
      DriftReference r = references.get(c.name());
      b.put("reference", r == null ? JsonNull.INSTANCE : r.toJson());
      cols.put(c.name(), b.build());
    }
    return JsonObject.builder()
        .put("apiVersion", DataContract.API_VERSION)
        .put("kind", KIND)
        .put("source", source)
        .put("rows", rows)
        .put("contract", contract.<JsonValue>map(o -> o).orElse(JsonNull.INSTANCE))
        .put("columns", cols.build())
        .build();
  }

  CheckSettings.DriftFactory driftFactory() {
    return DriftChecks.against(references);
  }
}
