package dev.clinigate.metrics;

import dev.clinigate.json.JsonObject;
import java.util.Objects;

/**
 * Inter-rater agreement of two raters' labels beyond chance: Cohen's kappa with its large-sample
 * standard error and 95% interval. It is what evidence records as {@code labels.agreement.cohen_kappa},
 * which a promotion policy reads as the metric {@code label_kappa}.
 *
 * <pre>{@code
 * CohenKappa k = CohenKappa.of(new int[] {1, 0, 1, 1}, new int[] {1, 0, 0, 1});
 * k.kappa();        // 0.5 (= scikit-learn cohen_kappa_score)
 * k.toJson();       // {"point": 0.5, "lower95": ..., "upper95": ..., "se": ..., "n": 4, ...}
 * }</pre>
 *
 * <p>Definitions, with p_ij the share of cases rater 1 labelled i and rater 2 labelled j, p_i. and p_.j
 * the raters' marginal shares: p_o = Σ p_ii, p_e = Σ p_i.·p_.i, κ = (p_o − p_e) / (1 − p_e) (= scikit-learn
 * {@code cohen_kappa_score}). The standard error is Fleiss, Cohen and Everitt's (1969) large-sample one,
 * SE² = [Σ_i p_ii (1 − (p_i. + p_.i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)² − (κ − p_e(1 − κ))²]
 * / (n (1 − p_e)²) (= statsmodels {@code cohens_kappa(table).std_kappa}), and the interval is
 * κ ± 1.959963984540054·SE clipped to [−1, 1]. κ is undefined (null) when p_e = 1: both raters gave every
 * case the same single label, so there is no agreement beyond chance to measure; and with no cases.
 *
 * @param n the number of cases both raters labelled
 * @param observedAgreement p_o, the share of cases on which the raters agree
 * @param expectedAgreement p_e, the agreement expected by chance from the raters' marginal shares
 * @param interval κ with its 95% interval (method {@code wald})
 * @param se the large-sample standard error of κ, when defined
 */
public record CohenKappa(long n, MetricValue observedAgreement, MetricValue expectedAgreement, Interval interval,
    MetricValue se) {

  private static final double Z975 = 1.959963984540054;

  /** Validates. */
  public CohenKappa {
    Objects.requireNonNull(observedAgreement, "observedAgreement");
    Objects.requireNonNull(expectedAgreement, "expectedAgreement");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(se, "se");
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, found " + n);
    }
  }

  /**
   * Kappa of two raters' labels, coded as categories 0, 1, 2, ... (0/1 for a binary outcome); case i is
   * labelled {@code rater1[i]} by one rater and {@code rater2[i]} by the other.
   *
   * @throws IllegalArgumentException when the arrays differ in length or a code is negative
   */
  public static CohenKappa of(int[] rater1, int[] rater2) {
    if (rater1.length != rater2.length) {
      throw new IllegalArgumentException("the raters' label arrays differ in length: " + rater1.length + " and "
          + rater2.length);
    }
    int k = 0;
    for (int i = 0; i < rater1.length; i++) {
      if (rater1[i] < 0 || rater2[i] < 0) {
        throw new IllegalArgumentException("label codes must be >= 0, found " + Math.min(rater1[i], rater2[i])
            + " at index " + i);
      }
      k = Math.max(k, Math.max(rater1[i], rater2[i]) + 1);
    }
    long[][] table = new long[k][k];
    for (int i = 0; i < rater1.length; i++) {
      table[rater1[i]][rater2[i]]++;
    }
    return ofTable(table);
  }

  /**
   * Kappa of a square agreement table: {@code table[i][j]} cases labelled i by rater 1 and j by rater 2.
   *
   * @throws IllegalArgumentException when the table is not square or has a negative count
   */
  public static CohenKappa ofTable(long[][] table) {
    int k = table.length;
    long n = 0;
    for (long[] row : table) {
      if (row.length != k) {
        throw new IllegalArgumentException("the agreement table must be square, found a row of " + row.length
            + " in a table of " + k);
      }
      for (long c : row) {
        if (c < 0) {
          throw new IllegalArgumentException("counts must be >= 0, found " + c);
        }
        n += c;
      }
    }
    if (n == 0) {
      String why = "no case was labelled by both raters";
      MetricValue u = MetricValue.undefined(why);
      return new CohenKappa(0, u, u, Interval.undefined(u, Interval.Method.WALD, why), u);
    }
    double nn = n;
    double[] row = new double[k];
    double[] col = new double[k];
    double po = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        row[i] += table[i][j] / nn;
        col[j] += table[i][j] / nn;
      }
      po += table[i][i] / nn;
    }
    double pe = 0;
    for (int i = 0; i < k; i++) {
      pe += row[i] * col[i];
    }
    if (!(pe < 1)) {
      String why = "both raters gave every case the same single label, so there is no agreement beyond chance "
          + "to measure";
      MetricValue u = MetricValue.undefined(why);
      return new CohenKappa(n, MetricValue.of(po), MetricValue.of(pe), Interval.undefined(u, Interval.Method.WALD,
          why), u);
    }
    double kappa = (po - pe) / (1 - pe);
    double a = 0;
    double b = 0;
    for (int i = 0; i < k; i++) {
      double t = 1 - (row[i] + col[i]) * (1 - kappa);
      a += table[i][i] / nn * t * t;
      for (int j = 0; j < k; j++) {
        if (i != j) {
          double s = col[i] + row[j];
          b += table[i][j] / nn * s * s;
        }
      }
    }
    b *= (1 - kappa) * (1 - kappa);
    double c = kappa - pe * (1 - kappa);
    double var = (a + b - c * c) / (nn * (1 - pe) * (1 - pe));
    double se = Math.sqrt(Math.max(0, var));
    Interval iv = new Interval(MetricValue.of(kappa), MetricValue.of(Math.max(-1, kappa - Z975 * se)),
        MetricValue.of(Math.min(1, kappa + Z975 * se)), Interval.Method.WALD);
    return new CohenKappa(n, MetricValue.of(po), MetricValue.of(pe), iv, MetricValue.of(se));
  }

  /** κ, or undefined (see the class description). */
  public MetricValue kappa() {
    return interval.point();
  }

  /**
   * The evidence's {@code labels.agreement.cohen_kappa}: {@code {"point", "lower95", "upper95", "method":
   * "wald", "se", "n", "observed_agreement", "expected_agreement"}}, plus {@code "reason"} when κ is
   * undefined.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    interval.toJson().members().forEach(b::put);
    b.put("se", se.toJson()).put("n", n).put("observed_agreement", observedAgreement.toJson())
        .put("expected_agreement", expectedAgreement.toJson());
    return b.build();
  }
}
