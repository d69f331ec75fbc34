package dev.clinigate.benchmarks.metrics;

import dev.clinigate.metrics.BinaryMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A supplement to the JMH benchmarks for a shared machine: the best-of-N thread CPU time of each
 * operation, which other processes' load disturbs much less than wall-clock time. Same data and
 * operations as {@link MetricsBenchmark} and {@link MetricsBootstrapBenchmark}.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * dev.clinigate.benchmarks.metrics.MetricsCpuTimes [--calibration-only]}. The first part, with tied and
 * continuous scores, is {@link CalibrationStatsBenchmark}'s; {@code --calibration-only} stops after it.
 * The groups' metrics run in parallel on the common fork-join pool, which a thread's CPU time does not
 * see: for the total CPU time of a grouped report, run with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=0} (the caller then runs all of it; the
 * wall-clock line shows the parallel gain).
 */
public final class MetricsCpuTimes {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static Object sink;

  private MetricsCpuTimes() {}

  /** Prints best-of CPU milliseconds per operation and the ratios, after a warm-up round. */
  public static void main(String[] args) {
    for (boolean continuous : new boolean[] {false, true}) {
      MetricsData c = continuous ? MetricsData.continuous(1_000_000, true) : MetricsData.generate(1_000_000, true);
      System.out.println(continuous ? "continuous scores:" : "tied scores (4 decimals):");
      for (int round = 0; round < 2; round++) {
        double sort = best(() -> {
          double[] x = c.scores.clone();
          Arrays.sort(x);
          sink = x;
        }, 9);
        double auroc = best(() -> sink = BinaryMetrics.auroc(c.labels, c.scores), 9);
        double cal = best(() -> sink = BinaryMetrics.calibration(c.labels, c.scores, 10), 9);
        double full = best(() -> sink = BinaryMetrics.builder(c.labels, c.scores).thresholds(0.1, 0.3, 0.5).build(),
            9);
        double grouped = best(() -> sink = BinaryMetrics.builder(c.labels, c.scores).thresholds(0.1, 0.3, 0.5)
            .group("sex", c.sex).group("age_band", c.age).group("site", c.site).build(), 9);
        // wall clock too: the groups' metrics run in parallel, which a thread's CPU time does not see
        double fullWall = bestWall(() -> sink = BinaryMetrics.builder(c.labels, c.scores).thresholds(0.1, 0.3, 0.5)
            .build(), 9);
        double groupedWall = bestWall(() -> sink = BinaryMetrics.builder(c.labels, c.scores).thresholds(0.1, 0.3, 0.5)
            .group("sex", c.sex).group("age_band", c.age).group("site", c.site).build(), 9);
        double codedWall = bestWall(() -> sink = BinaryMetrics.builder(c.labels, c.scores).thresholds(0.1, 0.3, 0.5)
            .group("sex", c.sexCode, MetricsData.SEXES).group("age_band", c.ageCode, MetricsData.AGES)
            .group("site", c.siteCode, MetricsData.SITES).build(), 9);
        if (round == 1) {
          System.out.printf(Locale.ROOT, "  sortBaseline                 %8.1f ms%n", sort);
          System.out.printf(Locale.ROOT, "  aurocOnly                    %8.1f ms%n", auroc);
          System.out.printf(Locale.ROOT, "  calibrationOnly              %8.1f ms  lowess + calibration = %.1f ms%n",
              cal, cal - auroc);
          System.out.printf(Locale.ROOT, "  fullReport                   %8.1f ms  %.2fx sort%n", full, full / sort);
          System.out.printf(Locale.ROOT, "  fullReportThreeGroupColumns  %8.1f ms  %.2fx sort, %.2fx fullReport%n",
              grouped, grouped / sort, grouped / full);
          System.out.printf(Locale.ROOT, "  wall clock: fullReport %.1f ms, grouped %.1f ms (%.2fx), pre-coded groups"
              + " %.1f ms (%.2fx)%n", fullWall, groupedWall, groupedWall / fullWall, codedWall, codedWall / fullWall);
        }
      }
    }
    if (args.length > 0 && args[0].equals("--calibration-only")) {
      return;
    }
    MetricsData d = MetricsData.generate(1_000_000, true);
    MetricsData small = MetricsData.generate(100_000, false);
    for (int round = 0; round < 2; round++) {
      double sort = best(() -> {
        double[] c = d.scores.clone();
        Arrays.sort(c);
        sink = c;
      }, 15);
      double full = best(() -> sink = BinaryMetrics.builder(d.labels, d.scores).thresholds(0.1, 0.3, 0.5).build(), 15);
      double grouped = best(() -> sink = BinaryMetrics.builder(d.labels, d.scores).thresholds(0.1, 0.3, 0.5)
          .group("sex", d.sex).group("age_band", d.age).group("site", d.site).build(), 15);
      double auroc = best(() -> sink = BinaryMetrics.auroc(d.labels, d.scores), 15);
      double delong = best(() -> sink = BinaryMetrics.aurocInterval(d.labels, d.scores), 15);
      double boot = best(() -> sink = BinaryMetrics.builder(small.labels, small.scores).thresholds(0.1, 0.3, 0.5)
          .bootstrap(1000, 1L).build(), 3);
      if (round == 1) {
        System.out.printf(Locale.ROOT, "sortBaseline                 %8.1f ms%n", sort);
        System.out.printf(Locale.ROOT, "fullReport                   %8.1f ms  %.2fx sort%n", full, full / sort);
        System.out.printf(Locale.ROOT, "fullReportThreeGroupColumns  %8.1f ms  %.2fx sort, %.2fx fullReport%n",
            grouped, grouped / sort, grouped / full);
        System.out.printf(Locale.ROOT, "aurocOnly                    %8.1f ms%n", auroc);
        System.out.printf(Locale.ROOT, "aurocDeLong                  %8.1f ms  %.2fx aurocOnly%n", delong, delong / auroc);
        System.out.printf(Locale.ROOT, "bootstrap1000On100k          %8.1f ms%n", boot);
      }
    }
    if (sink == null) {
      throw new AssertionError();
    }
  }

  private static double bestWall(Runnable r, int repeats) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e6);
    }
    return best;
  }

  private static double best(Runnable r, int repeats) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t0 = MX.getCurrentThreadCpuTime();
      r.run();
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / 1e6);
    }
    return best;
  }
}
