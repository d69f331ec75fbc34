package dev.clinigate.spark;

import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The figures of benchmarks/README.md's Spark section (a documented main, not a test: run it by hand).
 * For each row count: the grouped metrics report on Spark in local mode (collected path on scores with 4
 * decimals; distributed path on continuous scores), the single-machine {@code BinaryMetrics} on the same
 * rows, the bytes Spark's tasks sent to the driver (task result sizes: what the driver must hold), and
 * the largest heap in use after a garbage collection during the Spark computation.
 *
 * <pre>
 * mvn -B -q -o test-compile -pl spark -am
 * java -Xmx6g [--add-opens flags of spark/pom.xml] -cp spark/target/test-classes:spark/target/classes:$(cat cp.txt) \
 *     dev.clinigate.spark.SparkMetricsBenchmark 1000000 5000000
 * </pre>
 */
public final class SparkMetricsBenchmark {
  private SparkMetricsBenchmark() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("clinigate-spark-benchmark")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "16").getOrCreate();
    AtomicLong resultBytes = new AtomicLong();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          resultBytes.addAndGet(end.taskMetrics().resultSize());
        }
      }
    });
    run(spark, 200_000, 4, Long.MAX_VALUE, resultBytes, false); // warm-up
    for (String a : args) {
      int rows = Integer.parseInt(a);
      run(spark, rows, 4, SparkMetrics.DEFAULT_MAX_COLLECTED_CELLS, resultBytes, true);
      run(spark, rows, 0, 0, resultBytes, true);
    }
    spark.stop();
  }

  private static void run(SparkSession spark, int rows, int decimals, long maxCells, AtomicLong resultBytes,
      boolean print) {
    Dataset<Row> data = Synthetic.dataset(spark, 99L, rows, decimals, 8);
    data.cache().count(); // generation is not part of the measurement
    System.gc();
    resultBytes.set(0);
    HeapWatch watch = new HeapWatch();
    watch.start();
    long t0 = System.nanoTime();
    SparkMetrics.Builder b = SparkMetrics.builder(data, "label", "score").thresholds(0.3, 0.5).group("sex")
        .group("site").maxCollectedCells(maxCells);
    MetricsReport onSpark = b.build();
    double sparkSeconds = (System.nanoTime() - t0) / 1e9;
    watch.halt();
    long sent = resultBytes.get();
    data.unpersist();
    Object[] arr = Synthetic.arrays(99L, rows, decimals);
    long t1 = System.nanoTime();
    MetricsReport single = BinaryMetrics.builder((int[]) arr[0], (double[]) arr[1]).thresholds(0.3, 0.5)
        .group("sex", (String[]) arr[2]).group("site", (String[]) arr[3]).build();
    double singleSeconds = (System.nanoTime() - t1) / 1e9;
    if (print) {
      System.out.printf(Locale.ROOT, "rows=%,d decimals=%d path=%s spark=%.2fs single=%.2fs sentToDriver=%,d bytes"
              + " maxHeapAfterGc=%,d MB auroc spark=%s single=%s maxRelDiff=%.2e%n",
          rows, decimals, b.path(), sparkSeconds, singleSeconds, sent, watch.max / (1024 * 1024),
          onSpark.metric("auroc"), single.metric("auroc"), Close.maxRelative(single.toJson(), onSpark.toJson()));
    }
  }

  /** Polls the heap pools' usage after the last collection and keeps the largest total. */
  static final class HeapWatch extends Thread {
    volatile boolean running = true;
    volatile long max;

    HeapWatch() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
          if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
            used += p.getCollectionUsage().getUsed();
          }
        }
        max = Math.max(max, used);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void halt() {
      running = false;
    }
  }
}
