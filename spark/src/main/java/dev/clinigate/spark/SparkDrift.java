package dev.clinigate.spark;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.DataProfile;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.DriftReport;
import dev.clinigate.metrics.FeatureDrift;
import dev.clinigate.spark.internal.Columns;
import dev.clinigate.spark.internal.DriftStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
   * @throws InputException when a numeric column holds an infinite value (with the count per column)
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
    DriftHistogram[] empty = new DriftHistogram[refs.size()];
    for (int i = 0; i < empty.length; i++) {
      empty[i] = refs.get(i) instanceof DriftReference.Numeric n ? n.newHistogram() : null;
    }
    DriftStates total = DriftStates.fill(current.select(cols.toArray(new Column[0])), new DriftStates(empty));
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (total.infinite[i] > 0) {
        problems.add(Problem.at("current", 0, 0, "values of \"" + names.get(i) + "\" must be finite, found "
            + total.infinite[i] + (total.infinite[i] == 1 ? " infinite value" : " infinite values"),
            "drift compares finite values; mark a missing value with null or NaN"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    LinkedHashMap<String, FeatureDrift> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      DriftReference r = refs.get(i);
      out.put(names.get(i), r instanceof DriftReference.Numeric n ? n.compare(total.histograms[i])
          : ((DriftReference.Categorical) r).compare(total.counts[i]));
    }
    return new DriftReport(out);
  }
}
