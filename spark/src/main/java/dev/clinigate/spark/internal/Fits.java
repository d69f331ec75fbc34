package dev.clinigate.spark.internal;

import dev.clinigate.metrics.MetricValue;

/**
 * The metrics module's two logistic recalibration fits of one subset, driven one evaluation at a time:
 * {@link #request()} names the next point to evaluate over the subset's cells (a Spark pass evaluates
 * every subset's request at once), {@link #accept(double[])} takes the sums and advances.
 *
 * <p>Design note: the steps, safeguards, tolerances, iteration limits, starting points and reasons are
 * those of the metrics module's {@code LogisticFit} (offset fit first, then the slope fit started from
 * its intercept and slope 1; existence checked exactly before fitting), rewritten as state machines so
 * that a distributed sum can stand between two steps. The sums are exact, so the fitted values are a
 * function of the cells alone; they differ from the single-machine fit only by the rounding of its plain
 * sums, far below the convergence tolerance's effect (about 1e-15 relative after quadratic convergence).
 */
final class Fits {
  static final int MAX_ITERATIONS = 100;
  static final double TRUST = 0.25;
  static final double TOLERANCE = 1e-10;
  static final String NO_POSITIVES = "no positives";
  static final String NO_NEGATIVES = "no negatives";
  static final String ONE_SCORE = "every case has the same score, so the slope is not identifiable";
  static final String SEPARATED =
      "positives and negatives are separated by the score, so the maximum-likelihood fit does not exist";
  static final String NOT_CONVERGED = "logistic fit did not converge in " + MAX_ITERATIONS + " Newton iterations";

  private enum Stage { INTERCEPT, INTERCEPT_INFO, SLOPE_START, SLOPE_CURRENT_LL, SLOPE_TRIAL, SLOPE_STEP, DONE }

  private final long tp;
  private final long tn;
  private Stage stage;
  // offset fit
  private double a;
  private double lo = Double.NEGATIVE_INFINITY;
  private double hi = Double.POSITIVE_INFINITY;
  private int interceptIt = 1;
  private String interceptWhy;
  private double interceptA = Double.NaN;
  private double interceptSe = Double.NaN;
  // slope fit
  private String slopeWhy;
  private double xbar;
  private double c;
  private double b;
  private double nc;
  private double nb;
  private double dc;
  private double db;
  private double size;
  private double step;
  private double l0;
  private int halvings;
  private int slopeIt;
  private double slopeB = Double.NaN;
  private double slopeSe = Double.NaN;
  private final Pass1View cells;

  /** What the fits need of pass 1: counts, the centring sum and the extremes of x per class. */
  record Pass1View(long pos, long neg, double sx, double minPosX, double maxPosX, double minNegX, double maxNegX) {}

  Fits(DistributedReport.Pass1 p1) {
    this.tp = p1.pos;
    this.tn = p1.neg;
    this.cells = new Pass1View(p1.pos, p1.neg, p1.sx.value(), p1.minPosX, p1.maxPosX, p1.minNegX, p1.maxNegX);
    if (tp == 0) {
      interceptWhy = NO_POSITIVES;
    } else if (tn == 0) {
      interceptWhy = NO_NEGATIVES;
    }
    if (interceptWhy != null) {
      startSlope();
    } else {
      a = 0.0;
      stage = Stage.INTERCEPT;
    }
  }

  /** The calibration intercept (offset fit). */
  MetricValue intercept() {
    return interceptWhy == null ? MetricValue.of(interceptA) : MetricValue.undefined(interceptWhy);
  }

  /** The calibration slope. */
  MetricValue slope() {
    return slopeWhy == null ? MetricValue.of(slopeB) : MetricValue.undefined(slopeWhy);
  }

  /**
   * The standard error of the intercept at its estimate, 1 / sqrt(information) as the metrics module's
   * {@code LogisticFit.interceptStandardError} computes it (NaN when the information is 0 or the fit is
   * undefined).
   */
  double interceptStandardError() {
    return interceptSe;
  }

  /**
   * The standard error of the slope at its estimate: sqrt of the (b, b) entry of the inverse information
   * matrix evaluated for the last Newton step, as the metrics module's {@code LogisticFit.slope} computes
   * it (NaN when singular or the fit is undefined).
   */
  double slopeStandardError() {
    return slopeSe;
  }

  /** The next evaluation: {0, a} or {1, xbar, c, b, loglik ? 1 : 0}; null when both fits are done. */
  double[] request() {
    switch (stage) {
      case INTERCEPT:
        return new double[] {0, a};
      case INTERCEPT_INFO:
        return new double[] {0, interceptA};
      case SLOPE_START:
      case SLOPE_STEP:
        return stage == Stage.SLOPE_START ? new double[] {1, xbar, c, b, 0} : new double[] {1, xbar, nc, nb, 0};
      case SLOPE_CURRENT_LL:
        return new double[] {1, xbar, c, b, 1};
      case SLOPE_TRIAL:
        return new double[] {1, xbar, nc, nb, 1};
      default:
        return null;
    }
  }

  /** Takes the sums of the last request and advances. */
  void accept(double[] e) {
    switch (stage) {
      case INTERCEPT:
        interceptStep(e[0], e[1]);
        break;
      case INTERCEPT_INFO:
        // the information at the estimate, for the Wald interval (one more pass, as the metrics module
        // evaluates it once more at the estimate)
        interceptSe = e[1] > 0 ? 1.0 / Math.sqrt(e[1]) : Double.NaN;
        startSlope();
        break;
      case SLOPE_START:
        iterate(e);
        break;
      case SLOPE_CURRENT_LL:
        l0 = e[5];
        step = 1.0;
        halvings = 0;
        stage = Stage.SLOPE_TRIAL;
        break;
      case SLOPE_TRIAL:
        if (!(e[5] >= l0 - 1e-12 * Math.abs(l0))) {
          if (++halvings > 60) {
            finishSlope(NOT_CONVERGED);
            return;
          }
          step *= 0.5;
          nc = c + step * dc;
          nb = b + step * db;
          return;
        }
        size *= step;
        acceptStep(e);
        break;
      case SLOPE_STEP:
        acceptStep(e);
        break;
      default:
        throw new IllegalStateException("no request is pending");
    }
  }

  private void interceptStep(double s, double info) {
    double f = tp - s;
    if (f == 0.0) {
      finishIntercept(null);
      return;
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
    double st = Math.abs(next - a);
    a = next;
    if (!Double.isFinite(a)) {
      finishIntercept(NOT_CONVERGED);
      return;
    }
    if (st <= TOLERANCE * Math.max(1.0, Math.abs(a))) {
      finishIntercept(null);
      return;
    }
    if (++interceptIt > MAX_ITERATIONS) {
      finishIntercept(NOT_CONVERGED);
    }
  }

  private void finishIntercept(String why) {
    interceptWhy = why;
    interceptA = why == null ? a : Double.NaN;
    if (why == null) {
      stage = Stage.INTERCEPT_INFO;
    } else {
      startSlope();
    }
  }

  private void startSlope() {
    Pass1View v = cells;
    if (v.pos() == 0) {
      finishSlope(NO_POSITIVES);
      return;
    }
    if (v.neg() == 0) {
      finishSlope(NO_NEGATIVES);
      return;
    }
    if (Math.min(v.minPosX(), v.minNegX()) == Math.max(v.maxPosX(), v.maxNegX())) {
      finishSlope(ONE_SCORE);
      return;
    }
    if (v.maxNegX() <= v.minPosX() || v.maxPosX() <= v.minNegX()) {
      finishSlope(SEPARATED);
      return;
    }
    xbar = v.sx() / (v.pos() + v.neg());
    boolean start = interceptWhy == null;
    b = 1.0;
    c = start ? interceptA + b * xbar : 0.0;
    slopeIt = 1;
    stage = Stage.SLOPE_START;
  }

  /** One Newton iteration from the evaluation {@code e} at (c, b). */
  private void iterate(double[] e) {
    if (slopeIt > MAX_ITERATIONS) {
      finishSlope(NOT_CONVERGED);
      return;
    }
    double g0 = e[0];
    double g1 = e[1];
    double h00 = e[2];
    double h01 = e[3];
    double h11 = e[4];
    double det = h00 * h11 - h01 * h01;
    if (!(det > 0) || !Double.isFinite(det)) {
      finishSlope(NOT_CONVERGED);
      return;
    }
    dc = (h11 * g0 - h01 * g1) / det;
    db = (h00 * g1 - h01 * g0) / det;
    size = Math.max(Math.abs(dc), Math.abs(db));
    if (!Double.isFinite(size)) {
      finishSlope(NOT_CONVERGED);
      return;
    }
    nc = c + dc;
    nb = b + db;
    stage = size > TRUST ? Stage.SLOPE_CURRENT_LL : Stage.SLOPE_STEP;
  }

  /** Takes the step to (nc, nb), whose evaluation is {@code e}, and checks convergence. */
  private void acceptStep(double[] e) {
    c = nc;
    b = nb;
    if (size <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(c), Math.abs(b)))) {
      double aa = c - b * xbar;
      if (!Double.isFinite(aa) || !Double.isFinite(b)) {
        finishSlope(NOT_CONVERGED);
        return;
      }
      slopeB = b;
      // the information at the estimate, already evaluated for the last step's gradient
      double detFinal = e[2] * e[4] - e[3] * e[3];
      slopeSe = detFinal > 0 ? Math.sqrt(e[2] / detFinal) : Double.NaN;
      finishSlope(null);
      return;
    }
    slopeIt++;
    iterate(e);
  }

  private void finishSlope(String why) {
    slopeWhy = why;
    stage = Stage.DONE;
  }
}
