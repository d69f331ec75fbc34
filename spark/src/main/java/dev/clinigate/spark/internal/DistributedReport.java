package dev.clinigate.spark.internal;

import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.MetricsReport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Placeholder. */
public final class DistributedReport {
  private DistributedReport() {}

  /** Placeholder. */
  public static MetricsReport compute(Dataset<Row> cells, List<String> groups, MetricsOptions options) {
    throw new UnsupportedOperationException();
  }
}
