package dev.clinigate.spark;

import dev.clinigate.InputException;
import dev.clinigate.contracts.ColumnProfile;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Violation;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.spark.internal.ContractRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks a Spark {@code Dataset<Row>} against a {@link DataContract}: the same {@link ContractResult}
 * (violations, column profiles, drift) that {@link ContractChecker} gives for the same rows passed as
 * in-memory columns, so the same promotion policies read it; and profiles a reference data set into the
 * {@link DataProfile} that drift rules compare against ({@link #profile(Dataset, String)}).
 *
 * <pre>{@code
 * DataContract contract = DataContracts.load(Path.of("readmission-features.contract.yaml"));
 * ContractResult result = SparkContracts.builder(contract)
 *     .reference(DataProfile.read(Path.of("training.profile.json")))
 *     .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z"))
 *     .featuresUsed(List.of("age", "creatinine", "sex"))
 *     .build()
 *     .check(spark.table("gold.readmission_features"), "gold.readmission_features");
 * }</pre>
 *
 * <h2>How</h2>
 * Rows are numbered in the data set's order (row 1 is the first row of the first partition, as
 * {@code zipWithIndex} numbers them), then one Spark aggregation computes every column's profile and
 * every per-value rule (type, range, allowed, missing) at once: counts, minimum, maximum, an exact sum for
 * the mean (correctly rounded, so independent of the partitioning), distinct counts, the first five
 * offending row numbers and, for columns that may show values, the value at the first offending row.
 * {@code unique} and {@code primaryKey} need one shuffle each (rows are grouped by value to find the
 * repeats), {@code maxMissingBy} one aggregation per grouping column; drift rules one more pass that fills the reference's histograms per partition (as
 * {@link SparkDrift} does). Nothing but these aggregates reaches the driver.
 *
 * <h2>PHI</h2>
 * A {@code phi: true} column (like a column the contract does not declare) is read by the executors only:
 * the driver receives its counts and offending row numbers, never a value; no minimum, maximum, mean,
 * example or drift is computed for it.
 *
 * <h2>Columns</h2>
 * Declared {@code integer}/{@code number} features must be numeric Spark columns (null and NaN are
 * missing, as are the contract's missing tokens that are numbers); {@code boolean} features boolean or
 * numeric (0/1) columns; {@code category}/{@code string} features string columns (null and the missing
 * tokens are missing); {@code date} and {@code timestamp} features date and timestamp columns. Cast other
 * columns before checking; a mismatch is an {@link InputException}, like a text column given as numbers
 * to the single-machine checker.
 *
 * <h2>Not on Spark (yet)</h2>
 * {@code ks}/{@code wasserstein} drift of numeric features (the single-machine checker keeps the values
 * for them) is refused with an {@link IllegalArgumentException} when the contract uses it: a check never
 * passes a rule it did not evaluate.
 *
 * <p>An instance is immutable and thread-safe.
 */
public final class SparkContracts {
  private final DataContract contract;
  private final Optional<DataProfile> reference;
  private final Optional<Instant> evaluatedAt;
  private final Optional<List<String>> featuresUsed;
  private final long maxKeys;
  private final int maxDistinct;

  private SparkContracts(Builder b) {
    this.contract = b.contract;
    this.reference = b.reference;
    this.evaluatedAt = b.evaluatedAt;
    this.featuresUsed = b.featuresUsed;
    this.maxKeys = b.maxKeys;
    this.maxDistinct = b.maxDistinct;
  }

  /**
   * A builder of a checker for {@code contract}.
   *
   * @throws IllegalArgumentException when the contract uses a rule this module does not evaluate on
   *     Spark (see the class comment)
   */
  public static Builder builder(DataContract contract) {
    Objects.requireNonNull(contract, "contract");
    List<String> unsupported = new ArrayList<>();
    for (Feature f : contract.features()) {
      if (f.numeric() && f.drift().isPresent()
          && (f.drift().get().method() == DriftMethod.KS || f.drift().get().method() == DriftMethod.WASSERSTEIN)) {
        unsupported.add(f.name() + ": drift " + f.drift().get().method().id());
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("contract " + contract.name() + " uses rules that are not evaluated on Spark: "
          + String.join(", ", unsupported) + "; check with ContractChecker, or use psi or js_distance");
    }
    return new Builder(contract);
  }

  /** The contract this checker checks against. */
  public DataContract contract() {
    return contract;
  }

  /**
   * Checks {@code data} (running Spark jobs); {@code source} names the data in the result.
   *
   * @throws InputException when a declared column's Spark type cannot hold the declared type
   */
  public ContractResult check(Dataset<Row> data, String source) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(source, "source");
    ContractRun run = new ContractRun(contract, data, reference.map(DataProfile::references), maxKeys, maxDistinct);
    List<Violation> violations = new ArrayList<>();
    List<ColumnProfile> profiles = new ArrayList<>();
    long rows = run.execute(evaluatedAt, violations, profiles);
    featuresUsed.ifPresent(inputs -> violations.addAll(contract.checkInputs(inputs)));
    return new ContractResult(contract, source, evaluatedAt, rows, violations, profiles);
  }

  /**
   * Profiles a reference data set (e.g. the training snapshot) against the contract: the same
   * {@link DataProfile} as {@link DataProfile#of(java.nio.file.Path, DataContract)} gives for the same
   * rows, to store with the model and check later data against. Numeric references are exact: each
   * declared numeric feature's distinct values and their counts are aggregated by Spark and reach the
   * driver (16 bytes per distinct value; the reference keeps them all, as the single-machine profile
   * does); category counts are filled per partition. PHI columns get counts only.
   *
   * @throws InputException when a declared column's Spark type cannot hold the declared type
   */
  public DataProfile profile(Dataset<Row> data, String source) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(source, "source");
    ContractRun run = new ContractRun(contract, data, Optional.empty(), maxKeys, maxDistinct);
    List<ColumnProfile> profiles = new ArrayList<>();
    Map<String, DriftReference> references = new LinkedHashMap<>();
    long rows = run.profile(profiles, references);
    return new DataProfile(source, rows, Optional.of(contract.identity()), profiles, references);
  }

  /** Configures {@link SparkContracts}. */
  public static final class Builder {
    private final DataContract contract;
    private Optional<DataProfile> reference = Optional.empty();
    private Optional<Instant> evaluatedAt = Optional.empty();
    private Optional<List<String>> featuresUsed = Optional.empty();
    private long maxKeys = ContractChecker.DEFAULT_MAX_KEYS;
    private int maxDistinct = ContractChecker.DEFAULT_MAX_DISTINCT;

    private Builder(DataContract contract) {
      this.contract = contract;
    }

    /** The reference profile that {@code drift} rules compare against. */
    public Builder reference(DataProfile profile) {
      this.reference = Optional.of(Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /** The time {@code freshness} is measured against. */
    public Builder evaluatedAt(Instant at) {
      this.evaluatedAt = Optional.of(Objects.requireNonNull(at, "at"));
      return this;
    }

    /** The model's declared input features, checked by the leakage and PHI guard. */
    public Builder featuresUsed(List<String> inputs) {
      this.featuresUsed = Optional.of(List.copyOf(inputs));
      return this;
    }

    /**
     * Most distinct keys per {@code unique} or {@code primaryKey} rule before it is reported as not
     * evaluated (default as {@link ContractChecker}: 2,000,000; on Spark the keys stay on the executors).
     */
    public Builder maxKeys(long maxKeys) {
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1, found " + maxKeys);
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /** Most distinct values counted per column (default 10,000, as {@link ContractChecker}). */
    public Builder maxDistinct(int maxDistinct) {
      if (maxDistinct < 1) {
        throw new IllegalArgumentException("maxDistinct must be at least 1, found " + maxDistinct);
      }
      this.maxDistinct = maxDistinct;
      return this;
    }

    /** The checker. */
    public SparkContracts build() {
      return new SparkContracts(this);
    }
  }
}
