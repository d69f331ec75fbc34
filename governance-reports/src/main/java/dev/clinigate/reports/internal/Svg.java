package dev.clinigate.reports.internal;

import java.util.List;

/**
 * A small SVG writer for the report's charts: a plot area mapping data coordinates to pixels, with axes,
 * ticks, lines, paths, marks and text. Coordinates are written with one decimal in {@code Locale.ROOT},
 * so the same data always gives the same bytes.
 *
 * <p>Design note: the report must stay self-contained and inert, so there is no script, no
 * {@code <use>}/{@code clipPath} reference ({@code url(...)}) and no external resource; lines that leave
 * the plot area are clipped here, in data space, before they are written.
 */
public final class Svg {
  private final StringBuilder b = new StringBuilder();
  /** Total width and height in pixels. */
  final double width;
  final double height;
  /** Plot area in pixels. */
  final double left;
  final double top;
  final double right;
  final double bottom;
  /** Data domain. */
  final double x0;
  final double x1;
  final double y0;
  final double y1;

  /**
   * A chart of {@code width x height} pixels whose plot area leaves the given margins and maps
   * [x0, x1] x [y0, y1] onto it.
   */
  public Svg(String label, double width, double height, double marginLeft, double marginTop, double marginRight,
      double marginBottom, double x0, double x1, double y0, double y1) {
    this.width = width;
    this.height = height;
    this.left = marginLeft;
    this.top = marginTop;
    this.right = width - marginRight;
    this.bottom = height - marginBottom;
    this.x0 = x0;
    this.x1 = x1;
    this.y0 = y0;
    this.y1 = y1;
    b.append("<svg width=\"").append(n(width)).append("\" height=\"")
        .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(label)).append("\">");
    b.append("<rect x=\"").append(n(left)).append("\" y=\"").append(n(top)).append("\" width=\"")
        .append(n(right - left)).append("\" height=\"").append(n(bottom - top))
        .append("\" fill=\"#fff\" stroke=\"#999\"/>");
  }

  /** Pixel x of data x. */
  public double px(double x) {
    return left + (x - x0) / (x1 - x0) * (right - left);
  }

  /** Pixel y of data y. */
  public double py(double y) {
    return bottom - (y - y0) / (y1 - y0) * (bottom - top);
  }

  /** A coordinate as written: one decimal, Locale.ROOT, no "-0.0". */
  static String n(double v) {
    return Html.fixed(v, 1);
  }

  /** Ticks and labels on both axes at the given data values, with axis titles. */
  public Svg axes(double[] xTicks, double[] yTicks, int decimals, String xTitle, String yTitle) {
    for (double t : xTicks) {
      double x = px(t);
      b.append("<line x1=\"").append(n(x)).append("\" y1=\"").append(n(bottom)).append("\" x2=\"").append(n(x))
          .append("\" y2=\"").append(n(bottom + 4)).append("\" stroke=\"#999\"/>");
      text(x, bottom + 15, "middle", 10, Html.fixed(t, decimals), "#333");
    }
    for (double t : yTicks) {
      double y = py(t);
      b.append("<line x1=\"").append(n(left - 4)).append("\" y1=\"").append(n(y)).append("\" x2=\"").append(n(left))
          .append("\" y2=\"").append(n(y)).append("\" stroke=\"#999\"/>");
      text(left - 6, y + 3.5, "end", 10, Html.fixed(t, decimals), "#333");
    }
    if (!xTitle.isEmpty()) {
      text((left + right) / 2, height - 6, "middle", 11, xTitle, "#000");
    }
    if (yTitle.isEmpty()) {
      return this;
    }
    b.append("<text x=\"12\" y=\"").append(n((top + bottom) / 2)).append("\" text-anchor=\"middle\" font-size=\"11\" "
        + "transform=\"rotate(-90 12 ").append(n((top + bottom) / 2)).append(")\">").append(Html.esc(yTitle))
        .append("</text>");
    return this;
  }

  /** A straight line between two data points. */
  public Svg line(double xa, double ya, double xb, double yb, String stroke, String dash) {
    b.append("<line x1=\"").append(n(px(xa))).append("\" y1=\"").append(n(py(ya))).append("\" x2=\"")
        .append(n(px(xb))).append("\" y2=\"").append(n(py(yb))).append("\" stroke=\"").append(stroke).append('"');
    if (dash != null) {
      b.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    b.append("/>");
    return this;
  }

  /** A polyline through data points {x, y}, clipped to the data domain's y range (pieces outside are cut). */
  public Svg polyline(List<double[]> points, String stroke, String dash, double strokeWidth) {
    StringBuilder piece = new StringBuilder();
    int count = 0;
    for (int i = 0; i < points.size(); i++) {
      double[] p = points.get(i);
      boolean in = p[1] >= y0 && p[1] <= y1;
      if (i > 0) {
        double[] q = points.get(i - 1);
        boolean qin = q[1] >= y0 && q[1] <= y1;
        if (in != qin) { // crossing the border: add the crossing point to the piece that is inside
          double edge = (in ? q[1] : p[1]) > y1 ? y1 : y0;
          double t = (edge - q[1]) / (p[1] - q[1]);
          double cx = q[0] + t * (p[0] - q[0]);
          piece.append(count++ == 0 ? "" : " ").append(n(px(cx))).append(',').append(n(py(edge)));
          if (!in) {
            count = flush(piece, count, stroke, dash, strokeWidth);
          }
        }
      }
      if (in) {
        piece.append(count++ == 0 ? "" : " ").append(n(px(p[0]))).append(',').append(n(py(p[1])));
      }
    }
    flush(piece, count, stroke, dash, strokeWidth);
    return this;
  }

  private int flush(StringBuilder piece, int count, String stroke, String dash, double strokeWidth) {
    if (count >= 2) {
      b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"")
          .append(Html.fixed(strokeWidth, 1)).append('"');
      if (dash != null) {
        b.append(" stroke-dasharray=\"").append(dash).append('"');
      }
      b.append(" points=\"").append(piece).append("\"/>");
    }
    piece.setLength(0);
    return 0;
  }

  /** A path given in pixel commands (already formatted). */
  public Svg path(String d, String stroke, double strokeWidth) {
    b.append("<path fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(Html.fixed(strokeWidth, 1)).append("\" d=\"").append(d).append("\"/>");
    return this;
  }

  /** A circle at a data point with a tooltip. */
  public Svg circle(double x, double y, double r, String fill, String tooltip) {
    b.append("<circle cx=\"").append(n(px(x))).append("\" cy=\"").append(n(py(y))).append("\" r=\"").append(n(r))
        .append("\" fill=\"").append(fill).append("\" stroke=\"#000\" stroke-width=\"0.5\"><title>")
        .append(Html.esc(tooltip)).append("</title></circle>");
    return this;
  }

  /** A rectangle in pixels with a tooltip. */
  public Svg rectPx(double x, double y, double w, double h, String fill, String tooltip) {
    b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
        .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"><title>")
        .append(Html.esc(tooltip)).append("</title></rect>");
    return this;
  }

  /** Text at a pixel position (escaped). */
  public Svg text(double x, double y, String anchor, int size, String text, String fill) {
    b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" font-size=\"").append(size).append("\" fill=\"").append(fill).append("\">")
        .append(Html.esc(text)).append("</text>");
    return this;
  }

  /** A legend entry (a short line and its label) at a pixel position. */
  public Svg legend(double x, double y, String stroke, String dash, String label) {
    b.append("<line x1=\"").append(n(x)).append("\" y1=\"").append(n(y)).append("\" x2=\"").append(n(x + 18))
        .append("\" y2=\"").append(n(y)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"2\"");
    if (dash != null) {
      b.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    b.append("/>");
    return text(x + 22, y + 3.5, "start", 10, label, "#000");
  }

  /** A line between two pixel positions. */
  public Svg rawLine(double xa, double ya, double xb, double yb, String stroke, double strokeWidth) {
    return rawLine(xa, ya, xb, yb, stroke, strokeWidth, null);
  }

  /** A (dashed, when {@code dash} is not null) line between two pixel positions. */
  public Svg rawLine(double xa, double ya, double xb, double yb, String stroke, double strokeWidth, String dash) {
    b.append("<line x1=\"").append(n(xa)).append("\" y1=\"").append(n(ya)).append("\" x2=\"").append(n(xb))
        .append("\" y2=\"").append(n(yb)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(Html.fixed(strokeWidth, 1)).append('"');
    if (dash != null) {
      b.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    b.append("/>");
    return this;
  }

  /** A legend entry with a filled square. */
  public Svg legendBox(double x, double y, String fill, String label) {
    b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y - 4)).append("\" width=\"8\" height=\"8\" fill=\"")
        .append(fill).append("\"/>");
    return text(x + 12, y + 3.5, "start", 10, label, "#000");
  }

  /** The finished SVG element. */
  public String finish() {
    return b + "</svg>";
  }
}
