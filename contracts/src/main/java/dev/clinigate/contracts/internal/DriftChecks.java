package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import dev.clinigate.metrics.CategoricalDrift;
import dev.clinigate.metrics.DriftBounds;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.FeatureDrift;
import dev.clinigate.metrics.NumericDrift;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Drift of the checked data against a saved reference, computed by the metrics module.
 *
 * <p>Design note: a numeric feature streams into the reference's {@link DriftHistogram}, which gives
 * psi and js_distance exactly in constant memory. ks and wasserstein need the current values: for a
 * feature bounded by one of them, the values are also kept, up to {@code maxDriftValues}, and compared
 * exactly; past that bound only the histogram is left and the metrics module returns guaranteed
 * {@link DriftBounds}, which decide the rule when the whole interval lies on one side of the bound
 * (and fail it as not evaluated otherwise). Values that are missing or not of the declared type are
 * excluded from drift and counted in its missing rate. A categorical feature's counts come from the
 * column's category counter.
 */
public final class DriftChecks {
  private DriftChecks() {}

  /** A factory of drift states against the references of a saved profile. */
  public static CheckSettings.DriftFactory against(Map<String, DriftReference> references) {
    return (feature, maxValues) -> {
      if (feature.drift().isEmpty()) {
        return null; // drift is measured where a rule bounds it: streaming a histogram costs per value
      }
      DriftReference ref = references.get(feature.name());
      if (ref == null) {
        return new Unavailable("the reference has no profile for it");
      }
      return start(feature, ref, maxValues);
    };
  }

  private static DriftState start(Feature f, DriftReference ref, int maxValues) {
    Feature.Drift rule = f.drift().orElseThrow();
    if (f.numeric()) {
      if (!(ref instanceof DriftReference.Numeric)) {
        return new Unavailable("its reference is categorical, but the contract declares " + f.type().yamlName());
      }
      DriftReference.Numeric n = (DriftReference.Numeric) ref;
      if (n.requestedBins() != rule.binsOrDefault()) {
        return new Unavailable("its reference has " + n.requestedBins() + " bins, but the contract asks for "
            + rule.binsOrDefault());
      }
      boolean keep = rule.method() == DriftMethod.KS || rule.method() == DriftMethod.WASSERSTEIN;
      return new Numeric(n, rule, keep ? new DoubleList(maxValues) : null);
    }
    if (f.type() == Type.CATEGORY || f.type() == Type.BOOLEAN) {
      if (!(ref instanceof DriftReference.Categorical)) {
        return new Unavailable("its reference is numeric, but the contract declares " + f.type().yamlName());
      }
      return new Categorical((DriftReference.Categorical) ref, rule);
    }
    return null;
  }

  /** The outcome for the contract's method from a drift computed by the metrics module. */
  static DriftState.Outcome outcome(FeatureDrift d, Feature.Drift rule) {
    Optional<String> undefined = d.undefinedReason();
    DriftMethod m = rule.method();
    OptionalDouble v = d.value(m);
    if (v.isPresent()) {
      return new DriftState.Outcome(v, Optional.empty(), "", Optional.of(d.toJson()));
    }
    Optional<DriftBounds> b = d.bounds(m);
    if (b.isPresent() && b.get().isExact()) {
      return new DriftState.Outcome(OptionalDouble.of(b.get().lower()), Optional.empty(), "", Optional.of(d.toJson()));
    }
    if (b.isPresent()) {
      return new DriftState.Outcome(OptionalDouble.empty(), b, "", Optional.of(d.toJson()));
    }
    return new DriftState.Outcome(OptionalDouble.empty(), Optional.empty(),
        undefined.orElse(m.id() + " is undefined for it"), Optional.of(d.toJson()));
  }

  /** Drift of a numeric feature. */
  static final class Numeric extends DriftState {
    private final DriftReference.Numeric ref;
    private final Feature.Drift rule;
    private final DriftHistogram histogram;
    private final DoubleList values;

    Numeric(DriftReference.Numeric ref, Feature.Drift rule, DoubleList values) {
      this.ref = ref;
      this.rule = rule;
      this.histogram = ref.newHistogram();
      this.values = values;
    }

    @Override
    void numbers(double[] vs, int count) {
      for (int i = 0; i < count; i++) {
        histogram.accept(vs[i]);
      }
      if (values != null) {
        for (int i = 0; i < count; i++) {
          values.add(vs[i]);
        }
      }
    }

    @Override
    void missing(long count) {
      for (long i = 0; i < count; i++) {
        histogram.acceptMissing();
        if (values != null) {
          values.add(Double.NaN);
        }
      }
    }

    @Override
    Outcome finish(ColumnState column) {
      NumericDrift d = values != null && !values.overflowed() ? ref.compare(values.toArray()) : ref.compare(histogram);
      return outcome(d, rule);
    }
  }

  /** Drift of a categorical (or boolean) feature. */
  static final class Categorical extends DriftState {
    private final DriftReference.Categorical ref;
    private final Feature.Drift rule;

    Categorical(DriftReference.Categorical ref, Feature.Drift rule) {
      this.ref = ref;
      this.rule = rule;
    }

    @Override
    void numbers(double[] values, int count) {
      // categories are read from the column's counter at the end
    }

    @Override
    void missing(long count) {
      // counted by the column
    }

    @Override
    Outcome finish(ColumnState column) {
      Optional<DriftCategoryCounts> counts = counts(column);
      if (counts.isEmpty()) {
        return Outcome.notEvaluated("it has more than " + Fmt.count(column.categories.size()) + " categories");
      }
      CategoricalDrift d = ref.compare(counts.get());
      return outcome(d, rule);
    }
  }

  /**
   * The column's category counts as the metrics module counts them (booleans as "false"/"true"; values
   * that are missing or invalid as missing), or empty when the category counter overflowed.
   */
  static Optional<DriftCategoryCounts> counts(ColumnState column) {
    DriftCategoryCounts c = DriftCategoryCounts.create();
    if (column.categories != null) {
      if (column.categories.overflowed()) {
        return Optional.empty();
      }
      for (int id = 0; id < column.categories.size(); id++) {
        String text = column.categories.text(id);
        for (long k = column.categories.count(id); k > 0; k--) {
          c.accept(text);
        }
      }
    } else {
      for (long k = column.booleans[0]; k > 0; k--) {
        c.accept("false");
      }
      for (long k = column.booleans[1]; k > 0; k--) {
        c.accept("true");
      }
    }
    for (long k = column.missing + column.invalid.count; k > 0; k--) {
      c.acceptMissing();
    }
    return Optional.of(c);
  }

  /** A drift rule that cannot be evaluated against the given reference. */
  static final class Unavailable extends DriftState {
    private final String reason;

    Unavailable(String reason) {
      this.reason = reason;
    }

    @Override
    void numbers(double[] values, int count) {
      // nothing to measure against
    }

    @Override
    void missing(long count) {
      // nothing to measure against
    }

    @Override
    Outcome finish(ColumnState column) {
      return Outcome.notEvaluated(reason);
    }
  }
}
