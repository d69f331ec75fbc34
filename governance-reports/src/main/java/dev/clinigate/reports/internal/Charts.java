package dev.clinigate.reports.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The evidence report's charts as inline SVG. Each method is a pure function of its data: the same
 * numbers give the same bytes (the SVG geometry is golden-tested).
 */
public final class Charts {
  private Charts() {}

  static final double[] UNIT_TICKS = {0, 0.2, 0.4, 0.6, 0.8, 1};
  static final String BLUE = "#1f4e9c";
  static final String RED = "#c0392b";
  static final String GREY = "#777";

  /** One calibration bin: its edges, number of cases, mean predicted risk and observed event rate. */
  public record Bin(double lower, double upper, long n, double meanPredicted, double observedRate) {}

  /** One row of a forest plot; {@code lower}/{@code upper} are NaN without an interval, {@code point} NaN when absent. */
  public record ForestRow(String label, double point, double lower, double upper, String status) {}

  /** A drift histogram: bin labels (or inner edges for numeric bins) and counts of both samples. */
  public record Histogram(List<String> binLabels, boolean edges, long[] reference, long[] current) {}

  /** ROC curve: points {fpr, tpr} from (0, 0) to (1, 1), with the chance diagonal. */
  public static String roc(List<double[]> points) {
    Svg s = new Svg("ROC curve", 320, 260, 48, 12, 12, 40, 0, 1, 0, 1)
        .axes(UNIT_TICKS, UNIT_TICKS, 1, "False-positive rate (1 - specificity)", "True-positive rate (sensitivity)");
    s.line(0, 0, 1, 1, GREY, "4 3");
    s.polyline(points, BLUE, null, 2);
    s.legend(s.px(0.45), s.py(0.12), BLUE, null, "model");
    s.legend(s.px(0.45), s.py(0.04), GREY, "4 3", "chance");
    return s.finish();
  }

  /**
   * Precision-recall curve: points {recall, precision} in scikit-learn's order (recall decreasing), drawn
   * as steps (precision holds until recall changes, as average precision sums it), with the no-skill
   * line at the prevalence.
   */
  public static String precisionRecall(List<double[]> points, double prevalence) {
    Svg s = new Svg("Precision-recall curve", 320, 260, 48, 12, 12, 40, 0, 1, 0, 1)
        .axes(UNIT_TICKS, UNIT_TICKS, 1, "Recall (sensitivity)", "Precision (PPV)");
    if (!Double.isNaN(prevalence)) {
      s.line(0, prevalence, 1, prevalence, GREY, "4 3");
    }
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      double[] p = points.get(i);
      if (i == 0) {
        d.append('M').append(Svg.n(s.px(p[0]))).append(',').append(Svg.n(s.py(p[1])));
      } else {
        d.append(" H").append(Svg.n(s.px(p[0]))).append(" V").append(Svg.n(s.py(p[1])));
      }
    }
    if (!points.isEmpty()) {
      s.path(d.toString(), BLUE, 2);
    }
    s.legend(s.px(0.05), s.py(0.12), BLUE, null, "model");
    s.legend(s.px(0.05), s.py(0.04), GREY, "4 3", "no skill (prevalence)");
    return s.finish();
  }

  /**
   * Reliability diagram: observed event rate against mean predicted risk per bin (points joined by a
   * line), the diagonal of perfect calibration, and bars along the bottom whose heights are the bins'
   * case counts (labelled).
   */
  public static String reliability(List<Bin> bins) {
    Svg s = new Svg("Reliability diagram", 320, 260, 48, 12, 12, 40, 0, 1, 0, 1)
        .axes(UNIT_TICKS, UNIT_TICKS, 1, "Mean predicted risk", "Observed event rate");
    long max = 1;
    for (Bin b : bins) {
      max = Math.max(max, b.n());
    }
    double band = (s.bottom - s.top) * 0.25;
    for (Bin b : bins) {
      double h = band * b.n() / max;
      double x = s.px(b.lower());
      double w = s.px(b.upper()) - x;
      s.rectPx(x + 1, s.bottom - h, Math.max(w - 2, 1), h, "#d5dbe5",
          "bin " + Html.fixed(b.lower(), 2) + " to " + Html.fixed(b.upper(), 2) + ": n=" + Html.count(b.n()));
      s.text(x + w / 2, s.bottom - h - 2, "middle", 8, compact(b.n()), "#555");
    }
    s.line(0, 0, 1, 1, GREY, "4 3");
    List<double[]> pts = new ArrayList<>();
    for (Bin b : bins) {
      pts.add(new double[] {b.meanPredicted(), b.observedRate()});
    }
    s.polyline(pts, BLUE, null, 1.5);
    for (Bin b : bins) {
      s.circle(b.meanPredicted(), b.observedRate(), 3.5, BLUE, "mean predicted " + Html.metric(b.meanPredicted())
          + ", observed " + Html.metric(b.observedRate()) + ", n=" + Html.count(b.n()));
    }
    s.legend(s.px(0.05), s.py(0.95), BLUE, null, "model (bars: cases per bin)");
    s.legend(s.px(0.05), s.py(0.87), GREY, "4 3", "perfect calibration");
    return s.finish();
  }

  /**
   * Decision curve: net benefit of the model, of treating everyone and of treating no one (0) against the
   * threshold probability; points {t, model, treatAll}. The vertical range runs from one tick below 0 to
   * just above the larger of the prevalence and the model's best net benefit; lines leaving it are cut.
   */
  public static String decisionCurve(List<double[]> points, double prevalence) {
    double top = Double.isNaN(prevalence) ? 0 : prevalence;
    for (double[] p : points) {
      top = Math.max(top, p[1]);
    }
    double step = niceStep(Math.max(top, 0.01) / 4);
    double yMax = Math.ceil(top / step - 1e-9) * step;
    if (yMax <= 0) {
      yMax = step;
    }
    double yMin = -step;
    int ticks = (int) Math.round((yMax - yMin) / step);
    double[] yTicks = new double[ticks + 1];
    for (int i = 0; i <= ticks; i++) {
      yTicks[i] = yMin + i * step;
    }
    Svg s = new Svg("Decision curve", 320, 260, 48, 12, 12, 40, 0, 1, yMin, yMax)
        .axes(UNIT_TICKS, yTicks, step < 0.1 ? 2 : 1, "Threshold probability", "Net benefit");
    s.line(0, 0, 1, 0, "#000", "1 3");
    List<double[]> model = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    for (double[] p : points) {
      model.add(new double[] {p[0], p[1]});
      all.add(new double[] {p[0], p[2]});
    }
    s.polyline(all, GREY, "4 3", 1.5);
    s.polyline(model, BLUE, null, 2);
    s.legend(s.px(0.55), s.py(yMax) + 12, BLUE, null, "model");
    s.legend(s.px(0.55), s.py(yMax) + 26, GREY, "4 3", "treat all");
    s.legend(s.px(0.55), s.py(yMax) + 40, "#000", "1 3", "treat none");
    return s.finish();
  }

  /**
   * Forest plot: one row per group with its point (a square), its 95% interval (a line) and its status
   * on the right; the policy's bounds as vertical dashed lines. Failing rows are red and marked.
   */
  public static String forest(String metric, List<ForestRow> rows, OptionalDouble min, OptionalDouble max) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (ForestRow r : rows) {
      for (double v : new double[] {r.point(), r.lower(), r.upper()}) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (min.isPresent()) {
      lo = Math.min(lo, min.getAsDouble());
      hi = Math.max(hi, min.getAsDouble());
    }
    if (max.isPresent()) {
      lo = Math.min(lo, max.getAsDouble());
      hi = Math.max(hi, max.getAsDouble());
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    double step = niceStep(Math.max(hi - lo, 1e-6) / 4);
    double x0 = Math.floor(lo / step + 1e-9) * step;
    double x1 = Math.ceil(hi / step - 1e-9) * step;
    if (x1 <= x0) {
      x0 -= step;
      x1 += step;
    }
    int ticks = (int) Math.round((x1 - x0) / step);
    double[] xTicks = new double[ticks + 1];
    for (int i = 0; i <= ticks; i++) {
      xTicks[i] = x0 + i * step;
    }
    int n = rows.size();
    double rowH = 20;
    Svg s = new Svg("Forest plot of " + metric, 580, 12 + rowH * n + 44, 160, 12, 120, 44, x0, x1, 0, n);
    s.axes(xTicks, new double[0], decimals(step), metric, "");
    for (int i = 0; i < n; i++) {
      ForestRow r = rows.get(i);
      double y = s.top + rowH * i + rowH / 2;
      boolean fail = r.status().equals("FAIL") || r.status().equals("MISSING");
      String color = fail ? RED : r.status().equals("PASS") ? BLUE : GREY;
      s.text(s.left - 8, y + 3.5, "end", 10, r.label(), fail ? RED : "#000");
      if (!Double.isNaN(r.lower()) && !Double.isNaN(r.upper())) {
        s.rawLine(s.px(r.lower()), y, s.px(r.upper()), y, color, 1.5);
      }
      if (!Double.isNaN(r.point())) {
        String tip = r.label() + ": " + Html.metric(r.point()) + (Double.isNaN(r.lower()) ? ""
            : " (95% CI " + Html.metric(r.lower()) + " to " + Html.metric(r.upper()) + ")") + ", " + r.status();
        s.rectPx(s.px(r.point()) - 3.5, y - 3.5, 7, 7, color, tip);
      }
      s.text(s.right + 8, y + 3.5, "start", 10, (fail ? "\u2717 " : "") + r.status(), color);
    }
    if (min.isPresent()) {
      s.rawLine(s.px(min.getAsDouble()), s.top, s.px(min.getAsDouble()), s.bottom, RED, 1, "5 3");
      s.text(s.px(min.getAsDouble()), s.bottom + 28, "middle", 9, "min " + plain(min.getAsDouble()), RED);
    }
    if (max.isPresent()) {
      s.rawLine(s.px(max.getAsDouble()), s.top, s.px(max.getAsDouble()), s.bottom, RED, 1, "5 3");
      s.text(s.px(max.getAsDouble()), s.bottom + 28, "middle", 9, "max " + plain(max.getAsDouble()), RED);
    }
    return s.finish();
  }

  /**
   * Drift histogram: the share of each sample's non-missing values per bin, reference and current side by
   * side. Numeric bins are labelled by their inner edges at the bin borders, categories under their bars.
   */
  public static String histogram(String feature, Histogram h) {
    int k = h.reference().length;
    double[] ref = shares(h.reference());
    double[] cur = shares(h.current());
    double top = 0;
    for (int i = 0; i < k; i++) {
      top = Math.max(top, Math.max(ref[i], cur[i]));
    }
    double step = niceStep(Math.max(top, 0.01) / 4);
    double yMax = Math.ceil(top / step - 1e-9) * step;
    if (yMax <= 0) {
      yMax = step;
    }
    int ticks = (int) Math.round(yMax / step);
    double[] yTicks = new double[ticks + 1];
    for (int i = 0; i <= ticks; i++) {
      yTicks[i] = i * step;
    }
    Svg s = new Svg("Drift histogram of " + feature, 320, 240, 48, 28, 12, 52, 0, Math.max(k, 1), 0, yMax)
        .axes(new double[0], yTicks, decimals(step), "", "Share of values");
    for (int i = 0; i < k; i++) {
      double xr = s.px(i + 0.1);
      double xc = s.px(i + 0.5);
      double w = s.px(i + 0.5) - xr;
      s.rectPx(xr, s.py(ref[i]), w, s.bottom - s.py(ref[i]), "#9aa9bf",
          "reference bin " + (i + 1) + ": " + Html.count(h.reference()[i]) + " values (" + Html.fixed(100 * ref[i], 1) + "%)");
      s.rectPx(xc, s.py(cur[i]), w, s.bottom - s.py(cur[i]), BLUE,
          "current bin " + (i + 1) + ": " + Html.count(h.current()[i]) + " values (" + Html.fixed(100 * cur[i], 1) + "%)");
    }
    List<String> labels = h.binLabels();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i).length() > 12 ? labels.get(i).substring(0, 11) + "\u2026" : labels.get(i);
      double x = h.edges() ? s.px(i + 1) : s.px(i + 0.5);
      s.text(x, s.bottom + 12 + (i % 2) * 9, "middle", 8, label, "#333");
    }
    s.text((s.left + s.right) / 2, s.height - 6, "middle", 11, h.edges() ? "Bins (reference quantile edges)" : "Category", "#000");
    s.legendBox(s.left, 14, "#9aa9bf", "reference");
    s.legendBox(s.left + 90, 14, BLUE, "current");
    return s.finish();
  }

  private static double[] shares(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = total == 0 ? 0 : (double) counts[i] / total;
    }
    return out;
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= raw * (1 - 1e-12)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static int decimals(double step) {
    int d = 0;
    while (d < 6 && Math.abs(step * Math.pow(10, d) - Math.rint(step * Math.pow(10, d))) > 1e-9) {
      d++;
    }
    return d;
  }

  private static String plain(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** 950, 12.3k, 1.2M: a count short enough to label a bar. */
  static String compact(long n) {
    if (n < 1000) {
      return Long.toString(n);
    }
    if (n < 1_000_000) {
      return Html.fixed(n / 1000.0, n < 10_000 ? 1 : 0) + "k";
    }
    return Html.fixed(n / 1_000_000.0, n < 10_000_000 ? 1 : 0) + "M";
  }
}
