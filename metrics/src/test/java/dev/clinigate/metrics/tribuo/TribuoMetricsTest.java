package dev.clinigate.metrics.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import dev.clinigate.json.Json;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelMetrics;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** The adapter on a real (tiny) Tribuo logistic regression trained on the Pima data. */
class TribuoMetricsTest {
  static final LabelFactory FACTORY = new LabelFactory();
  static MutableDataset<Label> pima;
  static Model<Label> model;

  @BeforeAll
  static void train() throws Exception {
    Path csv = Path.of(TribuoMetricsTest.class.getResource("/golden/binary/pima/pima_diabetes.csv").toURI());
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.removeIf(String::isBlank);
    String[] header = lines.get(0).split(",");
    int features = header.length - 1;
    double[][] x = new double[lines.size() - 1][features];
    String[] y = new String[x.length];
    for (int i = 0; i < x.length; i++) {
      String[] f = lines.get(i + 1).split(",");
      for (int k = 0; k < features; k++) {
        x[i][k] = Double.parseDouble(f[k]);
      }
      y[i] = f[features].equals("1") ? "diabetes" : "healthy";
    }
    double[] mean = new double[features];
    double[] sd = new double[features];
    for (int k = 0; k < features; k++) {
      for (double[] row : x) {
        mean[k] += row[k] / x.length;
      }
      for (double[] row : x) {
        sd[k] += (row[k] - mean[k]) * (row[k] - mean[k]) / x.length;
      }
      sd[k] = Math.sqrt(sd[k]);
    }
    pima = new MutableDataset<>(new SimpleDataSourceProvenance("pima",
        OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), FACTORY), FACTORY);
    String[] names = new String[features];
    System.arraycopy(header, 0, names, 0, features);
    for (int i = 0; i < x.length; i++) {
      double[] v = new double[features];
      for (int k = 0; k < features; k++) {
        v[k] = (x[i][k] - mean[k]) / sd[k];
      }
      pima.add(new ArrayExample<>(new Label(y[i]), names, v));
    }
    model = new LogisticRegressionTrainer().train(pima);
  }

  @Test
  void of_logisticRegression_sameAsArraysOfItsProbabilities() {
    MetricsReport report = TribuoMetrics.of(model, pima, "diabetes");
    List<Prediction<Label>> predictions = model.predict(pima);
    int[] labels = new int[predictions.size()];
    double[] scores = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = predictions.get(i).getExample().getOutput().getLabel().equals("diabetes") ? 1 : 0;
      scores[i] = predictions.get(i).getOutputScores().get("diabetes").getScore();
    }
    assertEquals(768, report.n());
    assertEquals(268, report.positives());
    assertEquals(Json.canonical(BinaryMetrics.of(labels, scores).toJson()), Json.canonical(report.toJson()));
    // a real model: clearly better than chance
    assertTrue(report.value("auroc").orElseThrow() > 0.8, report.toText());
  }

  @Test
  void auroc_agreesWithTribuosOwnAucroc() {
    List<Prediction<Label>> predictions = model.predict(pima);
    double tribuo = LabelMetrics.AUCROC(new Label("diabetes"), predictions);
    double ours = TribuoMetrics.of(predictions, "diabetes").value("auroc").orElseThrow();
    assertEquals(tribuo, ours, 1e-12);
  }

  @Test
  void builder_passesOptionsThrough() {
    MetricsReport r = TribuoMetrics.builder(model, pima, "healthy").thresholds(0.2, 0.8).bootstrap(20, 3).build();
    assertEquals(500, r.positives());
    assertEquals(List.of(0.2, 0.8), r.options().thresholds());
    assertTrue(r.interval("ece").orElseThrow().isDefined());
  }

  @Test
  void predictions_withoutProbabilities_clearError() {
    Example<Label> ex = new ArrayExample<>(new Label("yes"), new String[] {"f"}, new double[] {1.0});
    Map<String, Label> scores = new LinkedHashMap<>();
    scores.put("yes", new Label("yes", 2.5));
    scores.put("no", new Label("no", -2.5));
    List<Prediction<Label>> list = new ArrayList<>();
    list.add(new Prediction<>(new Label("yes", 2.5), scores, 1, ex, false));
    InputException e = assertThrows(InputException.class, () -> TribuoMetrics.of(list, "yes"));
    assertEquals("ERROR: tribuo predictions: prediction has no probabilities (row 1)\n"
        + "hint: use a model that produces probabilities", e.getMessage());
  }

  @Test
  void predictions_unknownPositiveLabel_listsKnownLabels() {
    List<Prediction<Label>> predictions = model.predict(pima).subList(0, 3);
    InputException e = assertThrows(InputException.class, () -> TribuoMetrics.of(predictions, "Diabetes"));
    assertEquals("ERROR: tribuo predictions: positive label \"Diabetes\" is not among the predicted labels"
        + " [diabetes, healthy] (row 1)\nhint: pass the name of the label that marks a positive case\n"
        + "ERROR: tribuo predictions: positive label \"Diabetes\" is not among the predicted labels"
        + " [diabetes, healthy] (row 2)\n"
        + "ERROR: tribuo predictions: positive label \"Diabetes\" is not among the predicted labels"
        + " [diabetes, healthy] (row 3)", e.getMessage());
  }

  @Test
  void predictions_unlabelledExample_clearError() {
    Example<Label> ex = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, new String[] {"f"}, new double[] {1.0});
    Map<String, Label> scores = new LinkedHashMap<>();
    scores.put("yes", new Label("yes", 0.7));
    scores.put("no", new Label("no", 0.3));
    List<Prediction<Label>> list = List.of(new Prediction<>(new Label("yes", 0.7), scores, 1, ex, true));
    InputException e = assertThrows(InputException.class, () -> TribuoMetrics.of(list, "yes"));
    assertEquals("ERROR: tribuo predictions: example has no ground-truth label (row 1)\n"
        + "hint: evaluate on a labelled dataset", e.getMessage());
  }
}
