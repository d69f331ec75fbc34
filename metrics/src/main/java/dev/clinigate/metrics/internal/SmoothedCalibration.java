package dev.clinigate.metrics.internal;

import java.util.Arrays;

/**
 * The integrated calibration index and its quantiles: the absolute differences |p - s(p)| between each
 * case's score and a smoothed calibration curve s, computed as R's {@code rms::val.prob} does:
 * {@code s = approx(lowess(p, y, iter = 0), xout = p, ties = mean)}; ICI is their mean, E50 their median,
 * E90 their 0.9 quantile (R's type 7) and Emax their maximum (Austin and Steyerberg, 2019).
 *
 * <p>Design note (lowess): this is Cleveland's (1979) locally weighted linear regression without
 * robustness iterations, with the conventions of R's {@code stats::lowess} (f = 2/3,
 * delta = 0.01 * range): the neighbourhood of each anchor point is the window of ns = floor(f n + 1e-7)
 * consecutive sorted cases (at least 2), slid right while that shrinks its radius; the radius h is the
 * distance to the window's farther end; weights are tricube in r / h, 1 for r &lt;= 0.001 h, 0 for
 * r &gt; 0.999 h, and every case beyond the window tied within that radius is included; the local line is
 * fitted about the weighted mean of x and used only when the weighted spread of x exceeds 0.001 of the
 * range (else the local weighted mean). Anchors are taken at most delta apart; cases in between get the
 * straight line between their neighbouring anchors' fits; tied scores share one fit.
 *
 * <p>Design note (cells): the computation runs over the distinct-score table, a cell of c tied cases
 * standing for c consecutive rows of R's sorted input. The window's ends are row positions, so a cell
 * can be cut by the window's left end; the cut cell then lies at exactly the radius h from the anchor
 * (the window only stops inside a cell after a move that left the right end closer than that cell, and
 * moving the anchor right keeps it so), hence its weight is 0 and which of its tied rows are inside does
 * not matter. This is why the result does not depend on the order of tied rows, which R's own
 * {@code lowess} could only guarantee by that same argument.
 *
 * <p>Cost: O(cells) per anchor and at most about 100 + (number of gaps wider than delta) anchors, two
 * passes over the window per anchor; the quantiles select order statistics in expected O(cells).
 */
public final class SmoothedCalibration {
  /** R's default span. */
  static final double SPAN = 2.0 / 3.0;

  /** Index of ICI in the result. */
  public static final int ICI = 0;
  /** Index of E50 in the result. */
  public static final int E50 = 1;
  /** Index of E90 in the result. */
  public static final int E90 = 2;
  /** Index of Emax in the result. */
  public static final int EMAX = 3;

  private SmoothedCalibration() {}

  /**
   * {ici, e50, e90, emax} of the cases counted by {@code pos}/{@code neg} over ascending distinct scores
   * {@code score[0, d)} (cells with no cases are ignored), or null when there are no cases.
   */
  public static double[] errors(double[] score, long[] pos, long[] neg, int d) {
    int k = 0;
    for (int i = 0; i < d; i++) {
      if ((pos[i] | neg[i]) != 0) {
        k++;
      }
    }
    if (k == 0) {
      return null;
    }
    double[] x = new double[k];
    long[] cnt = new long[k];
    double[] y = new double[k];
    k = 0;
    for (int i = 0; i < d; i++) {
      long c = pos[i] + neg[i];
      if (c != 0) {
        x[k] = score[i];
        cnt[k] = c;
        y[k] = pos[i];
        k++;
      }
    }
    double[] fit = lowess(x, cnt, y, k);
    double[] err = new double[k];
    Sum sum = new Sum();
    double max = 0;
    long n = 0;
    for (int i = 0; i < k; i++) {
      double e = Math.abs(x[i] - fit[i]);
      err[i] = e;
      sum.add(cnt[i] * e);
      max = Math.max(max, e);
      n += cnt[i];
    }
    return new double[] {sum.value() / n, quantile7(err, cnt, k, n, 0.5), quantile7(err, cnt, k, n, 0.9), max};
  }

  /**
   * The lowess fit (iter = 0) at each of {@code k} strictly ascending distinct x values, where x[i] stands
   * for cnt[i] rows whose y values sum to ysum[i].
   */
  static double[] lowess(double[] x, long[] cnt, double[] ysum, int k) {
    double[] fit = new double[k];
    long n = 0;
    for (int i = 0; i < k; i++) {
      n += cnt[i];
    }
    if (n < 2) {
      fit[0] = ysum[0];
      return fit;
    }
    long[] start = new long[k + 1]; // first row (0-based) of each cell; start[k] = n
    for (int i = 0; i < k; i++) {
      start[i + 1] = start[i] + cnt[i];
    }
    long ns = Math.max(2, Math.min(n, (long) (SPAN * n + 1e-7)));
    double range = x[k - 1] - x[0];
    double delta = 0.01 * range;
    double[] w = new double[k];
    // window rows [left, right]; leftCell/rightCell hold them, nextCell holds right + 1 (when right < n - 1)
    long left = 0;
    long right = ns - 1;
    int leftCell = 0;
    int rightCell = cellOf(start, k, right, 0);
    int lastCell = -1;
    int anchor = 0;
    while (true) {
      double xs = x[anchor];
      // slide the window right while that reduces its radius (whole runs of rows at once: d1 and d2
      // change only when an end crosses into another cell)
      while (right < n - 1) {
        int nextCell = start[rightCell + 1] == right + 1 ? rightCell + 1 : rightCell;
        double d1 = xs - x[leftCell];
        double d2 = x[nextCell] - xs;
        if (!(d1 > d2)) {
          break;
        }
        long step = Math.min(start[leftCell + 1] - left, start[nextCell + 1] - (right + 1));
        step = Math.min(step, n - 1 - right);
        left += step;
        right += step;
        if (left == start[leftCell + 1]) {
          leftCell++;
        }
        rightCell = cellOf(start, k, right, rightCell);
      }
      fit[anchor] = localFit(x, cnt, ysum, k, w, xs, left, leftCell, start, rightCell, range);
      if (lastCell >= 0 && lastCell < anchor - 1) {
        double denom = x[anchor] - x[lastCell];
        for (int j = lastCell + 1; j < anchor; j++) {
          double alpha = (x[j] - x[lastCell]) / denom;
          fit[j] = alpha * fit[anchor] + (1.0 - alpha) * fit[lastCell];
        }
      }
      lastCell = anchor;
      if (anchor == k - 1) {
        break;
      }
      // next anchor: the last cell within delta of this one, or the next cell
      double cut = x[anchor] + delta;
      int j = anchor + 1;
      while (j < k && !(x[j] > cut)) {
        j++;
      }
      anchor = Math.max(anchor + 1, j - 1);
    }
    return fit;
  }

  private static int cellOf(long[] start, int k, long row, int from) {
    int c = from;
    while (c < k - 1 && start[c + 1] <= row) {
      c++;
    }
    return c;
  }

  /** The local weighted linear fit at xs over the window starting at row {@code left}. */
  private static double localFit(double[] x, long[] cnt, double[] ysum, int k, double[] w, double xs, long left,
      int leftCell, long[] start, int rightCell, double range) {
    double h = Math.max(xs - x[leftCell], x[rightCell] - xs);
    double h9 = 0.999 * h;
    double h1 = 0.001 * h;
    double a = 0;
    double ax = 0;
    int end = leftCell;
    for (int j = leftCell; j < k; j++) {
      double r = Math.abs(x[j] - xs);
      if (r <= h9) {
        double wj = r <= h1 ? 1.0 : tricube(r / h);
        // rows of the first cell before the window's left end are not in the window
        double rows = j == leftCell ? (double) (start[j + 1] - left) : (double) cnt[j];
        wj *= rows;
        w[j] = wj;
        a += wj;
        ax += wj * x[j];
        end = j + 1;
      } else {
        w[j] = 0.0;
        if (x[j] > xs) {
          break;
        }
        end = j + 1;
      }
    }
    if (!(a > 0)) {
      // cannot happen (the anchor's own cell has weight 1 per row); R then keeps the observation
      return ysum[leftCell] / cnt[leftCell];
    }
    double mean = ax / a;
    double c = 0;
    double sy = 0;
    double sxy = 0;
    for (int j = leftCell; j < end; j++) {
      double wj = w[j];
      if (wj == 0.0) {
        continue;
      }
      double u = x[j] - mean;
      // the mean y of the cell's rows in the window; for a cell cut by the window's left end it stands
      // in for rows whose labels are unknown here, a formality since that cell's weight is then 0
      double yj = ysum[j] / cnt[j];
      c += wj * u * u;
      sy += wj * yj;
      sxy += wj * u * yj;
    }
    c /= a;
    if (h > 0 && Math.sqrt(c) > 0.001 * range) {
      double b = (xs - mean) / c;
      return (sy + b * sxy) / a;
    }
    return sy / a;
  }

  private static double tricube(double t) {
    double v = 1.0 - t * t * t;
    return v * v * v;
  }

  /**
   * R's type-7 quantile of the n values where value v[i] occurs cnt[i] times: with h = (n - 1) q and
   * the order statistics x_(lo) &lt;= x_(lo+1) (0-based, lo = floor(h)), (1 - g) x_(lo) + g x_(lo+1),
   * g = h - lo.
   */
  static double quantile7(double[] v, long[] cnt, int k, long n, double q) {
    double index = (n - 1) * q;
    long lo = (long) Math.floor(index);
    double g = index - lo;
    double a = orderStatistic(v, cnt, k, lo);
    if (g == 0.0 || lo + 1 >= n) {
      return a;
    }
    double b = orderStatistic(v, cnt, k, lo + 1);
    if (b == a) {
      return a;
    }
    return (1 - g) * a + g * b;
  }

  /** The value of 0-based rank {@code rank} among the weighted values (expected O(k) selection). */
  static double orderStatistic(double[] values, long[] counts, int k, long rank) {
    double[] v = Arrays.copyOf(values, k);
    long[] c = Arrays.copyOf(counts, k);
    int lo = 0;
    int hi = k; // the answer is among v[lo, hi); rank is relative to v[lo, hi)
    long r = rank;
    long state = 0x9E3779B97F4A7C15L;
    while (true) {
      if (hi - lo == 1) {
        return v[lo];
      }
      state = SplitMix64.mix64(state + SplitMix64.GAMMA);
      double pivot = v[lo + (int) Long.remainderUnsigned(state, hi - lo)];
      // three-way partition: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot
      int lt = lo;
      int i = lo;
      int gt = hi;
      while (i < gt) {
        double x = v[i];
        if (x < pivot) {
          swap(v, c, lt++, i++);
        } else if (x > pivot) {
          swap(v, c, i, --gt);
        } else {
          i++;
        }
      }
      long below = 0;
      for (int j = lo; j < lt; j++) {
        below += c[j];
      }
      if (r < below) {
        hi = lt;
        continue;
      }
      long equal = 0;
      for (int j = lt; j < gt; j++) {
        equal += c[j];
      }
      if (r < below + equal) {
        return pivot;
      }
      r -= below + equal;
      lo = gt;
    }
  }

  private static void swap(double[] v, long[] c, int i, int j) {
    double t = v[i];
    v[i] = v[j];
    v[j] = t;
    long u = c[i];
    c[i] = c[j];
    c[j] = u;
  }
}
