package dev.clinigate.benchmarks.metrics;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
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

/** A 1,000-replicate bootstrap of every metric (3 thresholds) on 100,000 rows, and the same report without it. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class MetricsBootstrapBenchmark {
  MetricsData data;

  @Setup
  public void setup() {
    data = MetricsData.generate(100_000, false);
  }

  /** Point estimates only (reference). */
  @Benchmark
  public MetricsReport report100k() {
    return BinaryMetrics.builder(data.labels, data.scores).thresholds(0.1, 0.3, 0.5).build();
  }

  /** With 1,000 stratified bootstrap replicates. */
  @Benchmark
  public MetricsReport bootstrap1000On100k() {
    return BinaryMetrics.builder(data.labels, data.scores).thresholds(0.1, 0.3, 0.5).bootstrap(1000, 1L).build();
  }
}
