package dev.clinigate.benchmarks.review;

import dev.clinigate.Inference;
import dev.clinigate.ReviewDecision;
import dev.clinigate.ReviewOutcome;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.ReviewerDecision;
import dev.clinigate.dsl.PolicyYaml;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing one inference with a 10-rule {@link ReviewPolicy} ({@link #route}), against a hand-written Java
 * if-chain that implements the same policy over the same {@link Inference} objects ({@link #baselineIfChain}),
 * and the full audit record ({@link #evaluateAuditRecord}: explanation clauses and the SHA-256 of the
 * canonical inference). Sixteen inferences that exercise every rule, the default, missing fields and
 * undefined conditions are cycled so that branch prediction cannot learn one path.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ReviewBenchmark} (SampleTime reports the median
 * as p0.50).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReviewBenchmark {
  static final String POLICY = """
      apiVersion: clinigate/v1
      kind: ReviewPolicy
      metadata: {name: cxr-triage-bench, version: 1}
      spec:
        require: [encounterId, modelVersion, score]
        requireWhenReviewed: [reviewerId, decision, rationale]
        thresholds: {urgent: 0.85, low: 0.15, effusion: 0.6}
        rules:
          - {id: r1, when: "score >= threshold[urgent] && decision[reject]", route: SECONDARY_REVIEW, approvers: [radiologist]}
          - {id: r2, when: "decision[override]", route: SECONDARY_REVIEW, approvers: [radiologist]}
          - {id: r3, when: "context[age] < 16", route: REVIEW, approvers: [paediatric-radiologist]}
          - {id: r4, when: "!context[bodyPart=chest]", route: BLOCK}
          - {id: r5, when: "context[setting=ICU] && score >= 0.5", route: REVIEW, approvers: [intensivist, radiologist]}
          - {id: r6, when: "score >= threshold[urgent]", route: REVIEW, approvers: [radiologist]}
          - {id: r7, when: "(context[hour] >= 22 || context[hour] < 6) && score >= 0.5", route: REVIEW}
          - {id: r8, when: "output[effusion] && score >= threshold[effusion]", route: REVIEW, approvers: [radiologist]}
          - {id: r9, when: "score < threshold[low] && !reviewed", route: AUTO}
          - {id: r10, when: "reviewed && decision[approve] && rationale[confirmed]", route: REVIEW}
        default: REVIEW
      """;

  ReviewPolicy policy;
  Inference[] inferences;
  int next;

  @Setup
  public void setUp() {
    policy = PolicyYaml.parseReview(POLICY, "bench.yaml");
    inferences = new Inference[16];
    for (int i = 0; i < inferences.length; i++) {
      Inference.Builder b = Inference.builder().inferenceId("inf-" + i).modelVersion("2.4.0")
          .output(i % 3 == 0 ? "effusion" : "pneumothorax").score((i * 0.0625 + 0.01) % 1.0)
          .context("age", i == 5 ? 9 : 30 + i).context("bodyPart", i == 7 ? "abdomen" : "chest")
          .context("setting", i % 4 == 0 ? "ICU" : "ED");
      if (i != 11) {
        b.context("hour", (i * 5) % 24);
      }
      if (i != 13) {
        b.encounterId("enc-" + i);
      }
      if (i % 5 == 2) {
        ReviewerDecision d = i == 2 ? ReviewerDecision.OVERRIDE : i == 12 ? ReviewerDecision.REJECT : ReviewerDecision.APPROVE;
        b.review(new Inference.Review(Optional.of("r-" + i), Optional.of("radiologist"), Optional.of(d),
            i == 7 ? Optional.empty() : Optional.of(new Inference.Rationale("confirmed", Optional.empty()))));
      }
      inferences[i] = b.build();
    }
    for (Inference in : inferences) {
      ReviewOutcome o = policy.route(in);
      int expected = baseline(in);
      int actual = o.route().ordinal() * 1000 + ruleNumber(o.ruleId()) * 10 + (o.proceed() ? 1 : 0);
      if (expected != actual) {
        throw new IllegalStateException("the baseline disagrees with the policy on " + in.toJson() + ": " + expected
            + " vs " + actual);
      }
    }
  }

  private static int ruleNumber(String id) {
    return id.matches("r[0-9]+") ? Integer.parseInt(id.substring(1)) : id.equals("default") ? 0 : 99;
  }

  private Inference nextInference() {
    Inference in = inferences[next];
    next = (next + 1) & 15;
    return in;
  }

  @Benchmark
  public ReviewOutcome route() {
    return policy.route(nextInference());
  }

  @Benchmark
  public int baselineIfChain() {
    return baseline(nextInference());
  }

  @Benchmark
  public ReviewDecision evaluateAuditRecord() {
    return policy.evaluate(nextInference());
  }

  // ---------------------------------------------------------------------------------------------------
  // the same policy, written by hand: route ordinal * 1000 + rule number * 10 + proceed

  private static final int AUTO = 0;
  private static final int REVIEW = 1;
  private static final int SECONDARY = 2;
  private static final int BLOCK = 3;

  static int baseline(Inference in) {
    if (in.encounterId().isEmpty() || in.modelVersion().isEmpty() || in.score().isEmpty()) {
      return BLOCK * 1000 + 990;
    }
    Inference.Review rv = in.review().orElse(null);
    if (rv != null && (rv.reviewerId().isEmpty() || rv.decision().isEmpty() || rv.rationale().isEmpty())) {
      return BLOCK * 1000 + 990;
    }
    double score = in.scoreOrNaN();
    ReviewerDecision decision = rv == null ? null : rv.decision().orElse(null);
    String role = rv == null ? null : rv.role().orElse(null);
    if (score >= 0.85 && decision == ReviewerDecision.REJECT) {
      return review(SECONDARY, 1, decision, role, "radiologist", null);
    }
    if (decision == ReviewerDecision.OVERRIDE) {
      return review(SECONDARY, 2, decision, role, "radiologist", null);
    }
    int age = in.contextIndex("age");
    if (age < 0 || Double.isNaN(in.contextNumberAt(age))) {
      return BLOCK * 1000 + 30;
    }
    if (in.contextNumberAt(age) < 16) {
      return review(REVIEW, 3, decision, role, "paediatric-radiologist", null);
    }
    int body = in.contextIndex("bodyPart");
    if (body < 0) {
      return BLOCK * 1000 + 40;
    }
    if (!"chest".equals(in.contextTextAt(body))) {
      return BLOCK * 1000 + 40;
    }
    int setting = in.contextIndex("setting");
    if (setting < 0) {
      return BLOCK * 1000 + 50;
    }
    if ("ICU".equals(in.contextTextAt(setting)) && score >= 0.5) {
      return review(REVIEW, 5, decision, role, "intensivist", "radiologist");
    }
    if (score >= 0.85) {
      return review(REVIEW, 6, decision, role, "radiologist", null);
    }
    int hour = in.contextIndex("hour");
    if (hour < 0 || Double.isNaN(in.contextNumberAt(hour))) {
      return BLOCK * 1000 + 70;
    }
    double h = in.contextNumberAt(hour);
    if ((h >= 22 || h < 6) && score >= 0.5) {
      return review(REVIEW, 7, decision, role, null, null);
    }
    String output = in.outputOrNull();
    if (output == null) {
      return BLOCK * 1000 + 80;
    }
    if (output.equals("effusion") && score >= 0.6) {
      return review(REVIEW, 8, decision, role, "radiologist", null);
    }
    if (score < 0.15 && rv == null) {
      return AUTO * 1000 + 90 + 1;
    }
    if (rv != null && decision == ReviewerDecision.APPROVE && rv.rationale().get().code().equals("confirmed")) {
      return review(REVIEW, 10, decision, role, null, null);
    }
    return review(REVIEW, 0, decision, role, null, null);
  }

  private static int review(int route, int rule, ReviewerDecision decision, String role, String a, String b) {
    boolean approved = decision == ReviewerDecision.APPROVE && (a == null || a.equals(role) || b != null && b.equals(role));
    return route * 1000 + rule * 10 + (approved ? 1 : 0);
  }
}
