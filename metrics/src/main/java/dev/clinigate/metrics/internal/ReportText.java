package dev.clinigate.metrics.internal;

import dev.clinigate.metrics.CalibrationBin;
import dev.clinigate.metrics.GroupColumn;
import dev.clinigate.metrics.GroupMetrics;
import dev.clinigate.metrics.Interval;
import dev.clinigate.metrics.MetricValue;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.metrics.SubsetMetrics;
import dev.clinigate.metrics.ThresholdMetrics;
import java.util.Locale;

/**
 * Fixed-width text rendering of a {@link MetricsReport}: 4 decimals, {@code Locale.ROOT}, "n/a" for
 * undefined values, p-values below 0.0001 as {@code "<0.0001"}.
 */
public final class ReportText {
  private ReportText() {}

  /** Renders the report, ending with a newline. */
  public static String render(MetricsReport report) {
    StringBuilder b = new StringBuilder();
    b.append("Binary classification metrics");
    if (report.options().bootstrapEnabled()) {
      b.append(String.format(Locale.ROOT, " (bootstrap: %d replicates, seed %d)",
          report.options().bootstrapReplicates(), report.options().bootstrapSeed()));
    }
    b.append('\n');
    subset(b, "all cases", report.overall(), "");
    for (GroupColumn c : report.groups()) {
      for (GroupMetrics g : c.groups()) {
        b.append('\n');
        subset(b, c.column() + "=" + g.value(), g.metrics(), "  ");
      }
    }
    // no trailing blanks (empty interval columns)
    return b.toString().replaceAll(" +\n", "\n");
  }

  private static void subset(StringBuilder b, String title, SubsetMetrics s, String indent) {
    b.append(indent).append(String.format(Locale.ROOT, "%s: n=%d, positives=%d, prevalence=%s", title, s.n(),
        s.positives(), num(s.prevalence()))).append('\n');
    b.append(indent).append(String.format(Locale.ROOT, "  %-22s %10s %10s %10s  %s", "metric", "value",
        "lower95", "upper95", "interval")).append('\n');
    for (String name : SubsetMetrics.METRIC_NAMES) {
      if (name.startsWith("spiegelhalter_")) {
        continue; // on the calibration line below
      }
      MetricValue v = s.metric(name);
      Interval iv = s.intervals().get(name);
      b.append(indent).append(String.format(Locale.ROOT, "  %-22s %10s %10s %10s  %s", name, num(v),
          iv == null ? "" : num(iv.lower95()), iv == null ? "" : num(iv.upper95()),
          iv == null ? "" : iv.method().id())).append('\n');
    }
    b.append(indent).append(String.format(Locale.ROOT, "  calibration (%d bins): Spiegelhalter z=%s p=%s,"
        + " observed/expected=%s", s.calibration().bins(), num(s.calibration().spiegelhalterZ()),
        pValue(s.calibration().spiegelhalterP()), num(s.calibration().observedExpected()))).append('\n');
    if (!s.thresholds().isEmpty()) {
      b.append(indent).append(String.format(Locale.ROOT, "  %-9s %11s %11s %8s %8s %8s %10s %11s %9s", "threshold",
          "sensitivity", "specificity", "ppv", "npv", "f1", "alert_rate", "net_benefit", "treat_all")).append('\n');
      for (ThresholdMetrics t : s.thresholds()) {
        b.append(indent).append(String.format(Locale.ROOT, "  %-9s %11s %11s %8s %8s %8s %10s %11s %9s",
            fixed(t.threshold()), num(t.sensitivity()), num(t.specificity()), num(t.ppv()), num(t.npv()),
            num(t.f1()), num(t.alertRate()), num(t.netBenefit()), num(t.netBenefitTreatAll()))).append('\n');
      }
    }
    if (!s.calibration().curve().isEmpty()) {
      b.append(indent).append(String.format(Locale.ROOT, "  %-4s %-17s %9s %14s %13s", "bin", "range", "n",
          "mean_predicted", "observed_rate")).append('\n');
      for (CalibrationBin c : s.calibration().curve()) {
        String range = (c.index() == 0 ? "[" : "(") + fixed(c.lower()) + ", " + fixed(c.upper()) + "]";
        b.append(indent).append(String.format(Locale.ROOT, "  %-4d %-17s %9d %14s %13s", c.index(), range, c.n(),
            fixed(c.meanPredicted()), fixed(c.observedRate()))).append('\n');
      }
    }
  }

  private static String num(MetricValue v) {
    return v.isDefined() ? fixed(v.orElseThrow()) : "n/a";
  }

  private static String pValue(MetricValue v) {
    if (!v.isDefined()) {
      return "n/a";
    }
    double p = v.orElseThrow();
    return p < 0.0001 ? "<0.0001" : fixed(p);
  }

  private static String fixed(double v) {
    String s = dev.clinigate.json.Json.fixed(v, 4);
    return s.equals("-0.0000") ? "0.0000" : s;
  }
}
