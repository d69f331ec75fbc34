package dev.clinigate.benchmarks.metrics;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.Calibration;
import dev.clinigate.metrics.MetricValue;
import dev.clinigate.metrics.MetricsReport;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the calibration statistics of issue 18 on 1,000,000 rows, with heavily tied
 * ({@code tied}: 4-decimal scores, 9,880 distinct values) and continuous ({@code continuous}: every score
 * distinct) scores, against {@code Arrays.sort} of a copy of the scores in the same run.
 *
 * <ul>
 *   <li>{@code calibrationOnly} − {@code aurocOnly}: the lowess curve and its errors (ICI, E50, E90,
 *       Emax) plus Spiegelhalter's test and the curve (both pay the same validation, sort and table).
 *   <li>{@code fullReport}: every metric with the new ones (Wald intervals of the fits, O/E interval,
 *       treat-all net benefit), 3 thresholds.
 * </ul>
 * Run: see benchmarks/README.md, section "Calibration statistics".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class CalibrationStatsBenchmark {
  @Param({"tied", "continuous"})
  public String scores;

  MetricsData data;

  @Setup
  public void setup() {
    data = scores.equals("tied") ? MetricsData.generate(1_000_000, true) : MetricsData.continuous(1_000_000, true);
  }

  /** Baseline: sort a copy of the scores. */
  @Benchmark
  public double[] sortBaseline() {
    double[] copy = data.scores.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** Validation, sort and table, AUROC: what every statistic pays before its own work. */
  @Benchmark
  public MetricValue aurocOnly() {
    return BinaryMetrics.auroc(data.labels, data.scores);
  }

  /** The calibration diagnostics alone (lowess curve errors, Spiegelhalter, O/E, curve). */
  @Benchmark
  public Calibration calibrationOnly() {
    return BinaryMetrics.calibration(data.labels, data.scores, 10);
  }

  /** Every metric, 3 thresholds, no groups. */
  @Benchmark
  public MetricsReport fullReport() {
    return BinaryMetrics.builder(data.labels, data.scores).thresholds(0.1, 0.3, 0.5).build();
  }

  /** The same with 3 group columns (9 groups). */
  @Benchmark
  public MetricsReport fullReportThreeGroupColumns() {
    return BinaryMetrics.builder(data.labels, data.scores).thresholds(0.1, 0.3, 0.5)
        .group("sex", data.sex).group("age_band", data.age).group("site", data.site).build();
  }

  /** The same with the 3 group columns pre-coded (as a reader that codes values while reading passes them). */
  @Benchmark
  public MetricsReport fullReportThreeCodedGroupColumns() {
    return BinaryMetrics.builder(data.labels, data.scores).thresholds(0.1, 0.3, 0.5)
        .group("sex", data.sexCode, MetricsData.SEXES).group("age_band", data.ageCode, MetricsData.AGES)
        .group("site", data.siteCode, MetricsData.SITES).build();
  }
}
