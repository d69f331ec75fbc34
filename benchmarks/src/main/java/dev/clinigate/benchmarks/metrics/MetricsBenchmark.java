package dev.clinigate.benchmarks.metrics;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.Interval;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binary metrics on 1,000,000 synthetic rows ({@link MetricsData}) against {@code Arrays.sort} of a copy
 * of the scores, measured in the same run. Run: see benchmarks/README.md, section "Metrics".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class MetricsBenchmark {
  MetricsData data;

  @Setup
  public void setup() {
    data = MetricsData.generate(1_000_000, true);
  }

  /** Baseline: sort a copy of the scores. */
  @Benchmark
  public double[] sortBaseline() {
    double[] copy = data.scores.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** Every metric, 3 thresholds, DeLong interval, no groups, no bootstrap. */
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

  /** AUROC alone. */
  @Benchmark
  public MetricValue aurocOnly() {
    return BinaryMetrics.auroc(data.labels, data.scores);
  }

  /** AUROC with DeLong's 95% interval. */
  @Benchmark
  public Interval aurocDeLong() {
    return BinaryMetrics.aurocInterval(data.labels, data.scores);
  }
}
