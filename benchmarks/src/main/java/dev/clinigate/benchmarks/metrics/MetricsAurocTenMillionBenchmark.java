package dev.clinigate.benchmarks.metrics;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricValue;
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
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * AUROC on 10,000,000 rows: clinigate in a fork limited to -Xmx512m, Tribuo's AUCROC computation
 * ({@code LabelEvaluationUtil.binaryAUCROC}, which {@code LabelMetrics.AUCROC} calls after unpacking its
 * predictions) in its own fork with -Xmx6g, because it boxes every row. Single-shot timings.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class MetricsAurocTenMillionBenchmark {

  /** The data as clinigate takes it. */
  @State(Scope.Benchmark)
  public static class Clinigate {
    MetricsData data;

    @Setup
    public void setup() {
      data = MetricsData.generate(10_000_000, false);
    }
  }

  /** The data as Tribuo's AUCROC takes it. */
  @State(Scope.Benchmark)
  public static class Tribuo {
    boolean[] labels;
    double[] scores;

    @Setup
    public void setup() {
      MetricsData data = MetricsData.generate(10_000_000, false);
      labels = new boolean[data.labels.length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = data.labels[i] == 1;
      }
      scores = data.scores;
    }
  }

  /** clinigate's exact AUROC under a 512 MB heap. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
  public MetricValue clinigateAuroc(Clinigate s) {
    return BinaryMetrics.auroc(s.data.labels, s.data.scores);
  }

  /** Tribuo 4.3.2's binary AUCROC (needs several GB for 10M rows). */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
  public double tribuoAucroc(Tribuo s) {
    return LabelEvaluationUtil.binaryAUCROC(s.labels, s.scores);
  }
}
