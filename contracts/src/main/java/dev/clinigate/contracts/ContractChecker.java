package dev.clinigate.contracts;

import dev.clinigate.Limits;
import dev.clinigate.SourceFiles;
import dev.clinigate.contracts.internal.CheckRun;
import dev.clinigate.contracts.internal.CheckSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Checks data against a {@link DataContract} in one streaming pass.
 *
 * <pre>{@code
 * DataContract contract = DataContracts.load(Path.of("readmission-features.contract.yaml"));
 * ContractChecker checker = ContractChecker.builder(contract)
 *     .reference(DataProfile.read(Path.of("training.profile.json")))  // for drift rules
 *     .evaluatedAt(Instant.parse("2026-11-23T00:00:00Z"))              // for freshness
 *     .featuresUsed(List.of("age", "creatinine", "sex"))               // leakage and PHI guard
 *     .build();
 * ContractResult result = checker.check(Path.of("nightly.csv"));
 * System.out.print(result.toText());
 * }</pre>
 *
 * <p>Memory does not grow with the data: per column a few counters, distinct values up to
 * {@link Builder#maxDistinct(int)}, and for {@code unique}/{@code primaryKey} rules a set of 16-byte key
 * hashes up to {@link Builder#maxKeys(long)} keys (about 16 to 43 bytes per key with the table's
 * slack), and for {@code ks}/{@code wasserstein} drift rules the column's values up to
 * {@link Builder#maxDriftValues(int)} (8 bytes each). A rule whose structure reaches its bound is
 * reported as not evaluated, which fails the check.
 *
 * <p>A checker is immutable and thread-safe: each {@code check} call has its own state (and, with
 * {@link Builder#threads(int)} above 1, its own worker threads, stopped when the call returns).
 */
public final class ContractChecker {
  /** Default {@link Builder#maxKeys(long)}: 2,000,000 keys (at most 64 MiB per unique or primaryKey rule). */
  public static final long DEFAULT_MAX_KEYS = 2_000_000;
  /** Default {@link Builder#maxDistinct(int)}: 10,000 distinct values, categories or groups per column. */
  public static final int DEFAULT_MAX_DISTINCT = 10_000;
  /** Default {@link Builder#maxDriftValues(int)}: 5,000,000 values (40 MB) per ks or wasserstein feature. */
  public static final int DEFAULT_MAX_DRIFT_VALUES = 5_000_000;

  private final DataContract contract;
  private final Optional<DataProfile> reference;
  private final Optional<Instant> evaluatedAt;
  private final Optional<List<String>> featuresUsed;
  private final long maxKeys;
  private final int maxDistinct;
  private final int maxDriftValues;
  private final LongConsumer progress;
  private final int threads;
  private final long maxPatternSteps;

  private ContractChecker(Builder b) {
    this.contract = b.contract;
    this.reference = b.reference;
    this.evaluatedAt = b.evaluatedAt;
    this.featuresUsed = b.featuresUsed;
    this.maxKeys = b.maxKeys;
    this.maxDistinct = b.maxDistinct;
    this.maxDriftValues = b.maxDriftValues;
    this.progress = b.progress;
    this.maxPatternSteps = b.maxPatternSteps;
    this.threads = b.threads;
  }

  /** A builder for a checker of {@code contract}. */
  public static Builder builder(DataContract contract) {
    return new Builder(contract);
  }

  /** The contract this checker checks against. */
  public DataContract contract() {
    return contract;
  }

  /**
   * Checks a UTF-8 CSV file with a header row; its path, as given, names it in messages and the result.
   *
   * @throws dev.clinigate.InputException if the file cannot be read or is not well-formed CSV
   */
  public ContractResult check(Path csv) {
    return check(csv, SourceFiles.besideFile(csv));
  }

  /**
   * Checks a UTF-8 CSV file read through {@code files} (its root, {@link dev.clinigate.Limits#maxCsvBytes()} and
   * {@link dev.clinigate.Limits#maxColumns()}).
   *
   * @throws dev.clinigate.InputException if the file may not or cannot be read or is not well-formed CSV
   */
  public ContractResult check(Path csv, SourceFiles files) {
    try (CsvReader reader = CsvReader.open(csv, csv.toString(), files)) {
      long size = 0;
      try {
        size = Files.size(csv);
      } catch (IOException e) {
        size = 0; // only a sizing hint: the reader reports real I/O problems
      }
      return check(reader, size);
    }
  }

  /**
   * Checks the remaining rows of an open CSV reader (the caller closes it).
   *
   * @throws dev.clinigate.InputException if the rest of the file is not well-formed CSV
   */
  public ContractResult check(CsvReader csv) {
    return check(csv, 0);
  }

  private ContractResult check(CsvReader csv, long sizeHint) {
    try (CheckRun run = new CheckRun(contract, settings(), csv.header(), null, threads)) {
      run.expectInputChars(sizeHint);
      var parser = csv.parser();
      while (parser.next()) {
        run.row(parser);
      }
      return run.finish(csv.source());
    }
  }

  /**
   * Checks a host's in-memory columns.
   *
   * @param source a label for the data in the result (e.g. {@code "nightly-batch-2026-11-23"})
   * @throws dev.clinigate.InputException if a column declared as text is given as numbers
   */
  public ContractResult check(Columns columns, String source) {
    Objects.requireNonNull(source, "source");
    boolean[] numeric = new boolean[columns.names().size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = columns.numeric(i);
    }
    CheckRun run = new CheckRun(contract, settings(), columns.names(), numeric);
    run.rows(columns);
    return run.finish(source);
  }

  private CheckSettings settings() {
    return new CheckSettings(evaluatedAt, featuresUsed, maxKeys, maxDistinct, maxDriftValues,
        reference.map(DataProfile::driftFactory).orElse((f, n) -> null), progress, maxPatternSteps);
  }

  /** Configures a {@link ContractChecker}. */
  public static final class Builder {
    private final DataContract contract;
    private Optional<DataProfile> reference = Optional.empty();
    private Optional<Instant> evaluatedAt = Optional.empty();
    private Optional<List<String>> featuresUsed = Optional.empty();
    private long maxKeys = DEFAULT_MAX_KEYS;
    private int maxDistinct = DEFAULT_MAX_DISTINCT;
    private int maxDriftValues = DEFAULT_MAX_DRIFT_VALUES;
    private LongConsumer progress = rows -> { };
    private int threads = 1;
    private long maxPatternSteps = Limits.defaults().maxPatternSteps();

    private Builder(DataContract contract) {
      this.contract = Objects.requireNonNull(contract, "contract");
    }

    /**
     * The reference that {@code drift} rules compare against: a saved profile, or one made from a
     * reference CSV with {@link DataProfile#of(Path, DataContract)}. Without it, every drift rule is
     * reported as not evaluated.
     */
    public Builder reference(DataProfile profile) {
      this.reference = Optional.of(Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /**
     * The time {@code freshness} is measured against (the library never reads the clock). Without it,
     * a freshness rule is reported as not evaluated.
     */
    public Builder evaluatedAt(Instant at) {
      this.evaluatedAt = Optional.of(Objects.requireNonNull(at, "at"));
      return this;
    }

    /** The model's declared input features, checked by the leakage and PHI guard. */
    public Builder featuresUsed(List<String> inputs) {
      this.featuresUsed = Optional.of(List.copyOf(inputs));
      return this;
    }

    /** Most keys remembered per {@code unique} or {@code primaryKey} rule (default 2,000,000). */
    public Builder maxKeys(long maxKeys) {
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1, found " + maxKeys);
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /** Most distinct values, categories or groups counted per column (default 10,000). */
    public Builder maxDistinct(int maxDistinct) {
      if (maxDistinct < 1) {
        throw new IllegalArgumentException("maxDistinct must be at least 1, found " + maxDistinct);
      }
      this.maxDistinct = maxDistinct;
      return this;
    }

    /** Most values kept per {@code ks} or {@code wasserstein} drift feature (default 5,000,000). */
    public Builder maxDriftValues(int maxDriftValues) {
      if (maxDriftValues < 1) {
        throw new IllegalArgumentException("maxDriftValues must be at least 1, found " + maxDriftValues);
      }
      this.maxDriftValues = maxDriftValues;
      return this;
    }

    /**
     * The work one {@code pattern} may spend on a whole file ({@link Limits#maxPatternSteps()}, default
     * 50,000,000 characters examined by the regular-expression engine): once spent, the remaining values of that
     * column count as not matching (fail closed) and the violation says so.
     */
    public Builder limits(Limits limits) {
      this.maxPatternSteps = limits.maxPatternSteps();
      return this;
    }

    /** Called with the number of rows read so far, every 65,536 rows (e.g. to show progress). */
    public Builder progress(LongConsumer progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Threads that check columns while the calling thread parses a CSV file (default 1: everything on
     * the calling thread). The result is identical for any number; more threads shorten the wall time
     * of wide files on idle cores (in-memory {@link Columns} are always checked on the calling thread).
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be within [1, 64], found " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The checker. */
    public ContractChecker build() {
      return new ContractChecker(this);
    }
  }
}
