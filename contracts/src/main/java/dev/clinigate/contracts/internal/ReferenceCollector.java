package dev.clinigate.contracts.internal;

import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import dev.clinigate.metrics.Drift;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the drift references of a reference data set while it is profiled: every declared, non-PHI
 * numeric, category or boolean feature gets one (with its drift rule's bins, else the default).
 *
 * <p>Memory: a numeric reference needs the whole column (8 bytes per row) until the metrics module
 * has sorted it into a reference; a categorical one needs only its category counts. Every numeric
 * reference is exact (sorted distinct values); the resolution of its streaming histogram is
 * {@value #PSI_CELLS_PER_BIN} cells per PSI bin for psi and js_distance rules, and the metrics module's
 * default otherwise.
 */
public final class ReferenceCollector {
  /** Histogram cells per PSI bin of references for psi and js_distance rules. */
  static final int PSI_CELLS_PER_BIN = 4;

  private final Map<String, State> states = new LinkedHashMap<>();
  private final String source;
  private final long maxValues;
  private long kept;

  /** A collector with the default bound on the numeric values it keeps. */
  public ReferenceCollector() {
    this("reference", Limits.defaults().maxReferenceValues());
  }

  /**
   * A collector that keeps at most {@code maxValues} numeric values over all columns
   * ({@link Limits#maxReferenceValues()}); {@code source} names the input in the error past it.
   */
  public ReferenceCollector(String source, long maxValues) {
    this.source = source;
    this.maxValues = maxValues;
  }

  /** Counts values about to be kept; past the bound, the profile is refused rather than exhausting memory. */
  private void keep(long count) {
    kept += count;
    if (kept > maxValues) {
      throw new InputException(Problem.at(source, 0, 0, "a reference profile would keep more than "
          + Limits.describe("maxReferenceValues", maxValues) + " numeric values (rows times numeric columns)",
          "profile a sample of the rows or fewer columns; " + Limits.raiseHint("maxReferenceValues")));
    }
  }

  /** The factory to give the profiling run. */
  public CheckSettings.DriftFactory factory() {
    return (feature, maxValues) -> {
      if (!feature.numeric() && feature.type() != Type.CATEGORY && feature.type() != Type.BOOLEAN) {
        return null;
      }
      State s = new State(feature, this);
      states.put(feature.name(), s);
      return s;
    };
  }

  /** The references built, by feature name, in column order (after the run has finished). */
  public Map<String, DriftReference> references() {
    Map<String, DriftReference> out = new LinkedHashMap<>();
    states.forEach((name, s) -> s.reference.ifPresent(r -> out.put(name, r)));
    return out;
  }

  private static final class State extends DriftState {
    private final Feature feature;
    private final ReferenceCollector owner;
    private final DoubleList values;
    private Optional<DriftReference> reference = Optional.empty();

    State(Feature feature, ReferenceCollector owner) {
      this.feature = feature;
      this.owner = owner;
      this.values = feature.numeric() ? new DoubleList(Integer.MAX_VALUE - 8) : null;
    }

    @Override
    void numbers(double[] vs, int count) {
      if (values != null) {
        owner.keep(count);
        for (int i = 0; i < count; i++) {
          values.add(vs[i]);
        }
      }
    }

    @Override
    void missing(long count) {
      if (values != null) {
        owner.keep(count);
        for (long i = 0; i < count; i++) {
          values.add(Double.NaN);
        }
      }
    }

    @Override
    Outcome finish(ColumnState column) {
      if (values != null) {
        if (values.size() > 0) {
          int bins = feature.drift().map(Feature.Drift::binsOrDefault).orElse(Drift.DEFAULT_BINS);
          DriftMethod m = feature.drift().map(Feature.Drift::method).orElse(null);
          // psi and js_distance need only the PSI bins from a streamed histogram: a few cells per bin
          // keep the histogram small and cache-resident (about 11 ns a value for the whole update,
          // against about 20 ns with the default 100 cells per bin) while KS/Wasserstein stay bounded;
          // ks and wasserstein keep the default fine cells, whose histogram bounds them tightly
          int cells = m == DriftMethod.PSI || m == DriftMethod.JS_DISTANCE ? PSI_CELLS_PER_BIN
              : DriftReference.DEFAULT_CELLS_PER_BIN;
          reference = Optional.of(DriftReference.numeric(values.toArray(), bins, cells));
        }
        values.clear();
      } else if (column.rows > 0) {
        Optional<DriftCategoryCounts> counts = DriftChecks.counts(column);
        reference = counts.map(DriftReference::categorical);
      }
      return Outcome.notEvaluated("a reference is being built");
    }
  }
}
