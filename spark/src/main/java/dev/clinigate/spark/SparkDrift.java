package dev.clinigate.spark;

import dev.clinigate.contracts.DataProfile;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.DriftReport;
import dev.clinigate.metrics.FeatureDrift;
import dev.clinigate.spark.internal.Columns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Drift of a Spark {@code Dataset<Row>} against saved reference profiles: the same {@link DriftReport}
 * that the metrics module's streaming API gives ({@link DriftReference.Numeric#compare(DriftHistogram)},
 * {@link DriftReference.Categorical#compare(DriftCategoryCounts)}), so the same policies and contract
 * rules read it.
 *
 * <pre>{@code
 * DataProfile training = DataProfile.read(Path.of("training.profile.json"));
 * DriftReport drift = SparkDrift.against(spark.table("gold.readmission_features"), training);
 * double psi = drift.features().get("creatinine").psi().orElseThrow();
 * }</pre>
 *
 * <p>How: one pass over the data; each partition fills one histogram per numeric feature (on the
 * reference's fine quantile grid: count, minimum and maximum per cell) and one count per category of each
 * categorical feature; the partial states are merged with Spark's tree reduce (counts merge exactly, so
 * the result does not depend on the partitioning) and compared on the driver. PSI, Jensen-Shannon and
 * categorical drift are exact; KS and Wasserstein are exact when no fine cell holds two distinct values
 * of a sample, else guaranteed bounds, exactly as on one machine with the streaming API. Driver memory:
 * about {@code bins * cellsPerBin} cells per numeric feature and the distinct categories per categorical
 * one, independent of the rows. Numeric columns are cast to double (null = missing), categorical ones to
 * string (null = missing). Stateless and thread-safe.
 */
public final class SparkDrift {
  private SparkDrift() {}

  /**
   * The drift of every column of {@code reference} that has a drift reference, in the profile's column
   * order (PHI columns never have one, so their values are never read).
   *
   * @throws IllegalArgumentException when the data lacks one of those columns
   */
  public static DriftReport against(Dataset<Row> current, DataProfile reference) {
    Objects.requireNonNull(reference, "reference");
    return against(current, reference.references());
  }

  /**
   * The drift of each named column against its reference, in the map's iteration order.
   *
   * @throws IllegalArgumentException when the data lacks a column
   * @throws dev.clinigate.InputException when a numeric column holds an infinite value
   */
  public static DriftReport against(Dataset<Row> current, Map<String, DriftReference> references) {
    Objects.requireNonNull(current, "current");
    List<String> names = new ArrayList<>(references.keySet());
    List<DriftReference> refs = new ArrayList<>(references.values());
    if (names.isEmpty()) {
      return new DriftReport(Map.of());
    }
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Columns.type(current, names.get(i));
      Column c = functions.col(Columns.quote(names.get(i)));
      cols.add(refs.get(i) instanceof DriftReference.Numeric ? c.cast("double") : c.cast("string"));
    }
    Partials empty = new Partials(refs);
    Partials total = current.select(cols.toArray(new Column[0])).javaRDD()
        .mapPartitions(new Fill(empty))
        .treeAggregate(empty.copy(), Partials::merge, Partials::merge);
    LinkedHashMap<String, FeatureDrift> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      DriftReference r = refs.get(i);
      out.put(names.get(i), r instanceof DriftReference.Numeric n ? n.compare(total.histograms[i])
          : ((DriftReference.Categorical) r).compare(total.counts[i]));
    }
    return new DriftReport(out);
  }

  /** One partition's (or the merged) streaming states, one per feature. */
  static final class Partials implements Serializable {
    private static final long serialVersionUID = 1L;
    final DriftHistogram[] histograms;
    final DriftCategoryCounts[] counts;

    Partials(List<DriftReference> refs) {
      histograms = new DriftHistogram[refs.size()];
      counts = new DriftCategoryCounts[refs.size()];
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i) instanceof DriftReference.Numeric n) {
          histograms[i] = n.newHistogram();
        } else {
          counts[i] = DriftCategoryCounts.create();
        }
      }
    }

    private Partials(DriftHistogram[] histograms, DriftCategoryCounts[] counts) {
      this.histograms = histograms;
      this.counts = counts;
    }

    Partials copy() {
      DriftHistogram[] h = new DriftHistogram[histograms.length];
      DriftCategoryCounts[] c = new DriftCategoryCounts[counts.length];
      for (int i = 0; i < h.length; i++) {
        h[i] = histograms[i] == null ? null : histograms[i].copy();
        c[i] = counts[i] == null ? null : counts[i].copy();
      }
      return new Partials(h, c);
    }

    Partials merge(Partials o) {
      for (int i = 0; i < histograms.length; i++) {
        if (histograms[i] != null) {
          histograms[i].merge(o.histograms[i]);
        } else {
          counts[i].merge(o.counts[i]);
        }
      }
      return this;
    }
  }

  /** Fills a fresh copy of the empty states with one partition's rows. */
  static final class Fill implements FlatMapFunction<Iterator<Row>, Partials> {
    private static final long serialVersionUID = 1L;
    private final Partials empty;

    Fill(Partials empty) {
      this.empty = empty;
    }

    @Override
    public Iterator<Partials> call(Iterator<Row> rows) {
      Partials p = empty.copy();
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int i = 0; i < p.histograms.length; i++) {
          if (p.histograms[i] != null) {
            p.histograms[i].accept(r.isNullAt(i) ? Double.NaN : r.getDouble(i));
          } else {
            p.counts[i].accept(r.isNullAt(i) ? null : r.getString(i));
          }
        }
      }
      return Collections.singletonList(p).iterator();
    }
  }
}
