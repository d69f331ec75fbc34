package dev.clinigate.metrics.internal;

/**
 * Maximum-likelihood logistic recalibration fits over a distinct-score table.
 *
 * <ul>
 *   <li>slope: y ~ a + b x, x = logit(p'), p' = clip(p, 1e-15, 1 - 1e-15); reports (a, b), b is the
 *       calibration slope.
 *   <li>intercept: y ~ a + offset(x); a is the calibration intercept (calibration-in-the-large).
 * </ul>
 *
 * <p>Design note (existence): the offset fit has a maximum iff both classes are present (its
 * log-likelihood is then strictly concave and coercive). The slope fit has a maximum iff both classes
 * are present, the cases have at least two distinct x values, and the classes are not (quasi-)completely
 * separated by x (Albert and Anderson, 1984): with one covariate that is the case iff
 * max x(negatives) &lt;= min x(positives) or max x(positives) &lt;= min x(negatives). These conditions are
 * checked exactly before fitting, so an undefined result says why.
 *
 * <p>Design note (convergence): Newton-Raphson on the log-likelihood (the covariate is centred at its
 * weighted mean for conditioning). A step whose largest component exceeds {@value #TRUST} is
 * backtracked by halving until the log-likelihood does not decrease; smaller steps are taken in full
 * (the quadratic model is reliable there and computing the log-likelihood costs a logarithm per cell).
 * The fit has converged when a step's largest component is at most {@code 1e-10 * max(1, |theta|)}
 * (after that step Newton's quadratic convergence leaves an error at the level of rounding). Inside
 * bootstrap replicates, which start from the point estimate's fit, the tolerance is {@code 1e-6}: the
 * error left after such a step is of the order of its square, far below what moves a percentile
 * interval, and it saves a pass over the cells per replicate. A fit fails
 * after {@value #MAX_ITERATIONS} iterations, on a singular information matrix or on a non-finite value.
 * The one-parameter offset fit is safeguarded Newton on the score equation inside a bracket.
 */
public final class LogisticFit {
  /** Newton iterations before a fit is declared non-convergent. */
  public static final int MAX_ITERATIONS = 100;
  static final double TRUST = 0.25;
  /** Convergence tolerance of point estimates. */
  public static final double TOLERANCE = 1e-10;
  /** Convergence tolerance inside bootstrap replicates (see the class comment). */
  public static final double REPLICATE_TOLERANCE = 1e-6;

  /** Reason: no positives. */
  public static final String NO_POSITIVES = "no positives";
  /** Reason: no negatives. */
  public static final String NO_NEGATIVES = "no negatives";
  /** Reason: every case has the same (clipped) score. */
  public static final String ONE_SCORE = "every case has the same score, so the slope is not identifiable";
  /** Reason: the classes are separated by the score. */
  public static final String SEPARATED =
      "positives and negatives are separated by the score, so the maximum-likelihood fit does not exist";
  /** Reason: Newton's method did not converge. */
  public static final String NOT_CONVERGED = "logistic fit did not converge in " + MAX_ITERATIONS
      + " Newton iterations";

  private LogisticFit() {}

  /**
   * Fits y ~ a + b x. On success writes a to {@code out[0]}, b to {@code out[1]} (and, when {@code out}
   * has a third entry, the standard error of b at the estimate: sqrt of the (b, b) entry of the inverse
   * information matrix, R's {@code vcov} of a binomial {@code glm}; NaN when singular) and returns
   * null; otherwise returns the reason. {@code start} (may be null) is a starting point {a, b}.
   */
  public static String slope(double[] x, long[] pos, long[] neg, int d, double[] start, double[] out,
      double tolerance) {
    long tp = 0;
    long tn = 0;
    double minPos = Double.POSITIVE_INFINITY;
    double maxPos = Double.NEGATIVE_INFINITY;
    double minNeg = Double.POSITIVE_INFINITY;
    double maxNeg = Double.NEGATIVE_INFINITY;
    double sx = 0;
    for (int i = 0; i < d; i++) {
      long p = pos[i];
      long q = neg[i];
      if (p > 0) {
        tp += p;
        minPos = Math.min(minPos, x[i]);
        maxPos = Math.max(maxPos, x[i]);
      }
      if (q > 0) {
        tn += q;
        minNeg = Math.min(minNeg, x[i]);
        maxNeg = Math.max(maxNeg, x[i]);
      }
      sx += (p + q) * x[i];
    }
    if (tp == 0) {
      return NO_POSITIVES;
    }
    if (tn == 0) {
      return NO_NEGATIVES;
    }
    if (Math.min(minPos, minNeg) == Math.max(maxPos, maxNeg)) {
      return ONE_SCORE;
    }
    if (maxNeg <= minPos || maxPos <= minNeg) {
      return SEPARATED;
    }
    double xbar = sx / (tp + tn);
    // parameters on the centred scale: eta = c + b (x - xbar), a = c - b xbar
    double b = start == null ? 1.0 : start[1];
    double c = start == null ? 0.0 : start[0] + b * xbar;
    double[] e = new double[6];
    evalSlope(x, pos, neg, d, xbar, c, b, e, false);
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      double g0 = e[0];
      double g1 = e[1];
      double h00 = e[2];
      double h01 = e[3];
      double h11 = e[4];
      double det = h00 * h11 - h01 * h01;
      if (!(det > 0) || !Double.isFinite(det)) {
        return NOT_CONVERGED;
      }
      double dc = (h11 * g0 - h01 * g1) / det;
      double db = (h00 * g1 - h01 * g0) / det;
      double size = Math.max(Math.abs(dc), Math.abs(db));
      if (!Double.isFinite(size)) {
        return NOT_CONVERGED;
      }
      double nc = c + dc;
      double nb = b + db;
      if (size > TRUST) {
        evalSlope(x, pos, neg, d, xbar, c, b, e, true);
        double l0 = e[5];
        double step = 1.0;
        evalSlope(x, pos, neg, d, xbar, nc, nb, e, true);
        int halvings = 0;
        while (!(e[5] >= l0 - 1e-12 * Math.abs(l0))) {
          if (++halvings > 60) {
            return NOT_CONVERGED;
          }
          step *= 0.5;
          nc = c + step * dc;
          nb = b + step * db;
          evalSlope(x, pos, neg, d, xbar, nc, nb, e, true);
        }
        size *= step;
      } else {
        evalSlope(x, pos, neg, d, xbar, nc, nb, e, false);
      }
      c = nc;
      b = nb;
      if (size <= tolerance * Math.max(1.0, Math.max(Math.abs(c), Math.abs(b)))) {
        double a = c - b * xbar;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
          return NOT_CONVERGED;
        }
        out[0] = a;
        out[1] = b;
        if (out.length > 2) {
          // the information at the estimate, already evaluated for the last step's gradient
          double detFinal = e[2] * e[4] - e[3] * e[3];
          out[2] = detFinal > 0 ? Math.sqrt(e[2] / detFinal) : Double.NaN;
        }
        return null;
      }
    }
    return NOT_CONVERGED;
  }

  /**
   * The standard error of the intercept a of the fit y ~ a + offset(x) at a: 1 / sqrt(information),
   * NaN when the information is 0.
   */
  public static double interceptStandardError(double[] expNegX, long[] pos, long[] neg, int d, double a) {
    long tp = 0;
    for (int i = 0; i < d; i++) {
      tp += pos[i];
    }
    double[] fd = new double[2];
    evalIntercept(expNegX, pos, neg, d, a, tp, fd);
    return fd[1] > 0 ? 1.0 / Math.sqrt(fd[1]) : Double.NaN;
  }

  /**
   * Gradient, information matrix and (optionally) log-likelihood at (c, b) on the centred scale:
   * e = {g0, g1, h00, h01, h11, loglik}.
   */
  private static void evalSlope(double[] x, long[] pos, long[] neg, int d, double xbar, double c, double b,
      double[] e, boolean loglik) {
    double g0 = 0;
    double g1 = 0;
    double h00 = 0;
    double h01 = 0;
    double h11 = 0;
    double ll = 0;
    for (int i = 0; i < d; i++) {
      long p = pos[i];
      long q = neg[i];
      if ((p | q) == 0) {
        continue;
      }
      double n = p + q;
      double u = x[i] - xbar;
      double eta = c + b * u;
      double mu;
      double w;
      if (eta >= 0) {
        double z = Math.exp(-eta);
        double inv = 1.0 / (1.0 + z);
        mu = inv;
        w = z * inv * inv;
        if (loglik) {
          ll += p * eta - n * (eta + Math.log1p(z));
        }
      } else {
        double z = Math.exp(eta);
        double inv = 1.0 / (1.0 + z);
        mu = z * inv;
        w = z * inv * inv;
        if (loglik) {
          ll += p * eta - n * Math.log1p(z);
        }
      }
      double r = p - n * mu;
      double nw = n * w;
      g0 += r;
      g1 += r * u;
      h00 += nw;
      h01 += nw * u;
      h11 += nw * u * u;
    }
    e[0] = g0;
    e[1] = g1;
    e[2] = h00;
    e[3] = h01;
    e[4] = h11;
    e[5] = ll;
  }

  /**
   * Fits y ~ a + offset(x). {@code expNegX[i] = exp(-x[i])}. On success writes a to {@code out[0]} and
   * returns null; otherwise returns the reason. {@code start} is a starting value for a.
   */
  public static String intercept(double[] expNegX, long[] pos, long[] neg, int d, double start, double[] out,
      double tolerance) {
    long tp = 0;
    long tn = 0;
    for (int i = 0; i < d; i++) {
      tp += pos[i];
      tn += neg[i];
    }
    if (tp == 0) {
      return NO_POSITIVES;
    }
    if (tn == 0) {
      return NO_NEGATIVES;
    }
    // f(a) = sum pos - sum n sigma(a + x) is strictly decreasing: keep a bracket [lo, hi] with
    // f(lo) > 0 > f(hi) and take Newton steps that stay inside it, else bisect.
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    double a = Double.isFinite(start) ? start : 0.0;
    double[] fd = new double[2];
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      evalIntercept(expNegX, pos, neg, d, a, tp, fd);
      double f = fd[0];
      double info = fd[1];
      if (f == 0.0) {
        out[0] = a;
        return null;
      }
      if (f > 0) {
        lo = a;
      } else {
        hi = a;
      }
      double next = info > 0 ? a + f / info : Double.NaN;
      if (!(next > lo && next < hi)) {
        if (Double.isInfinite(lo)) {
          next = hi - Math.max(1.0, 2 * Math.abs(hi));
        } else if (Double.isInfinite(hi)) {
          next = lo + Math.max(1.0, 2 * Math.abs(lo));
        } else {
          next = 0.5 * (lo + hi);
        }
      }
      double step = Math.abs(next - a);
      a = next;
      if (!Double.isFinite(a)) {
        return NOT_CONVERGED;
      }
      if (step <= tolerance * Math.max(1.0, Math.abs(a))) {
        out[0] = a;
        return null;
      }
    }
    return NOT_CONVERGED;
  }

  /** fd = {f(a), -f'(a)} for the offset fit. */
  private static void evalIntercept(double[] expNegX, long[] pos, long[] neg, int d, double a, long tp,
      double[] fd) {
    double ea = Math.exp(-a);
    double s = 0;
    double info = 0;
    for (int i = 0; i < d; i++) {
      long p = pos[i];
      long q = neg[i];
      if ((p | q) == 0) {
        continue;
      }
      double n = p + q;
      double z = ea * expNegX[i]; // exp(-(a + x))
      double mu;
      double w;
      if (z <= 1.0) {
        double inv = 1.0 / (1.0 + z);
        mu = inv;
        w = z * inv * inv;
      } else {
        double zi = 1.0 / z; // exp(a + x), finite here
        double inv = 1.0 / (1.0 + zi);
        mu = zi * inv;
        w = zi * inv * inv;
      }
      if (Double.isInfinite(z)) {
        mu = 0.0;
        w = 0.0;
      }
      s += n * mu;
      info += n * w;
    }
    fd[0] = tp - s;
    fd[1] = info;
  }
}
