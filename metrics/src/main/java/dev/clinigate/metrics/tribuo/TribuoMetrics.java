package dev.clinigate.metrics.tribuo;

import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/**
 * Binary metrics of a Tribuo classification model: the label named {@code positiveLabel} is the
 * positive class (every other label is negative) and the score of a case is the model's probability of
 * that label.
 *
 * <pre>{@code
 * Model<Label> model = new LogisticRegressionTrainer().train(train);
 * MetricsReport report = TribuoMetrics.of(model, test, "readmitted");
 *
 * MetricsReport detailed = TribuoMetrics.builder(model.predict(test), "readmitted")
 *     .thresholds(0.2, 0.5)
 *     .bootstrap(1000, 42L)
 *     .build();
 * }</pre>
 *
 * <p>The model must produce probabilities ({@link Model#generatesProbabilities()}): calibration and
 * threshold metrics are meaningless for uncalibrated margins. Every prediction's example must carry a
 * ground-truth label. Violations throw {@link InputException} naming the prediction (row = index + 1).
 */
public final class TribuoMetrics {
  static final String SOURCE = "tribuo predictions";

  private TribuoMetrics() {}

  /** Every metric (default options) of {@code model} on {@code dataset}. */
  public static MetricsReport of(Model<Label> model, Dataset<Label> dataset, String positiveLabel) {
    return builder(model, dataset, positiveLabel).build();
  }

  /** Every metric (default options) of {@code predictions}. */
  public static MetricsReport of(List<Prediction<Label>> predictions, String positiveLabel) {
    return builder(predictions, positiveLabel).build();
  }

  /**
   * A {@link BinaryMetrics.Builder} over {@code model}'s predictions on {@code dataset}, for options
   * (thresholds, bins, bootstrap, group columns in dataset order).
   *
   * @throws InputException when the model does not produce probabilities
   */
  public static BinaryMetrics.Builder builder(Model<Label> model, Dataset<Label> dataset, String positiveLabel) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(positiveLabel, "positiveLabel");
    if (!model.generatesProbabilities()) {
      throw new InputException(Problem.at(SOURCE, 0, 0, "model \"" + model.getName()
          + "\" does not produce probabilities, so its scores cannot be evaluated as risks",
          "train a probabilistic model (e.g. LogisticRegressionTrainer) or calibrate this one"));
    }
    return builder(model.predict(dataset), positiveLabel);
  }

  /**
   * A {@link BinaryMetrics.Builder} over {@code predictions} (score = probability of
   * {@code positiveLabel}, label 1 iff the example's ground truth is {@code positiveLabel}).
   *
   * @throws InputException when predictions carry no probabilities, lack a score for the positive label,
   *     or an example has no ground-truth label
   */
  public static BinaryMetrics.Builder builder(List<Prediction<Label>> predictions, String positiveLabel) {
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(positiveLabel, "positiveLabel");
    int n = predictions.size();
    int[] labels = new int[n];
    double[] scores = new double[n];
    List<Problem> problems = new ArrayList<>();
    int more = 0;
    for (int i = 0; i < n; i++) {
      String problem = null;
      String hint = "";
      Prediction<Label> p = predictions.get(i);
      Map<String, Label> outputScores = p.getOutputScores();
      Label truth = p.getExample().getOutput();
      if (!p.hasProbabilities()) {
        problem = "prediction has no probabilities (row " + (i + 1) + ")";
        hint = "use a model that produces probabilities";
      } else if (!outputScores.containsKey(positiveLabel)) {
        problem = "positive label \"" + positiveLabel + "\" is not among the predicted labels "
            + new TreeSet<>(outputScores.keySet()) + " (row " + (i + 1) + ")";
        hint = "pass the name of the label that marks a positive case";
      } else if (truth == null || LabelFactory.UNKNOWN_LABEL.equals(truth)) {
        problem = "example has no ground-truth label (row " + (i + 1) + ")";
        hint = "evaluate on a labelled dataset";
      } else {
        labels[i] = positiveLabel.equals(truth.getLabel()) ? 1 : 0;
        scores[i] = outputScores.get(positiveLabel).getScore();
      }
      if (problem != null) {
        if (problems.size() < 5) {
          problems.add(Problem.at(SOURCE, 0, 0, problem, problems.isEmpty() ? hint : ""));
        } else {
          more++;
        }
      }
    }
    if (more > 0) {
      problems.add(Problem.at(SOURCE, 0, 0, "and " + more + " more bad " + (more == 1 ? "value" : "values")
          + " not listed", ""));
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return BinaryMetrics.builder(labels, scores).source(SOURCE);
  }
}
