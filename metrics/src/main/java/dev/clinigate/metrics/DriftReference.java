package dev.clinigate.metrics;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.internal.drift.CellStats;
import dev.clinigate.metrics.internal.drift.ChiSquare;
import dev.clinigate.metrics.internal.drift.DriftInputs;
import dev.clinigate.metrics.internal.drift.DriftKernel;
import dev.clinigate.metrics.internal.drift.Grid;
import dev.clinigate.metrics.internal.drift.KsTwoSample;
import dev.clinigate.metrics.internal.drift.Quantiles;
import dev.clinigate.metrics.internal.drift.SortedValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A saved reference profile of one feature: everything needed to measure drift against the reference
 * sample (e.g. the training snapshot) without keeping that sample. Build it once, store it with
 * {@link #toJson()}, reload it with {@link #fromJson(JsonValue)}, and compare any number of current
 * samples, whole ({@code compare(double[])}) or streamed ({@link DriftHistogram},
 * {@link DriftCategoryCounts}). Immutable and thread-safe.
 *
 * <pre>{@code
 * DriftReference.Numeric ref = DriftReference.numeric(trainingGlucose, 10);
 * String saved = Json.prettyInOrder(ref.toJson());            // store with the model
 * DriftReference.Numeric again = (DriftReference.Numeric) DriftReference.fromJson(
 *     Json.parse(saved, "glucose.reference.json"));
 * NumericDrift d = again.compare(lastWeekGlucose);            // identical to ref.compare(...)
 * }</pre>
 *
 * <p>A numeric reference is <em>exact</em> by default: it keeps the sorted distinct reference values
 * with their counts (ties are stored once), so KS, its p-value and Wasserstein are exact. For very
 * large references, {@link Numeric#bounded()} keeps only a fine grid of {@code bins * cellsPerBin}
 * reference quantile cells with per-cell counts and extremes (size independent of n): PSI and
 * Jensen-Shannon stay exact, KS and Wasserstein become guaranteed {@link DriftBounds}.
 */
public sealed interface DriftReference permits DriftReference.Numeric, DriftReference.Categorical {

  /** Default fine cells per PSI bin for streaming histograms and bounded references. */
  int DEFAULT_CELLS_PER_BIN = 100;

  /** Numeric or categorical. */
  FeatureDrift.Type type();

  /** The reference sample's rows and missing values. */
  DriftSample sample();

  /** The profile as JSON, readable by {@link #fromJson(JsonValue)}. */
  JsonObject toJson();

  /** An exact numeric reference with {@value Drift#DEFAULT_BINS} PSI bins. */
  static Numeric numeric(double[] reference) {
    return Numeric.build(reference, Drift.DEFAULT_BINS, DEFAULT_CELLS_PER_BIN, null);
  }

  /**
   * An exact numeric reference.
   *
   * @param reference the reference values, NaN for a missing value (not modified, not kept)
   * @param bins PSI bins, within [2, 10000]
   * @throws dev.clinigate.InputException when the sample is empty or holds an infinite value
   */
  static Numeric numeric(double[] reference, int bins) {
    return Numeric.build(reference, bins, DEFAULT_CELLS_PER_BIN, null);
  }

  /**
   * An exact numeric reference with a chosen resolution for streaming ({@link DriftHistogram}) and
   * for {@link Numeric#bounded()}: finer cells give tighter KS/Wasserstein bounds and larger states.
   *
   * @param reference the reference values, NaN for a missing value (not modified, not kept)
   * @param bins PSI bins, within [2, 10000]
   * @param cellsPerBin fine cells per PSI bin, within [1, 10000], with bins * cellsPerBin at most
   *     1,000,000
   */
  static Numeric numeric(double[] reference, int bins, int cellsPerBin) {
    return Numeric.build(reference, bins, cellsPerBin, null);
  }

  /**
   * An exact numeric reference from its distinct values and their counts, e.g. aggregated by a
   * distributed engine without collecting the column: equal to {@link #numeric(double[], int, int)} on
   * the array holding each value {@code counts[i]} times and {@code missing} NaNs.
   *
   * @param distinctValues the distinct non-missing values, strictly ascending, finite (not kept)
   * @param counts how often each value occurs, each at least 1
   * @param missing the number of missing values
   * @param bins PSI bins, within [2, 10000]
   * @param cellsPerBin fine cells per PSI bin, within [1, 10000], with bins * cellsPerBin at most
   *     1,000,000
   * @throws IllegalArgumentException when the values are not strictly ascending and finite, a count is
   *     below 1, the arrays differ in length, or there are no values at all
   */
  static Numeric numeric(double[] distinctValues, long[] counts, long missing, int bins, int cellsPerBin) {
    return Numeric.fromCounts(distinctValues, counts, missing, bins, cellsPerBin);
  }

  /** A categorical reference; {@code null} marks a missing value. */
  static Categorical categorical(String[] reference) {
    DriftInputs.categorical(reference, "reference", null);
    DriftCategoryCounts c = DriftCategoryCounts.create();
    c.acceptAll(reference);
    return Categorical.of(c);
  }

  /** A categorical reference from streamed counts. */
  static Categorical categorical(DriftCategoryCounts reference) {
    return Categorical.of(reference.copy());
  }

  /** Reads a profile written by {@link #toJson()}; problems are reported against "reference profile". */
  static DriftReference fromJson(JsonValue json) {
    return fromJson(JsonDocument.of(json, "reference profile"));
  }

  /**
   * Reads a profile written by {@link #toJson()}, e.g. from {@code Json.parse(text, "ref.json")}.
   *
   * @throws dev.clinigate.InputException listing every problem at its {@code file:line:col}
   */
  static DriftReference fromJson(JsonDocument document) {
    return ReferenceJson.read(document);
  }

  /**
   * The profile of a numeric feature: PSI edges and reference bin counts, plus either the sorted
   * distinct reference values (exact) or a fine quantile grid with per-cell counts and extremes
   * (bounded). Immutable and thread-safe.
   */
  final class Numeric implements DriftReference {
    final int requestedBins;
    final int cellsPerBin;
    final DriftSample sample;
    final double[] edges;
    final long[] binCounts;
    /** The exact sample, or null for a bounded reference. */
    final SortedValues values;
    volatile CellStats cells;

    Numeric(int requestedBins, int cellsPerBin, DriftSample sample, double[] edges, long[] binCounts,
        SortedValues values, CellStats cells) {
      this.requestedBins = requestedBins;
      this.cellsPerBin = cellsPerBin;
      this.sample = sample;
      this.edges = edges;
      this.binCounts = binCounts;
      this.values = values;
      this.cells = cells;
    }

    static Numeric build(double[] reference, int bins, int cellsPerBin, String feature) {
      checkResolution(bins, cellsPerBin);
      DriftInputs.Numeric in = DriftInputs.numeric(reference, "reference", feature, false);
      SortedValues sv = SortedValues.ofSorted(in.sorted(), in.length());
      double[] edges = Quantiles.edges(sv, bins);
      return new Numeric(bins, cellsPerBin, new DriftSample(in.rows(), in.missing()), edges,
          DriftKernel.binCounts(sv, edges), sv, null);
    }

    static Numeric fromCounts(double[] distinct, long[] counts, long missing, int bins, int cellsPerBin) {
      checkResolution(bins, cellsPerBin);
      if (distinct.length != counts.length) {
        throw new IllegalArgumentException("distinct values and counts differ in length: " + distinct.length
            + " and " + counts.length);
      }
      if (missing < 0) {
        throw new IllegalArgumentException("missing must be >= 0, found " + missing);
      }
      long n = 0;
      for (int i = 0; i < distinct.length; i++) {
        if (!Double.isFinite(distinct[i]) || i > 0 && !(distinct[i] > distinct[i - 1])) {
          throw new IllegalArgumentException("distinct values must be finite and strictly ascending (index " + i
              + ")");
        }
        if (counts[i] < 1) {
          throw new IllegalArgumentException("counts must be at least 1, found " + counts[i] + " at index " + i);
        }
        n += counts[i];
      }
      if (n + missing == 0) {
        throw new IllegalArgumentException("a reference needs at least one value or missing value");
      }
      // without ties the values alone are kept, as for an array (so the JSON is the same too)
      SortedValues sv = SortedValues.ofDistinct(distinct, n == distinct.length ? null : counts);
      double[] edges = Quantiles.edges(sv, bins);
      return new Numeric(bins, cellsPerBin, new DriftSample(n + missing, missing), edges,
          DriftKernel.binCounts(sv, edges), sv, null);
    }

    static void checkResolution(int bins, int cellsPerBin) {
      if (bins < 2 || bins > 10_000) {
        throw new IllegalArgumentException("bins must be within [2, 10000], found " + bins);
      }
      if (cellsPerBin < 1 || cellsPerBin > 10_000 || (long) bins * cellsPerBin > 1_000_000) {
        throw new IllegalArgumentException("cellsPerBin must be within [1, 10000] with bins * cellsPerBin <= "
            + "1000000, found cellsPerBin=" + cellsPerBin + " for bins=" + bins);
      }
    }

    @Override
    public FeatureDrift.Type type() {
      return FeatureDrift.Type.NUMERIC;
    }

    @Override
    public DriftSample sample() {
      return sample;
    }

    /** PSI bins requested (before duplicate edges were dropped). */
    public int requestedBins() {
      return requestedBins;
    }

    /** PSI bins in use: the number of distinct edges + 1. */
    public int bins() {
      return edges.length + 1;
    }

    /** Fine cells per PSI bin of {@link DriftHistogram}s and of the bounded form. */
    public int cellsPerBin() {
      return cellsPerBin;
    }

    /** The distinct PSI bin edges, ascending (a value equal to an edge belongs to the upper bin). */
    public double[] edges() {
      return edges.clone();
    }

    /** Reference values per PSI bin. */
    public long[] binCounts() {
      return binCounts.clone();
    }

    /** Whether the sorted reference values are kept, making KS and Wasserstein exact. */
    public boolean isExact() {
      return values != null;
    }

    /**
     * This reference without its values: a grid of about {@code bins * cellsPerBin} reference
     * quantile cells with per-cell counts, minima and maxima. PSI and Jensen-Shannon stay exact;
     * KS and Wasserstein are reported as {@link DriftBounds} (exact when no cell holds two distinct
     * values of a sample), and there is no KS p-value.
     */
    public Numeric bounded() {
      if (values == null) {
        return this;
      }
      return new Numeric(requestedBins, cellsPerBin, sample, edges, binCounts, null, cells());
    }

    /** An empty histogram on this reference's fine grid, for streaming a current sample. */
    public DriftHistogram newHistogram() {
      return new DriftHistogram(cells().grid());
    }

    /**
     * The drift of a whole current sample against this reference. The array is not modified; an
     * already sorted array (without NaN) is not copied.
     *
     * @param current the current values, NaN for a missing value
     * @throws dev.clinigate.InputException when a value is infinite
     */
    public NumericDrift compare(double[] current) {
      return compare(current, null);
    }

    NumericDrift compare(double[] current, String feature) {
      DriftInputs.Numeric in = DriftInputs.numeric(current, "current", feature, true);
      DriftSample cs = new DriftSample(in.rows(), in.missing());
      String reason = reason(cs);
      if (reason != null) {
        return undefined(cs, reason);
      }
      if (values == null) {
        CellStats cur = new CellStats(cells().grid());
        for (int i = 0; i < in.length(); i++) {
          cur.accept(in.sorted()[i]);
        }
        return fromCells(cs, cur);
      }
      long[] counts = DriftKernel.binCounts(in.sorted(), in.length(), edges);
      DriftKernel.Exact e = DriftKernel.exact(values, in.sorted(), in.length());
      double p = KsTwoSample.pValue(values.size(), in.length(), e.h());
      return new NumericDrift(sample, cs, bins(),
          OptionalDouble.of(DriftKernel.psi(binCounts, values.size(), counts, in.length())),
          OptionalDouble.of(DriftKernel.jensenShannon(binCounts, values.size(), counts, in.length())),
          OptionalDouble.of(e.ks()), defined(p), OptionalDouble.of(e.wasserstein()),
          Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(DriftBins.numeric(edges, binCounts, counts)));
    }

    /**
     * The drift of a streamed current sample. PSI and Jensen-Shannon are exact; KS and Wasserstein
     * are exact (with the KS p-value) when no fine cell holds two distinct values of either sample,
     * and otherwise guaranteed {@link DriftBounds}.
     *
     * @throws IllegalArgumentException when the histogram was not made by this reference (or an
     *     equal one, e.g. reloaded from its JSON)
     */
    public NumericDrift compare(DriftHistogram current) {
      Objects.requireNonNull(current, "current");
      if (!current.grid().sameAs(cells().grid())) {
        throw new IllegalArgumentException(
            "the histogram was made by a different reference: its bin edges differ from this reference's");
      }
      DriftSample cs = current.sample();
      String reason = reason(cs);
      if (reason != null) {
        return undefined(cs, reason);
      }
      return fromCells(cs, current.cellStats());
    }

    private NumericDrift fromCells(DriftSample cs, CellStats cur) {
      long n1 = sample.values();
      long n2 = cs.values();
      long[] counts = cur.binCounts();
      double psi = DriftKernel.psi(binCounts, n1, counts, n2);
      double js = DriftKernel.jensenShannon(binCounts, n1, counts, n2);
      DriftKernel.Bounded b = DriftKernel.bounds(cells(), cur);
      if (b.exact()) {
        return new NumericDrift(sample, cs, bins(), OptionalDouble.of(psi), OptionalDouble.of(js),
            OptionalDouble.of(b.ksUpper()), defined(KsTwoSample.pValue(n1, n2, b.h())),
            OptionalDouble.of(b.wassersteinUpper()), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(DriftBins.numeric(edges, binCounts, counts)));
      }
      return new NumericDrift(sample, cs, bins(), OptionalDouble.of(psi), OptionalDouble.of(js),
          OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
          Optional.of(new DriftBounds(b.ksLower(), b.ksUpper())),
          Optional.of(new DriftBounds(b.wassersteinLower(), b.wassersteinUpper())), Optional.empty(),
          Optional.of(DriftBins.numeric(edges, binCounts, counts)));
    }

    private String reason(DriftSample cs) {
      if (sample.values() == 0) {
        return "the reference sample has no non-missing values";
      }
      if (cs.rows() == 0) {
        return "the current sample has no rows";
      }
      if (cs.values() == 0) {
        return "the current sample has no non-missing values";
      }
      return null;
    }

    private NumericDrift undefined(DriftSample cs, String reason) {
      return new NumericDrift(sample, cs, bins(), OptionalDouble.empty(), OptionalDouble.empty(),
          OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(),
          Optional.empty(), Optional.of(reason));
    }

    private static OptionalDouble defined(double p) {
      return Double.isNaN(p) ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** The reference's fine-cell summary, built on first use for an exact reference. */
    CellStats cells() {
      CellStats c = cells;
      if (c == null) {
        synchronized (this) {
          c = cells;
          if (c == null) {
            double[] fine = Quantiles.edges(values, requestedBins * cellsPerBin);
            Grid grid = Grid.of(fine, edges);
            if (grid == null) {
              throw new IllegalStateException("PSI edges are not among the fine edges");
            }
            c = CellStats.of(values, grid);
            cells = c;
          }
        }
      }
      return c;
    }

    /**
     * The profile as JSON: {@code version} (1), {@code type} ("numeric"), {@code rows},
     * {@code missing}, {@code bins} (requested), {@code cells_per_bin}, {@code edges} and
     * {@code counts} (PSI bins), then either {@code values} (distinct, ascending) with
     * {@code value_counts} (only when some value repeats) for an exact reference, or {@code grid}
     * ({@code edges}, {@code counts}, {@code min}, {@code max}; null extremes for empty cells) for a
     * bounded one.
     */
    @Override
    public JsonObject toJson() {
      return ReferenceJson.write(this);
    }

    @Override
    public String toString() {
      return "DriftReference.Numeric[rows=" + sample.rows() + ", missing=" + sample.missing() + ", bins=" + bins()
          + ", exact=" + isExact() + "]";
    }
  }

  /**
   * The profile of a categorical feature: the reference count of every category. Immutable and
   * thread-safe.
   */
  final class Categorical implements DriftReference {
    final DriftSample sample;
    final String[] categories;
    final long[] counts;

    Categorical(DriftSample sample, String[] categories, long[] counts) {
      this.sample = sample;
      this.categories = categories;
      this.counts = counts;
    }

    static Categorical of(DriftCategoryCounts c) {
      SortedMap<String, Long> m = c.counts();
      String[] cats = m.keySet().toArray(new String[0]);
      long[] n = new long[cats.length];
      int i = 0;
      for (long v : m.values()) {
        n[i++] = v;
      }
      return new Categorical(c.sample(), cats, n);
    }

    @Override
    public FeatureDrift.Type type() {
      return FeatureDrift.Type.CATEGORICAL;
    }

    @Override
    public DriftSample sample() {
      return sample;
    }

    /** Reference count per category, sorted by category. */
    public SortedMap<String, Long> counts() {
      TreeMap<String, Long> m = new TreeMap<>();
      for (int i = 0; i < categories.length; i++) {
        m.put(categories[i], counts[i]);
      }
      return Collections.unmodifiableSortedMap(m);
    }

    /** The drift of a whole current sample; {@code null} marks a missing value. */
    public CategoricalDrift compare(String[] current) {
      return compare(current, null);
    }

    CategoricalDrift compare(String[] current, String feature) {
      DriftInputs.categorical(current, "current", feature);
      DriftCategoryCounts c = DriftCategoryCounts.create();
      c.acceptAll(current);
      return compare(c);
    }

    /** The drift of a streamed current sample (exact: categorical drift needs only counts). */
    public CategoricalDrift compare(DriftCategoryCounts current) {
      SortedMap<String, Long> cur = current.counts();
      TreeMap<String, long[]> union = new TreeMap<>();
      for (int i = 0; i < categories.length; i++) {
        union.put(categories[i], new long[] {counts[i], 0});
      }
      List<String> unseen = new ArrayList<>();
      for (Map.Entry<String, Long> e : cur.entrySet()) {
        long[] ab = union.get(e.getKey());
        if (ab == null) {
          union.put(e.getKey(), new long[] {0, e.getValue()});
          unseen.add(e.getKey());
        } else {
          ab[1] = e.getValue();
        }
      }
      int k = union.size();
      long[] a = new long[k];
      long[] b = new long[k];
      int i = 0;
      for (long[] ab : union.values()) {
        a[i] = ab[0];
        b[i] = ab[1];
        i++;
      }
      DriftSample cs = current.sample();
      String reason = sample.values() == 0 ? "the reference sample has no non-missing values"
          : cs.rows() == 0 ? "the current sample has no rows"
          : cs.values() == 0 ? "the current sample has no non-missing values" : null;
      if (reason != null) {
        return new CategoricalDrift(sample, cs, k, OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(), unseen, Optional.of(reason));
      }
      long n1 = sample.values();
      long n2 = cs.values();
      ChiSquare.Result chi = ChiSquare.homogeneity(a, b);
      return new CategoricalDrift(sample, cs, k, OptionalDouble.of(DriftKernel.psi(a, n1, b, n2)),
          OptionalDouble.of(DriftKernel.jensenShannon(a, n1, b, n2)), OptionalDouble.of(chi.statistic()),
          OptionalInt.of(chi.dof()), OptionalDouble.of(chi.pValue()), unseen, Optional.empty(),
          Optional.of(DriftBins.categorical(new ArrayList<>(union.keySet()), a, b)));
    }

    /**
     * The profile as JSON: {@code version} (1), {@code type} ("categorical"), {@code rows},
     * {@code missing}, {@code categories} (sorted) and their {@code counts}.
     */
    @Override
    public JsonObject toJson() {
      return ReferenceJson.write(this);
    }

    @Override
    public String toString() {
      return "DriftReference.Categorical[rows=" + sample.rows() + ", missing=" + sample.missing() + ", categories="
          + categories.length + "]";
    }
  }
}
