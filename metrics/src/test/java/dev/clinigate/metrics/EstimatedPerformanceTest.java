package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class EstimatedPerformanceTest {

  @Test
  void of_smallExample_matchesHandComputedValues() {
    // scores 0.9, 0.6, 0.4, 0.1 at t = 0.5: TP = 1.5, FP = 0.5, FN = 0.5, TN = 1.5
    EstimatedPerformance e = EstimatedPerformance.of(new double[] {0.9, 0.6, 0.4, 0.1}, new double[] {0.5, 0.95});
    assertEquals(0.5, e.estimatedPrevalence(), 1e-15);
    EstimatedPerformance.AtThreshold a = e.thresholds().get(0);
    assertEquals(0.75, a.sensitivity(), 1e-15);
    assertEquals(0.75, a.specificity(), 1e-15);
    assertEquals(0.75, a.ppv(), 1e-15);
    assertEquals(0.75, a.npv(), 1e-15);
    EstimatedPerformance.AtThreshold none = e.thresholds().get(1); // nothing flagged
    assertEquals(0.0, none.sensitivity());
    assertTrue(Double.isNaN(none.ppv()));
    assertEquals("{\"assumesCalibration\":true,\"estimated_prevalence\":0.5,\"n\":4,\"thresholds\":["
        + "{\"estimated_npv\":0.75,\"estimated_ppv\":0.75,\"estimated_sensitivity\":0.75,\"estimated_specificity\":0.75,"
        + "\"threshold\":0.5},{\"estimated_npv\":0.5,\"estimated_ppv\":null,\"estimated_sensitivity\":0.0,"
        + "\"estimated_specificity\":1.0,\"threshold\":0.95}]}", Json.canonical(e.toJson()));
  }

  @Test
  void of_manyScores_matchesExactDecimalComputation() {
    double[] s = new double[997];
    for (int i = 0; i < s.length; i++) {
      s[i] = ((i * 7919L) % 1000) / 1000.0; // ties and the full range
    }
    double t = 0.3;
    EstimatedPerformance.AtThreshold a = EstimatedPerformance.of(s, new double[] {t}).thresholds().get(0);
    BigDecimal tp = BigDecimal.ZERO;
    BigDecimal fp = BigDecimal.ZERO;
    BigDecimal fn = BigDecimal.ZERO;
    BigDecimal tn = BigDecimal.ZERO;
    for (double p : s) {
      BigDecimal bp = new BigDecimal(p);
      BigDecimal q = BigDecimal.ONE.subtract(bp);
      if (p >= t) {
        tp = tp.add(bp);
        fp = fp.add(q);
      } else {
        fn = fn.add(bp);
        tn = tn.add(q);
      }
    }
    MathContext mc = MathContext.DECIMAL64;
    assertEquals(tp.divide(tp.add(fn), mc).doubleValue(), a.sensitivity(), 1e-12);
    assertEquals(tn.divide(tn.add(fp), mc).doubleValue(), a.specificity(), 1e-12);
    assertEquals(tp.divide(tp.add(fp), mc).doubleValue(), a.ppv(), 1e-12);
    assertEquals(tn.divide(tn.add(fn), mc).doubleValue(), a.npv(), 1e-12);
  }
}
