package dev.clinigate.samples;

import dev.clinigate.Decision;
import dev.clinigate.EvaluationOptions;
import dev.clinigate.Evidence;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.audit.AuditChain;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.contracts.ContractChecker;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.BinaryMetrics;
import dev.clinigate.metrics.MetricsReport;
import dev.clinigate.reports.EvidenceReport;
import dev.clinigate.reports.card.CardFormat;
import dev.clinigate.reports.card.CardStandard;
import dev.clinigate.reports.card.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Pima diabetes story end to end, in Java: the data contract checked on the data, a Tribuo logistic regression
 * (fixed seed) scored by 5-fold cross-validation, metrics by age band, the governance record, the promotion decision
 * (with its {@code requires.modelCard} check), one audit-log record, the model card and the evidence report.
 * Everything is a pure function of the committed inputs ({@code samples/data/pima_diabetes.csv},
 * {@code samples/contracts/pima.contract.yaml},
 * {@code samples/pima-tribuo/{policy,card}.yaml}); {@link PimaStoryTest} holds the committed outputs to it.
 *
 * <p>Regenerate the committed files (from the samples module directory):
 * {@code mvn -B -q test -pl samples -am -Dtest=PimaStoryTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsamples.update=true}.
 */
public final class PimaStory {
  /** The seed of the fold assignment, the trainer and the bootstrap. */
  public static final long SEED = 20_260_301L;
  /** The evaluation time recorded in the decision and the audit log. */
  public static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  static final Path DATA = Path.of("data/pima_diabetes.csv");
  static final Path CONTRACT = Path.of("contracts/pima.contract.yaml");
  static final Path DIR = Path.of("pima-tribuo");
  /** Inputs of the model: serum insulin is missing for half the women (the contract's one violation), so it is out. */
  static final List<String> FEATURES = List.of("pregnant", "oral_glucose_tolerance", "blood_pressure",
      "skin_fold_thickness", "body_mass_index", "pedigree_function", "age");
  /** Features where 0 means "not measured" (as the contract declares): imputed with the training mean. */
  static final List<String> ZERO_IS_MISSING = List.of("oral_glucose_tolerance", "blood_pressure",
      "skin_fold_thickness", "body_mass_index");
  static final int FOLDS = 5;

  private PimaStory() {}

  /** Writes the story's outputs into {@code samples/pima-tribuo}; run from the samples module directory. */
  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, String> e : generate().entrySet()) {
      Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The outputs, file name to content, in the order they are made. */
  static Map<String, String> generate() throws IOException {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    Map<String, String> out = new LinkedHashMap<>();
    // 1. the data contract, on the data the model is trained on
    ContractResult contract = ContractChecker.builder(DataContracts.load(CONTRACT)).featuresUsed(FEATURES).build()
        .check(DATA);
    out.put("contract-result.json", Json.prettyInOrder(contract.toJson()) + "\n");

    // 2. out-of-fold predictions of a Tribuo logistic regression
    List<String> lines = new ArrayList<>(Files.readAllLines(DATA, StandardCharsets.UTF_8));
    lines.removeIf(String::isBlank);
    List<String> header = List.of(lines.get(0).split(","));
    int rows = lines.size() - 1;
    double[][] x = new double[rows][FEATURES.size()];
    int[] y = new int[rows];
    String[] band = new String[rows];
    for (int i = 0; i < rows; i++) {
      String[] f = lines.get(i + 1).split(",");
      for (int k = 0; k < FEATURES.size(); k++) {
        x[i][k] = Double.parseDouble(f[header.indexOf(FEATURES.get(k))]);
      }
      y[i] = Integer.parseInt(f[header.indexOf("positive")]);
      int age = Integer.parseInt(f[header.indexOf("age")]);
      band[i] = age < 30 ? "21-29" : age < 40 ? "30-39" : age < 50 ? "40-49" : "50+";
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(SEED));
    int[] fold = new int[rows];
    for (int p = 0; p < rows; p++) {
      fold[order.get(p)] = p % FOLDS;
    }
    double[] score = new double[rows];
    for (int k = 0; k < FOLDS; k++) {
      final int held = k;
      Model<Label> model = train(x, y, i -> fold[i] != held);
      Standardizer s = Standardizer.fit(x, i -> fold[i] != held);
      for (int i = 0; i < rows; i++) {
        if (fold[i] == held) {
          Prediction<Label> p = model.predict(example(s.apply(x[i]), "unknown"));
          // six decimals, as the CSV keeps them: the metrics below are computed from exactly these numbers
          score[i] = Double.parseDouble(String.format(Locale.ROOT, "%.6f",
              p.getOutputScores().get("diabetes").getScore()));
        }
      }
    }
    StringBuilder csv = new StringBuilder("row,label,score,age_band,fold\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i + 1).append(',').append(y[i]).append(',').append(String.format(Locale.ROOT, "%.6f", score[i]))
          .append(',').append(band[i]).append(',').append(fold[i] + 1).append('\n');
    }
    out.put("predictions.csv", csv.toString());

    // 3. metrics by age band, with bootstrap intervals
    MetricsReport report = BinaryMetrics.builder(y, score).source("predictions.csv").group("age_band", band)
        .thresholds(0.3, 0.5).bootstrap(1000, SEED).build();

    // 4. the evidence: the metrics report and the governance record
    byte[] card = Files.readAllBytes(DIR.resolve("card.yaml"));
    Map<String, JsonValue> ev = new LinkedHashMap<>(report.toJson().members());
    ev.put("model", JsonObject.builder().put("name", "pima-diabetes-screening").put("version", "1.0.0")
        .put("author", "endocrinology-data-science").build());
    ev.put("dataset", JsonObject.builder().put("id", "uci.pima-indians-diabetes").put("version", "1988").build());
    ev.put("stage", JsonObject.builder().put("current", "staging").put("target", "production").build());
    ev.put("artifacts", JsonObject.builder().put("modelCard", JsonObject.builder().put("uri", "card.yaml")
        .put("sha256", Json.sha256Hex(card)).build()).build());
    ev.put("contracts", JsonObject.builder().put("pima-diabetes-features", contract.toJson()).build());
    Evidence evidence = Evidence.of(new JsonObject(ev));
    out.put("evidence.json", Json.prettyInOrder(evidence.json()) + "\n");

    // 5. the decision, with the model card the policy requires
    PromotionPolicy policy = PolicyYaml.loadPromotion(DIR.resolve("policy.yaml"));
    ModelCard modelCard = ModelCard.load(DIR.resolve("card.yaml"));
    Decision decision = policy.evaluate(evidence, EvaluationOptions.at(AT).withModelCard(modelCard));
    out.put("decision.json", decision.toPrettyJson() + "\n");
    out.put("decision.txt", decision.explain());

    // 6. one record of a tamper-evident audit log
    AuditRecord record = AuditChain.defaults().next(Optional.empty(), decision, Optional.of(evidence));
    out.put("audit.jsonl", record.line() + "\n");

    // 7. the model card, checked against the three shipped standards
    List<dev.clinigate.reports.card.CardCheck> checks = new ArrayList<>();
    for (String id : CardStandard.ids()) {
      checks.add(modelCard.check(CardStandard.of(id), evidence));
    }
    out.put("model-card.md", modelCard.render(CardFormat.MARKDOWN, evidence, checks));
    out.put("model-card.html", modelCard.render(CardFormat.HTML, evidence, checks));

    // 8. the evidence report the people who sign look at
    out.put("report.html", EvidenceReport.builder(evidence).decision(decision).policy(policy)
        .contractResult(contract.toJson()).build().html());
    return out;
  }

  private static Model<Label> train(double[][] x, int[] y, java.util.function.IntPredicate inTraining) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("pima diabetes",
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
    Standardizer s = Standardizer.fit(x, inTraining);
    for (int i = 0; i < x.length; i++) {
      if (inTraining.test(i)) {
        data.add(example(s.apply(x[i]), y[i] == 1 ? "diabetes" : "healthy"));
      }
    }
    // Tribuo's LogisticRegressionTrainer with a smaller AdaGrad step (0.1, not 1.0) and 10 epochs: the default step
    // overshoots on 600 rows and gives over-confident risks (calibration slope about 0.75)
    return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10, 100_000, 1, SEED).train(data);
  }

  private static ArrayExample<Label> example(double[] v, String label) {
    return new ArrayExample<>(new Label(label), FEATURES.toArray(String[]::new), v);
  }

  /** Imputes "not measured" zeros with the training mean, then standardises with the training mean and SD. */
  private record Standardizer(double[] impute, double[] mean, double[] sd) {
    static Standardizer fit(double[][] x, java.util.function.IntPredicate inTraining) {
      int f = FEATURES.size();
      double[] impute = new double[f];
      for (int k = 0; k < f; k++) {
        if (ZERO_IS_MISSING.contains(FEATURES.get(k))) {
          double sum = 0;
          int n = 0;
          for (int i = 0; i < x.length; i++) {
            if (inTraining.test(i) && x[i][k] != 0) {
              sum += x[i][k];
              n++;
            }
          }
          impute[k] = sum / n;
        }
      }
      Standardizer raw = new Standardizer(impute, new double[f], filled(f));
      double[] mean = new double[f];
      double[] sd = new double[f];
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (inTraining.test(i)) {
          double[] v = raw.apply(x[i]);
          for (int k = 0; k < f; k++) {
            mean[k] += v[k];
          }
          n++;
        }
      }
      for (int k = 0; k < f; k++) {
        mean[k] /= n;
      }
      for (int i = 0; i < x.length; i++) {
        if (inTraining.test(i)) {
          double[] v = raw.apply(x[i]);
          for (int k = 0; k < f; k++) {
            sd[k] += (v[k] - mean[k]) * (v[k] - mean[k]) / n;
          }
        }
      }
      for (int k = 0; k < f; k++) {
        sd[k] = Math.sqrt(sd[k]);
      }
      return new Standardizer(impute, mean, sd);
    }

    private static double[] filled(int f) {
      double[] ones = new double[f];
      java.util.Arrays.fill(ones, 1.0);
      return ones;
    }

    double[] apply(double[] row) {
      double[] v = new double[row.length];
      for (int k = 0; k < row.length; k++) {
        double raw = row[k] == 0 && ZERO_IS_MISSING.contains(FEATURES.get(k)) ? impute[k] : row[k];
        v[k] = (raw - mean[k]) / sd[k];
      }
      return v;
    }
  }
}
