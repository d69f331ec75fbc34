package dev.clinigate.spark.internal;

import dev.clinigate.metrics.ExactMetricsState;
import dev.clinigate.metrics.GroupColumn;
import dev.clinigate.metrics.GroupMetrics;
import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.MetricsReport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The collected path: the cells are streamed to the driver one partition at a time into one
 * {@link ExactMetricsState} per subset, and the metrics module computes the report from them.
 *
 * <p>Design note: an exact state's report is a function of its distinct-score table only, so the report
 * is bit-identical to {@code BinaryMetrics} on the same rows, whatever order the cells arrive in. Group
 * values are ordered by {@link String#compareTo}, as {@code BinaryMetrics} orders them.
 */
public final class DriverReport {
  private DriverReport() {}

  /** The report of validated, persisted cells. */
  public static MetricsReport compute(Dataset<Row> cells, List<String> groups, MetricsOptions options,
      String source) {
    ExactMetricsState overall = ExactMetricsState.create(source);
    List<TreeMap<String, ExactMetricsState>> byColumn = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      byColumn.add(new TreeMap<>());
    }
    Iterator<Row> it = cells.select(Cells.SUBSET, Cells.VALUE, Cells.SCORE, Cells.NEG, Cells.POS).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      int subset = r.getInt(0);
      ExactMetricsState state = subset == 0 ? overall
          : byColumn.get(subset - 1).computeIfAbsent(r.getString(1), v -> ExactMetricsState.create(source));
      double score = r.getDouble(2);
      state.accept(0, score, r.getLong(3));
      state.accept(1, score, r.getLong(4));
    }
    List<GroupColumn> columns = new ArrayList<>(groups.size());
    for (int k = 0; k < groups.size(); k++) {
      List<GroupMetrics> list = new ArrayList<>();
      for (Map.Entry<String, ExactMetricsState> e : byColumn.get(k).entrySet()) {
        list.add(new GroupMetrics(e.getKey(), e.getValue().toReport(options).overall().withoutCurves()));
      }
      columns.add(new GroupColumn(groups.get(k), list));
    }
    return new MetricsReport(overall.toReport(options).overall(), columns, options);
  }
}
