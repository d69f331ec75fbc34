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
 * <p>Cost: at most about 100 + (number of gaps wider than delta) anchors, each O(sqrt(cells)) with the
 * block moments of {@code Window} (O(cells) to prepare); the quantiles select order statistics in
 * expected O(cells).
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
    double[] q = quantiles7(err, cnt, k, n, 0.5, 0.9);
    return new double[] {sum.value() / n, q[0], q[1], max};
  }

  /**
   * The lowess fit (iter = 0) at each of {@code k} strictly ascending distinct x values, where x[i] stands
   * for cnt[i] rows whose y values sum to ysum[i].
   */
  static double[] lowess(double[] x, long[] cnt, double[] ysum, int k) {
    return lowess(x, cnt, ysum, k, Math.max(MIN_BLOCK, (int) Math.sqrt(k)));
  }

  /** {@link #lowess(double[], long[], double[], int)} with blocks of {@code blockCells} cells. */
  static double[] lowess(double[] x, long[] cnt, double[] ysum, int k, int blockCells) {
    double[] fit = new double[k];
    long n = 0;
    for (int i = 0; i < k; i++) {
      n += cnt[i];
    }
    if (n < 2) {
      fit[0] = ysum[0];
      return fit;
    }
    Window win = new Window(x, cnt, ysum, k, n, blockCells);
    long ns = Math.max(2, Math.min(n, (long) (SPAN * n + 1e-7)));
    double range = x[k - 1] - x[0];
    double delta = 0.01 * range;
    // window rows [left, right]; leftCell and rightCell hold them
    long left = 0;
    long right = ns - 1;
    long[] start = win.start;
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
      double h = Math.max(xs - x[leftCell], x[rightCell] - xs);
      fit[anchor] = win.localFit(xs, h, left, leftCell, range);
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

  /** Smallest number of cells in a block. */
  static final int MIN_BLOCK = 16;
  /** Moments kept per block: sum c z^p for p = 0..MOMENTS-1 (tricube weight degree 9, times u^2). */
  private static final int MOMENTS = 12;

  /**
   * The cells with their block moments, and the local weighted fit at one anchor.
   *
   * <p>Design note (blocks): a local fit needs five weighted sums over the window (of w, w u, w u^2,
   * w y, w u y, u = x - xs). On the cells of one side of the anchor beyond 0.001 h the tricube weight
   * (1 - |u / h|^3)^3 is a polynomial of degree 9 in x, so over a block of consecutive cells that lies
   * wholly there each sum is a combination of the block's moments sum c (x - centre)^p, p &lt;= 11, and
   * sum y (x - centre)^p, p &lt;= 10, expanded about the block's own centre so that no large terms
   * cancel. Blocks of about sqrt(cells) cells make a fit cost O(sqrt(cells)) instead of O(cells); the
   * blocks that contain a boundary (the window's ends, the anchor's 0.001 h core) are summed cell by
   * cell exactly as R does.
   */
  private static final class Window {
    final double[] x;
    final long[] cnt;
    final double[] ysum;
    final double[] ymean;
    final int k;
    final long[] start;
    final int blockCells;
    final int blocks;
    final double[] centre;
    final double[] mc;
    final double[] my;
    final double[] poly = new double[10];
    // accumulators of one fit: sum w, sum w u, sum w u^2, sum w y, sum w u y
    double sw;
    double swu;
    double swuu;
    double swy;
    double swuy;

    Window(double[] x, long[] cnt, double[] ysum, int k, long n, int blockCells) {
      this.x = x;
      this.cnt = cnt;
      this.ysum = ysum;
      this.k = k;
      this.blockCells = blockCells;
      start = new long[k + 1]; // first row (0-based) of each cell; start[k] = n
      ymean = new double[k];
      for (int i = 0; i < k; i++) {
        start[i + 1] = start[i] + cnt[i];
        ymean[i] = ysum[i] / cnt[i];
      }
      blocks = (k + blockCells - 1) / blockCells;
      centre = new double[blocks];
      mc = new double[blocks * MOMENTS];
      my = new double[blocks * MOMENTS];
      for (int b = 0; b < blocks; b++) {
        int from = b * blockCells;
        int to = Math.min(k, from + blockCells);
        double c = 0.5 * (x[from] + x[to - 1]);
        centre[b] = c;
        for (int i = from; i < to; i++) {
          double z = x[i] - c;
          double pc = cnt[i];
          double py = ysum[i];
          int o = b * MOMENTS;
          for (int p = 0; p < MOMENTS; p++) {
            mc[o + p] += pc;
            my[o + p] += py;
            pc *= z;
            py *= z;
          }
        }
      }
    }

    /** The local fit at xs with radius h over the window starting at row {@code left} of {@code leftCell}. */
    double localFit(double xs, double h, long left, int leftCell, double range) {
      double h9 = 0.999 * h;
      double h1 = 0.001 * h;
      // the cells with weight > 0 form [lo, hi]; those with weight exactly 1 form [a1, b1]
      int l = leftCell;
      int r = k;
      while (l < r) { // first cell with x >= xs - h9 on the left side, i.e. |x - xs| <= h9 or x > xs
        int m = (l + r) >>> 1;
        if (x[m] <= xs && xs - x[m] > h9) {
          l = m + 1;
        } else {
          r = m;
        }
      }
      int lo = l;
      l = lo;
      r = k;
      while (l < r) { // first cell right of xs beyond h9
        int m = (l + r) >>> 1;
        if (x[m] > xs && x[m] - xs > h9) {
          r = m;
        } else {
          l = m + 1;
        }
      }
      int hi = l - 1;
      l = lo;
      r = hi + 1;
      while (l < r) { // first cell within h1
        int m = (l + r) >>> 1;
        if (x[m] <= xs && xs - x[m] > h1) {
          l = m + 1;
        } else {
          r = m;
        }
      }
      int a1 = l;
      l = a1;
      r = hi + 1;
      while (l < r) {
        int m = (l + r) >>> 1;
        if (x[m] > xs && x[m] - xs > h1) {
          r = m;
        } else {
          l = m + 1;
        }
      }
      int b1 = l - 1;
      sw = 0;
      swu = 0;
      swuu = 0;
      swy = 0;
      swuy = 0;
      boolean cutCell = left != start[leftCell];
      int j = lo;
      while (j <= hi) {
        int b = j / blockCells;
        int bs = b * blockCells;
        int be = Math.min(k, bs + blockCells) - 1;
        boolean whole = bs == j && be <= hi && (be < a1 || bs > b1) && !(cutCell && bs == leftCell) && h > 0;
        if (whole) {
          addBlock(b, xs, h, be < a1 ? -1.0 : 1.0);
          j = be + 1;
        } else {
          int to = Math.min(be, hi);
          addCells(j, to, xs, h, h1, left, leftCell);
          j = to + 1;
        }
      }
      double a = sw;
      if (!(a > 0)) {
        // cannot happen (the anchor's own cell has weight 1 per row); R then keeps the observation
        return ymean[leftCell];
      }
      double meanU = swu / a;
      double c = swuu / a - meanU * meanU;
      if (h > 0 && Math.sqrt(c) > 0.001 * range) {
        double slope = -meanU / c; // (xs - weighted mean of x) / c
        return (swy + slope * (swuy - meanU * swy)) / a;
      }
      return swy / a;
    }

    /** Adds cells [from, to] one by one, with R's weights. */
    private void addCells(int from, int to, double xs, double h, double h1, long left, int leftCell) {
      for (int j = from; j <= to; j++) {
        double u = x[j] - xs;
        double rr = Math.abs(u);
        double w = rr <= h1 ? 1.0 : tricube(rr / h);
        // rows of the first cell before the window's left end are not in the window (a formality: that
        // cell's weight is 0 whenever it is cut, see the class comment)
        double rows = j == leftCell ? (double) (start[j + 1] - left) : (double) cnt[j];
        double wr = w * rows;
        double wy = wr * ymean[j];
        sw += wr;
        swu += wr * u;
        swuu += wr * u * u;
        swy += wy;
        swuy += wy * u;
      }
    }

    /** Adds a whole block on one side of the anchor ({@code side} = sign of x - xs), from its moments. */
    private void addBlock(int b, double xs, double h, double side) {
      double d = centre[b] - xs;
      double alpha = d / h;
      double beta = 1.0 / h;
      // q(z) = 1 - side * (alpha + beta z)^3, w = q^3, z = x - centre
      double q0 = 1.0 - side * alpha * alpha * alpha;
      double q1 = -side * 3.0 * alpha * alpha * beta;
      double q2 = -side * 3.0 * alpha * beta * beta;
      double q3 = -side * beta * beta * beta;
      double[] w = poly;
      double s0 = q0 * q0;
      double s1 = 2 * q0 * q1;
      double s2 = 2 * q0 * q2 + q1 * q1;
      double s3 = 2 * (q0 * q3 + q1 * q2);
      double s4 = 2 * q1 * q3 + q2 * q2;
      double s5 = 2 * q2 * q3;
      double s6 = q3 * q3;
      w[0] = s0 * q0;
      w[1] = s0 * q1 + s1 * q0;
      w[2] = s0 * q2 + s1 * q1 + s2 * q0;
      w[3] = s0 * q3 + s1 * q2 + s2 * q1 + s3 * q0;
      w[4] = s1 * q3 + s2 * q2 + s3 * q1 + s4 * q0;
      w[5] = s2 * q3 + s3 * q2 + s4 * q1 + s5 * q0;
      w[6] = s3 * q3 + s4 * q2 + s5 * q1 + s6 * q0;
      w[7] = s4 * q3 + s5 * q2 + s6 * q1;
      w[8] = s5 * q3 + s6 * q2;
      w[9] = s6 * q3;
      int o = b * MOMENTS;
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double y0 = 0;
      double y1 = 0;
      for (int p = 0; p < 10; p++) {
        double wp = w[p];
        a0 += wp * mc[o + p];
        a1 += wp * mc[o + p + 1];
        a2 += wp * mc[o + p + 2];
        y0 += wp * my[o + p];
        y1 += wp * my[o + p + 1];
      }
      // u = d + z: sum w u = d a0 + a1, sum w u^2 = d^2 a0 + 2 d a1 + a2
      sw += a0;
      swu += d * a0 + a1;
      swuu += d * d * a0 + 2 * d * a1 + a2;
      swy += y0;
      swuy += d * y0 + y1;
    }
  }

  private static double tricube(double t) {
    double v = 1.0 - t * t * t;
    return v * v * v;
  }

  /**
   * R's type-7 quantiles of the n values where value v[i] &gt;= 0 occurs cnt[i] times: for each q, with
   * h = (n - 1) q and the order statistics x_(lo) &lt;= x_(lo+1) (0-based, lo = floor(h)),
   * (1 - g) x_(lo) + g x_(lo+1), g = h - lo.
   *
   * <p>The order statistics are found in two passes: a weighted histogram over the top bits of the
   * values' IEEE representation (which orders non-negative doubles) finds the bucket of each rank,
   * and a weighted selection among that bucket's values finds the value.
   */
  static double[] quantiles7(double[] v, long[] cnt, int k, long n, double... qs) {
    long[] ranks = new long[2 * qs.length];
    double[] g = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      double index = (n - 1) * qs[i];
      long lo = (long) Math.floor(index);
      g[i] = index - lo;
      ranks[2 * i] = lo;
      ranks[2 * i + 1] = Math.min(lo + 1, n - 1);
    }
    double[] stat = orderStatistics(v, cnt, k, ranks);
    double[] out = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      double a = stat[2 * i];
      double b = stat[2 * i + 1];
      out[i] = g[i] == 0.0 || a == b ? a : (1 - g[i]) * a + g[i] * b;
    }
    return out;
  }

  private static final int BUCKET_SHIFT = 47; // 16 bits of exponent and leading mantissa (the sign is 0)

  /** The values of the given 0-based ranks among the weighted non-negative values. */
  static double[] orderStatistics(double[] v, long[] cnt, int k, long[] ranks) {
    long[] hist = new long[1 << (63 - BUCKET_SHIFT)];
    for (int i = 0; i < k; i++) {
      hist[(int) (Double.doubleToRawLongBits(v[i] + 0.0) >>> BUCKET_SHIFT)] += cnt[i];
    }
    int m = ranks.length;
    int[] bucket = new int[m];
    long[] within = new long[m];
    for (int j = 0; j < m; j++) {
      long r = ranks[j];
      int b = 0;
      while (r >= hist[b]) {
        r -= hist[b];
        b++;
      }
      bucket[j] = b;
      within[j] = r;
    }
    double[] out = new double[m];
    boolean[] done = new boolean[m];
    for (int j = 0; j < m; j++) {
      if (done[j]) {
        continue;
      }
      int b = bucket[j];
      int size = 0;
      for (int i = 0; i < k; i++) {
        if ((int) (Double.doubleToRawLongBits(v[i] + 0.0) >>> BUCKET_SHIFT) == b) {
          size++;
        }
      }
      double[] sv = new double[size];
      long[] sc = new long[size];
      size = 0;
      for (int i = 0; i < k; i++) {
        if ((int) (Double.doubleToRawLongBits(v[i] + 0.0) >>> BUCKET_SHIFT) == b) {
          sv[size] = v[i];
          sc[size] = cnt[i];
          size++;
        }
      }
      for (int t = j; t < m; t++) {
        if (!done[t] && bucket[t] == b) {
          out[t] = orderStatistic(sv, sc, size, within[t]);
          done[t] = true;
        }
      }
    }
    return out;
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
