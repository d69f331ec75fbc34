package dev.clinigate.audit;

import dev.clinigate.audit.internal.JsonPaths;
import dev.clinigate.audit.internal.Masker;
import dev.clinigate.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an audit record must never contain, and how it is hidden: values of columns a data contract
 * marks {@code phi: true}, values at evidence paths the host lists, and whole values at decision paths
 * the host lists.
 *
 * <pre>{@code
 * PhiMask mask = PhiMask.builder()
 *     .phiColumns(List.of("mrn"))                  // from the data contract's phi: true columns
 *     .evidencePath("$.model.author")              // anything else the host deems sensitive
 *     .hmacKey(keyBytes)                           // >= 16 bytes, kept by the host, never logged
 *     .build();
 * }</pre>
 *
 * <p>How masking works (design note): by structure, never by bare substring.
 * <ol>
 *   <li>The <em>sensitive values</em> are collected from the evidence. For every PHI column {@code c}
 *       (matched case-insensitively: {@code MRN} masks {@code groups.mrn}), the subgroup values (the member
 *       names under any {@code groups.c} object) and the strings below any member named {@code c}. For
 *       every evidence path: a path to a group column ({@code $.groups.mrn}) or to a subgroup
 *       ({@code $.groups.mrn.*}, and anything below it) masks those subgroup values, not the metrics below
 *       them; any other path masks the strings at and below it. Numbers are never collected: a number is
 *       masked at its decision path ({@link Builder#decisionPath}).</li>
 *   <li>The decision, except the fields the library writes from the policy and hashes ({@code verdict},
 *       {@code policy.*}, {@code evidence.*}, {@code evaluatedAt}, {@code clinigate.*},
 *       {@code rules[*].id}, {@code rules[*].status}, {@code rules[*].enforcement}), is masked where it
 *       names a sensitive value: an object key or a whole string equal to one (subjects such as
 *       {@code mrn=MRN-4711} and observed values keyed by subgroup), inside text the mention
 *       {@code <column>=<value>} of a masked subgroup value (explanations), and any other sensitive string
 *       as a whole token (not inside a longer word or number: {@code F} does not mangle {@code FAIL}).</li>
 *   <li>In {@link Mode#HMAC_SHA256} mode every occurrence is replaced by
 *       {@code hmac-sha256:<hex>} (HMAC-SHA256 under the host's key of the value's UTF-8 bytes), so a
 *       message stays readable and a key holder can still tell whether two records name the same
 *       patient. In {@link Mode#REMOVE} mode the whole string is removed (a member is dropped, an array
 *       element becomes {@code null}).</li>
 *   <li>Decision paths the host lists are replaced as a whole (HMAC of the raw string, or of the
 *       canonical JSON of any other value) or removed.</li>
 *   <li>Finally the masked decision is searched again with the same rules; if a sensitive value survived
 *       outside the fields above, masking fails with an {@link IllegalStateException} and nothing is
 *       written.</li>
 * </ol>
 * The record lists every path it changed ({@code masked}), so an auditor knows which text is not original.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhiMask {
  /** The prefix of a masked value. */
  public static final String HMAC_PREFIX = "hmac-sha256:";
  /** The shortest HMAC key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private static final PhiMask NONE = new PhiMask(List.of(), List.of(), List.of(), Mode.REMOVE, new byte[0]);

  /** How masked values are hidden. */
  public enum Mode {
    /** Replaced by {@code hmac-sha256:<hex>} under the host's key. */
    HMAC_SHA256,
    /** Removed. */
    REMOVE
  }

  private final List<String> evidencePaths;
  private final List<String> decisionPaths;
  private final List<String> phiColumns;
  private final Mode mode;
  private final byte[] key;

  private PhiMask(List<String> evidencePaths, List<String> decisionPaths, List<String> phiColumns, Mode mode,
      byte[] key) {
    this.evidencePaths = List.copyOf(evidencePaths);
    this.decisionPaths = List.copyOf(decisionPaths);
    this.phiColumns = List.copyOf(phiColumns);
    this.mode = mode;
    this.key = key.clone();
  }

  /** A mask that masks nothing. */
  public static PhiMask none() {
    return NONE;
  }

  /** A builder; call {@link Builder#hmacKey} or {@link Builder#remove} before {@link Builder#build}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this mask masks nothing. */
  public boolean isEmpty() {
    return evidencePaths.isEmpty() && decisionPaths.isEmpty() && phiColumns.isEmpty();
  }

  /** Whether applying this mask needs the evidence (it lists evidence paths or PHI columns). */
  public boolean needsEvidence() {
    return !evidencePaths.isEmpty() || !phiColumns.isEmpty();
  }

  /** The evidence paths, as given. */
  public List<String> evidencePaths() {
    return evidencePaths;
  }

  /** The decision paths, as given. */
  public List<String> decisionPaths() {
    return decisionPaths;
  }

  /** The PHI column names, sorted. */
  public List<String> phiColumns() {
    return phiColumns;
  }

  /** How values are hidden. */
  public Mode mode() {
    return mode;
  }

  /**
   * Masks a decision.
   *
   * @param decision the decision JSON ({@code Decision.toJson()})
   * @param evidence the evidence document the decision was made on; required when
   *     {@link #needsEvidence()}
   * @return the masked decision and the decision-relative paths changed ({@code $.rules[4].message})
   * @throws IllegalArgumentException when the evidence is needed but absent
   * @throws IllegalStateException when a sensitive value would survive masking (nothing must be written)
   */
  public Result apply(JsonObject decision, Optional<JsonObject> evidence) {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(evidence, "evidence");
    if (isEmpty()) {
      return new Result(decision, List.of());
    }
    if (needsEvidence() && evidence.isEmpty()) {
      throw new IllegalArgumentException("this mask lists evidence paths or PHI columns, so it needs the evidence "
          + "the decision was made on; pass it to append(decision, evidence)");
    }
    Masker.Outcome o = Masker.mask(decision, evidence.orElse(JsonObject.empty()), evidencePaths, decisionPaths,
        phiColumns, mode == Mode.HMAC_SHA256 ? key : null);
    return new Result(o.decision(), o.maskedPaths());
  }

  /**
   * The HMAC-SHA256 masked form of a string under this mask's key ({@code hmac-sha256:<hex>}), so that a key
   * holder can look for a known value (for example one patient's MRN) in masked records.
   *
   * @throws IllegalStateException when the mask removes values instead of hashing them
   */
  public String maskedForm(String value) {
    if (mode != Mode.HMAC_SHA256) {
      throw new IllegalStateException("this mask removes values; there is no masked form");
    }
    return Masker.hmac(key, value);
  }

  @Override
  public String toString() {
    return "PhiMask[mode=" + mode + ", phiColumns=" + phiColumns + ", evidencePaths=" + evidencePaths
        + ", decisionPaths=" + decisionPaths + "]";
  }

  /**
   * A masked decision.
   *
   * @param decision the decision with sensitive values hidden
   * @param maskedPaths the decision-relative paths that were changed, in document order
   */
  public record Result(JsonObject decision, List<String> maskedPaths) {
    /** Validates and copies. */
    public Result {
      Objects.requireNonNull(decision, "decision");
      maskedPaths = List.copyOf(maskedPaths);
    }
  }

  /** Builds a {@link PhiMask}. */
  public static final class Builder {
    private final List<String> evidencePaths = new ArrayList<>();
    private final List<String> decisionPaths = new ArrayList<>();
    private final TreeSet<String> phiColumns = new TreeSet<>();
    private Mode mode;
    private byte[] key = new byte[0];

    private Builder() {}

    /**
     * Masks the values at and below an evidence path wherever the decision names them, e.g.
     * {@code $.model.author}, {@code $.contracts.*.samples[*]}, or {@code $.groups.mrn} (the subgroup
     * values of the column {@code mrn}: subjects, keys and the explanations that mention them).
     *
     * @throws IllegalArgumentException when the path is not valid
     */
    public Builder evidencePath(String path) {
      JsonPaths.parse(path);
      evidencePaths.add(path);
      return this;
    }

    /**
     * Replaces (or removes) the whole value at a decision path, e.g. {@code $.rules[*].subject}.
     *
     * @throws IllegalArgumentException when the path is not valid
     */
    public Builder decisionPath(String path) {
      JsonPaths.parse(path);
      decisionPaths.add(path);
      return this;
    }

    /**
     * Masks the values of a column a data contract marks {@code phi: true}; the name matches evidence
     * keys case-insensitively ({@code MRN} masks {@code groups.mrn} and {@code Mrn}).
     */
    public Builder phiColumn(String column) {
      if (Objects.requireNonNull(column, "column").isBlank()) {
        throw new IllegalArgumentException("a PHI column name must not be blank");
      }
      phiColumns.add(column);
      return this;
    }

    /** Masks the values of several PHI columns. */
    public Builder phiColumns(Collection<String> columns) {
      columns.forEach(this::phiColumn);
      return this;
    }

    /**
     * Hides values as {@code hmac-sha256:<hex>} under this key (copied; at least
     * {@value PhiMask#MIN_KEY_BYTES} bytes). Keep the key out of the log and its directory.
     */
    public Builder hmacKey(byte[] hmacKey) {
      if (hmacKey.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("an HMAC key needs at least " + MIN_KEY_BYTES + " bytes, found "
            + hmacKey.length);
      }
      this.key = hmacKey.clone();
      this.mode = Mode.HMAC_SHA256;
      return this;
    }

    /** Removes masked values instead of hashing them. */
    public Builder remove() {
      this.key = new byte[0];
      this.mode = Mode.REMOVE;
      return this;
    }

    /**
     * Builds the mask.
     *
     * @throws IllegalStateException when something is to be masked but neither a key nor
     *     {@link #remove()} was given
     */
    public PhiMask build() {
      boolean empty = evidencePaths.isEmpty() && decisionPaths.isEmpty() && phiColumns.isEmpty();
      if (empty) {
        return NONE;
      }
      if (mode == null) {
        throw new IllegalStateException("say how to mask: hmacKey(key) or remove()");
      }
      return new PhiMask(evidencePaths, decisionPaths, new ArrayList<>(phiColumns), mode, key);
    }
  }
}
