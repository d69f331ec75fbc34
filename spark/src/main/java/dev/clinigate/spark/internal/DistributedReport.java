package dev.clinigate.spark.internal;

import dev.clinigate.metrics.Calibration;
import dev.clinigate.metrics.CalibrationBin;
import dev.clinigate.metrics.GroupColumn;
import dev.clinigate.metrics.GroupMetrics;
import dev.clinigate.metrics.Interval;
import dev.clinigate.metrics.MetricValue;
import dev.clinigate.metrics.MetricsOptions;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.metrics.SubsetMetrics;
import dev.clinigate.metrics.ThresholdMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The distributed path: the report computed from cells sorted by Spark, never collected.
 *
 * <p>Design note: after a global sort by (subset, value, score), every metric of a subset is a sum over
 * its cells of a term that depends on the cell and, for the rank-based metrics, on the number of
 * negatives and positives below it. Pass 1 sums the terms that need no rank (counts at thresholds,
 * calibration bins, Brier, log loss, Spiegelhalter, the fit's centring) and the per-partition totals of
 * each subset; the driver turns those totals into each partition's prefix counts. Pass 2 sums AUROC's
 * exact integer numerator and AUPRC's terms; pass 3 DeLong's placement variances (they need the AUROC);
 * then one pass per Newton iteration of the logistic fits, every subset's fit advancing in the same
 * pass. Every floating-point partial sum is an {@link ExactSum}, so the report is a function of the
 * cells alone, identical for any partitioning; per-cell terms use the metrics module's expressions, and
 * the driver assembles the report exactly as the metrics module does from its sums (DESIGN.md's
 * definitions, the module's reasons for undefined values). Driver memory: O(partitions x subsets x
 * (bins + thresholds)) per pass, independent of the number of rows and cells.
 */
public final class DistributedReport {
  // reasons of undefined values, as the metrics module words them (a test compares whole reports)
  static final String NO_POSITIVES_ONE_CLASS = "one class only (no positives)";
  static final String NO_NEGATIVES_ONE_CLASS = "one class only (no negatives)";
  static final String NO_POSITIVES = "no positives";
  static final String NO_NEGATIVES = "no negatives";
  static final String NO_PREDICTED_POSITIVES = "no predicted positives at this threshold";
  static final String NO_PREDICTED_NEGATIVES = "no predicted negatives at this threshold";
  static final String NO_F1 = "no positives and no predicted positives at this threshold";
  static final String NET_BENEFIT_AT_ONE = "net benefit is undefined at threshold 1 (t / (1 - t) is infinite)";
  static final String ZERO_SPIEGELHALTER_VARIANCE = "Spiegelhalter's variance is 0 (every score is 0, 0.5 or 1)";
  static final String ZERO_EXPECTED = "the sum of the scores is 0";
  /**
   * Reason for the lowess errors (ICI, E50, E90, Emax) on this path: the lowess curve is a local regression
   * at every distinct score over its nearest neighbours, which needs the whole distinct-score table on one
   * machine, what this path exists to avoid.
   */
  static final String NOT_ON_SPARK = "not computed on Spark's distributed path (the lowess calibration curve "
      + "needs every distinct score on one machine; there are more than maxCollectedCells): raise "
      + "maxCollectedCells or use BinaryMetrics";
  static final String SINGULAR_INFORMATION = "the fit's information matrix is singular";
  static final String TOO_FEW = "DeLong's variance needs at least 2 positives and 2 negatives";
  static final String ZERO_VARIANCE =
      "DeLong's variance is 0 (complete separation or a single distinct score), so no interval is reported";
  static final double Z975 = 1.959963984540054;

  private DistributedReport() {}

  /** The report of validated, persisted cells, computed on the executors. */
  public static MetricsReport compute(Dataset<Row> cells, List<String> groups, MetricsOptions options) {
    Dataset<Row> sorted = cells.select(Cells.SUBSET, Cells.VALUE, Cells.SCORE, Cells.NEG, Cells.POS)
        .orderBy(Cells.SUBSET, Cells.VALUE, Cells.SCORE)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return compute(sorted, groups, options, options.thresholdArray(), options.bins());
    } finally {
      sorted.unpersist();
    }
  }

  private static MetricsReport compute(Dataset<Row> sorted, List<String> groups, MetricsOptions options,
      double[] ts, int bins) {
    // pass 1: rank-free sums and per-partition totals
    List<Tuple2<Integer, LinkedHashMap<String, Pass1>>> p1 = sorted.javaRDD()
        .mapPartitionsWithIndex(new Pass1Fn(ts, bins), false).collect();
    Map<String, Pass1> subsets = new TreeMap<>();
    List<Tuple2<Integer, LinkedHashMap<String, Pass1>>> byPartition = new ArrayList<>(p1);
    byPartition.sort((a, b) -> Integer.compare(a._1(), b._1()));
    HashMap<Integer, HashMap<String, long[]>> below = new HashMap<>();
    Map<String, long[]> running = new HashMap<>();
    for (Tuple2<Integer, LinkedHashMap<String, Pass1>> part : byPartition) {
      HashMap<String, long[]> offsets = new HashMap<>();
      for (Map.Entry<String, Pass1> e : part._2().entrySet()) {
        long[] r = running.computeIfAbsent(e.getKey(), k -> new long[2]);
        offsets.put(e.getKey(), r.clone());
        r[0] += e.getValue().neg;
        r[1] += e.getValue().pos;
        subsets.merge(e.getKey(), e.getValue(), Pass1::merge);
      }
      below.put(part._1(), offsets);
    }
    HashMap<String, long[]> totals = new HashMap<>();
    for (Map.Entry<String, Pass1> e : subsets.entrySet()) {
      totals.put(e.getKey(), new long[] {e.getValue().neg, e.getValue().pos});
    }

    // pass 2: AUROC's numerator and AUPRC
    Map<String, Pass2> ranks = mergeAll(sorted.javaRDD().mapPartitionsWithIndex(
        new Pass2Fn(below, totals, null), false).collect());
    Map<String, Double> aucs = new HashMap<>();
    Map<String, Subset> results = new TreeMap<>();
    for (Map.Entry<String, Pass1> e : subsets.entrySet()) {
      Subset s = new Subset(e.getValue(), ranks.get(e.getKey()), ts, bins);
      results.put(e.getKey(), s);
      if (s.auroc.isDefined() && s.m >= 2 && s.n0 >= 2) {
        aucs.put(e.getKey(), s.auroc.orElseThrow());
      }
    }

    // pass 3: DeLong's placement variances
    if (!aucs.isEmpty()) {
      Map<String, Pass2> delong = mergeAll(sorted.javaRDD().mapPartitionsWithIndex(
          new Pass2Fn(below, totals, new HashMap<>(aucs)), false).collect());
      for (Map.Entry<String, Pass2> e : delong.entrySet()) {
        results.get(e.getKey()).delong(e.getValue());
      }
    }

    // logistic fits: one pass per Newton step, every subset's fit in the same pass
    Map<String, Fits> fits = new TreeMap<>();
    for (Map.Entry<String, Subset> e : results.entrySet()) {
      fits.put(e.getKey(), new Fits(e.getValue().p1));
    }
    while (true) {
      HashMap<String, double[]> requests = new HashMap<>();
      for (Map.Entry<String, Fits> e : fits.entrySet()) {
        double[] r = e.getValue().request();
        if (r != null) {
          requests.put(e.getKey(), r);
        }
      }
      if (requests.isEmpty()) {
        break;
      }
      Map<String, FitSums> sums = mergeAll(sorted.javaRDD().mapPartitionsWithIndex(new FitFn(requests), false)
          .collect());
      for (String key : requests.keySet()) {
        fits.get(key).accept(sums.get(key).values());
      }
    }

    // assembly, groups ordered by value
    SubsetMetrics overall = null;
    List<TreeMap<String, SubsetMetrics>> columns = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      columns.add(new TreeMap<>());
    }
    for (Map.Entry<String, Subset> e : results.entrySet()) {
      SubsetMetrics m = e.getValue().toMetrics(fits.get(e.getKey()), options);
      int bar = e.getKey().indexOf('|');
      int subset = Integer.parseInt(e.getKey().substring(0, bar));
      if (subset == 0) {
        overall = m;
      } else {
        columns.get(subset - 1).put(e.getKey().substring(bar + 1), m);
      }
    }
    List<GroupColumn> out = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      List<GroupMetrics> list = new ArrayList<>();
      for (Map.Entry<String, SubsetMetrics> e : columns.get(k).entrySet()) {
        list.add(new GroupMetrics(e.getKey(), e.getValue()));
      }
      out.add(new GroupColumn(groups.get(k), list));
    }
    return new MetricsReport(overall, out, options);
  }

  private interface Mergeable<T> {
    void mergeFrom(T other);
  }

  private static <T extends Mergeable<T>> Map<String, T> mergeAll(
      List<Tuple2<Integer, LinkedHashMap<String, T>>> parts) {
    Map<String, T> out = new HashMap<>();
    for (Tuple2<Integer, LinkedHashMap<String, T>> part : parts) {
      for (Map.Entry<String, T> e : part._2().entrySet()) {
        T t = out.get(e.getKey());
        if (t == null) {
          out.put(e.getKey(), e.getValue());
        } else {
          t.mergeFrom(e.getValue());
        }
      }
    }
    return out;
  }

  static String key(Row r) {
    return r.getInt(0) + "|" + (r.isNullAt(1) ? "" : r.getString(1));
  }

  /** Pass 1 sums of one subset in one partition. */
  static final class Pass1 implements Serializable {
    private static final long serialVersionUID = 1L;
    long neg;
    long pos;
    final long[] tp;
    final long[] fp;
    final long[] binN;
    final long[] binY;
    final ExactSum[] binP;
    final ExactSum brier = new ExactSum();
    final ExactSum loss = new ExactSum();
    final ExactSum spNum = new ExactSum();
    final ExactSum spVar = new ExactSum();
    final ExactSum sumP = new ExactSum();
    final ExactSum sx = new ExactSum();
    double minPosX = Double.POSITIVE_INFINITY;
    double maxPosX = Double.NEGATIVE_INFINITY;
    double minNegX = Double.POSITIVE_INFINITY;
    double maxNegX = Double.NEGATIVE_INFINITY;

    Pass1(int thresholds, int bins) {
      tp = new long[thresholds];
      fp = new long[thresholds];
      binN = new long[bins];
      binY = new long[bins];
      binP = new ExactSum[bins];
      for (int b = 0; b < bins; b++) {
        binP[b] = new ExactSum();
      }
    }

    void add(double s, long q, long p, double[] ts, CellTerms t) {
      neg += q;
      pos += p;
      for (int j = 0; j < ts.length; j++) {
        if (s >= ts[j]) {
          tp[j] += p;
          fp[j] += q;
        }
      }
      long c = p + q;
      binN[t.bin] += c;
      binY[t.bin] += p;
      binP[t.bin].add(s * c);
      brier.add(p * t.sqPos + q * t.sqNeg);
      loss.add(p * t.lossPos + q * t.lossNeg);
      double qq = 1 - 2 * s;
      spNum.add(p * ((1 - s) * qq) - q * (s * qq));
      spVar.add(c * (qq * qq * s * (1 - s)));
      sumP.add(c * s);
      sx.add((p + q) * t.x);
      if (p > 0) {
        minPosX = Math.min(minPosX, t.x);
        maxPosX = Math.max(maxPosX, t.x);
      }
      if (q > 0) {
        minNegX = Math.min(minNegX, t.x);
        maxNegX = Math.max(maxNegX, t.x);
      }
    }

    Pass1 merge(Pass1 o) {
      neg += o.neg;
      pos += o.pos;
      for (int j = 0; j < tp.length; j++) {
        tp[j] += o.tp[j];
        fp[j] += o.fp[j];
      }
      for (int b = 0; b < binN.length; b++) {
        binN[b] += o.binN[b];
        binY[b] += o.binY[b];
        binP[b].add(o.binP[b]);
      }
      brier.add(o.brier);
      loss.add(o.loss);
      spNum.add(o.spNum);
      spVar.add(o.spVar);
      sumP.add(o.sumP);
      sx.add(o.sx);
      minPosX = Math.min(minPosX, o.minPosX);
      maxPosX = Math.max(maxPosX, o.maxPosX);
      minNegX = Math.min(minNegX, o.minNegX);
      maxNegX = Math.max(maxNegX, o.maxNegX);
      return this;
    }
  }

  static final class Pass1Fn implements Function2<Integer, Iterator<Row>, Iterator<Tuple2<Integer,
      LinkedHashMap<String, Pass1>>>> {
    private static final long serialVersionUID = 1L;
    private final double[] ts;
    private final int bins;

    Pass1Fn(double[] ts, int bins) {
      this.ts = ts;
      this.bins = bins;
    }

    @Override
    public Iterator<Tuple2<Integer, LinkedHashMap<String, Pass1>>> call(Integer partition, Iterator<Row> rows) {
      LinkedHashMap<String, Pass1> out = new LinkedHashMap<>();
      CellTerms t = new CellTerms();
      String key = null;
      Pass1 cur = null;
      while (rows.hasNext()) {
        Row r = rows.next();
        String k = key(r);
        if (!k.equals(key)) {
          key = k;
          cur = out.computeIfAbsent(k, x -> new Pass1(ts.length, bins));
        }
        double s = r.getDouble(2);
        t.of(s, bins);
        cur.add(s, r.getLong(3), r.getLong(4), ts, t);
      }
      return Collections.singletonList(new Tuple2<>(partition, out)).iterator();
    }
  }

  /** Pass 2 (AUROC numerator, AUPRC) or pass 3 (DeLong) sums of one subset in one partition. */
  static final class Pass2 implements Serializable, Mergeable<Pass2> {
    private static final long serialVersionUID = 1L;
    long num2; // exact while m * n0 < 2e18
    final ExactSum num2Large = new ExactSum();
    final ExactSum ap = new ExactSum();
    final ExactSum s10 = new ExactSum();
    final ExactSum s01 = new ExactSum();

    @Override
    public void mergeFrom(Pass2 o) {
      num2 += o.num2;
      num2Large.add(o.num2Large);
      ap.add(o.ap);
      s10.add(o.s10);
      s01.add(o.s01);
    }
  }

  static final class Pass2Fn implements Function2<Integer, Iterator<Row>, Iterator<Tuple2<Integer,
      LinkedHashMap<String, Pass2>>>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<Integer, HashMap<String, long[]>> below;
    private final HashMap<String, long[]> totals;
    private final HashMap<String, Double> aucs; // null in pass 2

    Pass2Fn(HashMap<Integer, HashMap<String, long[]>> below, HashMap<String, long[]> totals,
        HashMap<String, Double> aucs) {
      this.below = below;
      this.totals = totals;
      this.aucs = aucs;
    }

    @Override
    public Iterator<Tuple2<Integer, LinkedHashMap<String, Pass2>>> call(Integer partition, Iterator<Row> rows) {
      LinkedHashMap<String, Pass2> out = new LinkedHashMap<>();
      HashMap<String, long[]> offsets = below.get(partition);
      String key = null;
      Pass2 cur = null;
      long negBelow = 0;
      long posBelow = 0;
      long n0 = 0;
      long m = 0;
      boolean large = false;
      double auc = Double.NaN;
      boolean skip = false;
      while (rows.hasNext()) {
        Row r = rows.next();
        String k = key(r);
        if (!k.equals(key)) {
          key = k;
          long[] off = offsets.get(k);
          negBelow = off[0];
          posBelow = off[1];
          long[] tot = totals.get(k);
          n0 = tot[0];
          m = tot[1];
          large = (double) m * n0 >= 2e18;
          if (aucs != null) {
            Double a = aucs.get(k);
            skip = a == null;
            auc = a == null ? Double.NaN : a;
          }
          cur = skip ? null : out.computeIfAbsent(k, x -> new Pass2());
        }
        long q = r.getLong(3);
        long p = r.getLong(4);
        if (cur != null) {
          if (aucs == null) {
            if (p != 0) {
              if (large) {
                cur.num2Large.add((double) p * (2.0 * negBelow + q));
              } else {
                cur.num2 += p * (2 * negBelow + q);
              }
              // AUPRC, scikit-learn's descending walk: tp counts the positives at or above this score
              long tp = m - posBelow;
              long prev = tp - p;
              long fp = n0 - negBelow;
              double dm = m;
              cur.ap.add((tp / dm - prev / dm) * ((double) tp / (double) (tp + fp)));
            }
          } else {
            // DeLong, Sun and Xu's placements: V10 = (negatives below + half the tied) / n0, V01 likewise
            if (p != 0) {
              double v10 = (negBelow + 0.5 * q) / (double) n0;
              double dv = v10 - auc;
              cur.s10.add(p * (dv * dv));
            }
            if (q != 0) {
              long above = m - posBelow - p;
              double v01 = (above + 0.5 * p) / (double) m;
              double dv = v01 - auc;
              cur.s01.add(q * (dv * dv));
            }
          }
        }
        negBelow += q;
        posBelow += p;
      }
      return Collections.singletonList(new Tuple2<>(partition, out)).iterator();
    }
  }

  /** The sums of one fit evaluation of one subset in one partition. */
  static final class FitSums implements Serializable, Mergeable<FitSums> {
    private static final long serialVersionUID = 1L;
    final ExactSum[] sums = new ExactSum[6];

    FitSums() {
      for (int i = 0; i < sums.length; i++) {
        sums[i] = new ExactSum();
      }
    }

    @Override
    public void mergeFrom(FitSums o) {
      for (int i = 0; i < sums.length; i++) {
        sums[i].add(o.sums[i]);
      }
    }

    double[] values() {
      double[] v = new double[sums.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = sums[i].value();
      }
      return v;
    }
  }

  /**
   * Evaluates each subset's requested fit point: {0, a} for the offset fit ({@code sum n mu},
   * {@code sum n w}); {1, xbar, c, b, loglik} for the slope fit (gradient, information, log-likelihood),
   * with the metrics module's expressions.
   */
  static final class FitFn implements Function2<Integer, Iterator<Row>, Iterator<Tuple2<Integer,
      LinkedHashMap<String, FitSums>>>> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, double[]> requests;

    FitFn(HashMap<String, double[]> requests) {
      this.requests = requests;
    }

    @Override
    public Iterator<Tuple2<Integer, LinkedHashMap<String, FitSums>>> call(Integer partition, Iterator<Row> rows) {
      LinkedHashMap<String, FitSums> out = new LinkedHashMap<>();
      String key = null;
      double[] req = null;
      FitSums cur = null;
      double ea = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        String k = key(r);
        if (!k.equals(key)) {
          key = k;
          req = requests.get(k);
          cur = req == null ? null : out.computeIfAbsent(k, x -> new FitSums());
          if (req != null && req[0] == 0) {
            ea = Math.exp(-req[1]);
          }
        }
        if (cur == null) {
          continue;
        }
        long q = r.getLong(3);
        long p = r.getLong(4);
        if ((p | q) == 0) {
          continue;
        }
        double s = r.getDouble(2);
        double pc = Math.min(Math.max(s, CellTerms.CLIP), 1 - CellTerms.CLIP);
        double x = Math.log(pc / (1 - pc));
        double n = p + q;
        if (req[0] == 0) {
          double z = ea * Math.exp(-x);
          double mu;
          double w;
          if (z <= 1.0) {
            double inv = 1.0 / (1.0 + z);
            mu = inv;
            w = z * inv * inv;
          } else {
            double zi = 1.0 / z;
            double inv = 1.0 / (1.0 + zi);
            mu = zi * inv;
            w = zi * inv * inv;
          }
          if (Double.isInfinite(z)) {
            mu = 0.0;
            w = 0.0;
          }
          cur.sums[0].add(n * mu);
          cur.sums[1].add(n * w);
        } else {
          double u = x - req[1];
          double eta = req[2] + req[3] * u;
          double mu;
          double w;
          if (eta >= 0) {
            double z = Math.exp(-eta);
            double inv = 1.0 / (1.0 + z);
            mu = inv;
            w = z * inv * inv;
            if (req[4] != 0) {
              cur.sums[5].add(p * eta - n * (eta + Math.log1p(z)));
            }
          } else {
            double z = Math.exp(eta);
            double inv = 1.0 / (1.0 + z);
            mu = z * inv;
            w = z * inv * inv;
            if (req[4] != 0) {
              cur.sums[5].add(p * eta - n * Math.log1p(z));
            }
          }
          double res = p - n * mu;
          double nw = n * w;
          cur.sums[0].add(res);
          cur.sums[1].add(res * u);
          cur.sums[2].add(nw);
          cur.sums[3].add(nw * u);
          cur.sums[4].add(nw * u * u);
        }
      }
      return Collections.singletonList(new Tuple2<>(partition, out)).iterator();
    }
  }

  /** One subset's merged sums and its metrics so far. */
  static final class Subset {
    final Pass1 p1;
    final long m;
    final long n0;
    final MetricValue auroc;
    final MetricValue auprc;
    Interval delong;

    Subset(Pass1 p1, Pass2 ranks, double[] ts, int bins) {
      this.p1 = p1;
      this.m = p1.pos;
      this.n0 = p1.neg;
      if (m == 0) {
        auroc = MetricValue.undefined(NO_POSITIVES_ONE_CLASS);
      } else if (n0 == 0) {
        auroc = MetricValue.undefined(NO_NEGATIVES_ONE_CLASS);
      } else if ((double) m * n0 < 2e18) {
        auroc = MetricValue.of(ranks.num2 / (2.0 * m * n0));
      } else {
        auroc = MetricValue.of(ranks.num2Large.value() / (2.0 * m * n0));
      }
      auprc = m == 0 ? MetricValue.undefined(NO_POSITIVES) : MetricValue.of(ranks.ap.value());
      delong = Interval.undefined(auroc, Interval.Method.DELONG, TOO_FEW);
    }

    void delong(Pass2 sums) {
      double a = auroc.orElseThrow();
      double mm = m;
      double nn = n0;
      double var = sums.s10.value() / (mm - 1) / mm + sums.s01.value() / (nn - 1) / nn;
      if (!(var > 0)) {
        delong = Interval.undefined(auroc, Interval.Method.DELONG, ZERO_VARIANCE);
        return;
      }
      double se = Math.sqrt(var);
      delong = new Interval(auroc, MetricValue.of(Math.max(0.0, a - Z975 * se)),
          MetricValue.of(Math.min(1.0, a + Z975 * se)), Interval.Method.DELONG);
    }

    SubsetMetrics toMetrics(Fits fits, MetricsOptions options) {
      long n = m + n0;
      double dn = n;
      int bins = options.bins();
      // ECE and MCE from the bins, in bin order, with the module's compensated sum
      Neumaier ece = new Neumaier();
      double mce = 0;
      for (int b = 0; b < bins; b++) {
        long c = p1.binN[b];
        if (c == 0) {
          continue;
        }
        double dc = c;
        double gap = Math.abs(p1.binY[b] / dc - p1.binP[b].value() / dc);
        ece.add(dc / dn * gap);
        mce = Math.max(mce, gap);
      }
      double[] ts = options.thresholdArray();
      List<ThresholdMetrics> thresholds = new ArrayList<>();
      for (int j = 0; j < ts.length; j++) {
        thresholds.add(threshold(ts[j], p1.tp[j], p1.fp[j], m, n0));
      }
      Calibration calibration = calibration(bins);
      Map<String, Interval> intervals = new LinkedHashMap<>();
      intervals.put("auroc", delong);
      intervals.put("calibration_slope", wald(fits.slope(), fits.slopeStandardError()));
      intervals.put("calibration_intercept", wald(fits.intercept(), fits.interceptStandardError()));
      intervals.put("oe_ratio", Interval.oeRatio(calibration.observedExpected(), m, n));
      return new SubsetMetrics(n, m, MetricValue.of((double) m / (double) n), auroc, auprc,
          MetricValue.of(p1.brier.value() / dn), MetricValue.of(p1.loss.value() / dn), MetricValue.of(ece.value()),
          MetricValue.of(mce), fits.slope(), fits.intercept(), thresholds, calibration, intervals);
    }

    /** Wald's 95% interval from the fit's standard error, as the metrics module's {@code SubsetComputation}. */
    private static Interval wald(MetricValue point, double se) {
      if (!point.isDefined()) {
        return Interval.undefined(point, Interval.Method.WALD, point.reason().orElseThrow());
      }
      double b = point.orElseThrow();
      if (!(se >= 0) || Double.isInfinite(se)) {
        return Interval.undefined(point, Interval.Method.WALD, SINGULAR_INFORMATION);
      }
      return new Interval(point, MetricValue.of(b - Z975 * se), MetricValue.of(b + Z975 * se),
          Interval.Method.WALD);
    }

    private Calibration calibration(int bins) {
      MetricValue z;
      MetricValue pValue;
      double v = p1.spVar.value();
      if (v > 0) {
        double zz = p1.spNum.value() / Math.sqrt(v);
        z = MetricValue.of(zz);
        pValue = MetricValue.of(Erf.erfc(Math.abs(zz) / Math.sqrt(2.0)));
      } else {
        z = MetricValue.undefined(ZERO_SPIEGELHALTER_VARIANCE);
        pValue = MetricValue.undefined(ZERO_SPIEGELHALTER_VARIANCE);
      }
      double expected = p1.sumP.value();
      MetricValue oe = expected > 0 ? MetricValue.of(m / expected) : MetricValue.undefined(ZERO_EXPECTED);
      List<CalibrationBin> curve = new ArrayList<>();
      double width = 1.0 / bins;
      for (int b = 0; b < bins; b++) {
        if (p1.binN[b] == 0) {
          continue;
        }
        double lower = b == 0 ? 0.0 : b * width;
        double upper = b == bins - 1 ? 1.0 : (b + 1) * width;
        double dc = p1.binN[b];
        curve.add(new CalibrationBin(b, lower, upper, p1.binN[b], p1.binP[b].value() / dc, p1.binY[b] / dc));
      }
      MetricValue notOnSpark = MetricValue.undefined(NOT_ON_SPARK);
      return new Calibration(bins, z, pValue, oe, curve, notOnSpark, notOnSpark, notOnSpark, notOnSpark);
    }

    private static ThresholdMetrics threshold(double t, long tp, long fp, long m, long n0) {
      long fn = m - tp;
      long tn = n0 - fp;
      double dn = m + n0;
      MetricValue sens = m == 0 ? MetricValue.undefined(NO_POSITIVES) : MetricValue.of((double) tp / (double) m);
      MetricValue spec = n0 == 0 ? MetricValue.undefined(NO_NEGATIVES) : MetricValue.of((double) tn / (double) n0);
      MetricValue ppv = tp + fp == 0 ? MetricValue.undefined(NO_PREDICTED_POSITIVES)
          : MetricValue.of((double) tp / (double) (tp + fp));
      MetricValue npv = tn + fn == 0 ? MetricValue.undefined(NO_PREDICTED_NEGATIVES)
          : MetricValue.of((double) tn / (double) (tn + fn));
      long f1d = 2 * tp + fp + fn;
      MetricValue f1 = f1d == 0 ? MetricValue.undefined(NO_F1) : MetricValue.of((double) (2 * tp) / (double) f1d);
      MetricValue alert = MetricValue.of((tp + fp) / dn);
      MetricValue nb = t == 1.0 ? MetricValue.undefined(NET_BENEFIT_AT_ONE)
          : MetricValue.of(tp / dn - fp / dn * (t / (1 - t)));
      return new ThresholdMetrics(t, tp, fp, tn, fn, sens, spec, ppv, npv, f1, alert, nb,
          ThresholdMetrics.treatAll(t, m / dn));
    }
  }

  /** Neumaier's compensated sum, as the metrics module sums ECE's per-bin terms. */
  static final class Neumaier {
    private double sum;
    private double compensation;

    void add(double x) {
      double t = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) {
        compensation += (sum - t) + x;
      } else {
        compensation += (x - t) + sum;
      }
      sum = t;
    }

    double value() {
      return sum + compensation;
    }
  }
}
