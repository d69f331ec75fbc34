package dev.clinigate.metrics.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clinigate.json.Json;
import dev.clinigate.metrics.DriftReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON and text are part of the CLI contract: asserted verbatim. */
class DriftReportTest {
  static final double N = Double.NaN;

  static DriftReport report() {
    double[] ref = {1, 2, 2, 3, N};
    return DriftReport.builder()
        .numeric("lab", ref, new double[] {2, 4, N, N}, 2)
        .categorical("site", new String[] {"east", "west", "west", null},
            new String[] {"east", "north", null, "west", "west"})
        .numeric("gone", ref, new double[] {N, N}, 2)
        .build();
  }

  @Test
  void toJson_handCheckedValues_renderVerbatim() {
    // lab by hand: edges [2.0]; bins r = [1/4, 3/4], c = [0, 1]; psi = (1e-4 - .25) ln(1e-4/.25)
    // + .25 ln(1/.75) = 2.02715; ks = .5 (at 3); wasserstein = .25 + .25 + .5 = 1; scipy's
    // ks_2samp([1,2,2,3],[2,4]).pvalue = 0.9333333333333332 and chi2_contingency([[1,0,2],[1,1,2]],
    // correction=False) = (0.875, p 0.6456485264278919, dof 2); histograms: lab [1, 3] vs [0, 2] around the edge 2,
    // site east/north/west [1, 0, 2] vs [1, 1, 2]
    assertEquals("{\"features\":{"
        + "\"lab\":{\"psi\":2.0271496162259326,\"ks\":0.5,\"wasserstein\":1.0,\"js_distance\":0.3713830650016636,"
        + "\"missing_rate\":0.5,\"type\":\"numeric\",\"ks_p_value\":0.9333333333333332,"
        + "\"reference_missing_rate\":0.2,\"n_reference\":4,\"n_current\":2,\"bins\":2,"
        + "\"histogram\":{\"edges\":[2.0],\"reference\":[1,3],\"current\":[0,2]}},"
        + "\"site\":{\"psi\":2.0271496162259326,\"ks\":null,\"wasserstein\":null,\"js_distance\":0.3713830650016639,"
        + "\"missing_rate\":0.2,\"type\":\"categorical\",\"chi2\":0.875,\"chi2_dof\":2,"
        + "\"chi2_p_value\":0.6456485264278919,\"reference_missing_rate\":0.25,\"n_reference\":3,\"n_current\":4,"
        + "\"categories\":3,\"unseen_categories\":[\"north\"],"
        + "\"histogram\":{\"categories\":[\"east\",\"north\",\"west\"],\"reference\":[1,0,2],\"current\":[1,1,2]}},"
        + "\"gone\":{\"psi\":null,\"ks\":null,\"wasserstein\":null,\"js_distance\":null,\"missing_rate\":1.0,"
        + "\"type\":\"numeric\",\"ks_p_value\":null,\"reference_missing_rate\":0.2,\"n_reference\":4,"
        + "\"n_current\":0,\"bins\":2,\"undefined_reason\":\"the current sample has no non-missing values\"}}}",
        Json.compact(report().toJson()));
  }

  @Test
  void toJson_featureOrder_isInsertionOrder() {
    assertEquals(List.of("lab", "site", "gone"), List.copyOf(report().features().keySet()));
  }

  @Test
  void toText_rendersAlignedTableWithNotes() {
    assertEquals(""
        + "feature  type         n_ref  n_cur  missing     psi  js_distance      ks   ks_p  wasserstein    chi2  chi2_p\n"
        + "lab      numeric          4      2   0.5000  2.0271       0.3714  0.5000  0.933        1.000       -       -\n"
        + "site     categorical      3      4   0.2000  2.0271       0.3714       -      -            -  0.8750   0.646\n"
        + "gone     numeric          4      0   1.0000       -            -       -      -            -       -       -\n"
        + "site: categories not in the reference: north\n"
        + "gone: undefined: the current sample has no non-missing values\n",
        report().toText());
  }

  @Test
  void toJson_sameInputs_byteIdentical() {
    assertEquals(Json.canonical(report().toJson()), Json.canonical(report().toJson()));
    assertEquals(Json.sha256(report().toJson()), Json.sha256(report().toJson()));
  }
}
