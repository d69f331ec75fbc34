package dev.clinigate;

import dev.clinigate.internal.Identity;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * One model inference as a {@link ReviewPolicy} sees it: the model's score and output, the encounter
 * context, and, once a clinician has acted, the review (reviewer, role, decision, structured rationale).
 *
 * <pre>{@code
 * Inference in = Inference.builder().inferenceId("inf-1").encounterId("enc-9").modelVersion("2.4.0")
 *     .score(0.93).output("pneumothorax").context("setting", "ED").context("age", 54)
 *     .review(new Inference.Review(Optional.of("r-17"), Optional.of("radiologist"),
 *         Optional.of(ReviewerDecision.APPROVE), Optional.of(new Inference.Rationale("confirmed", Optional.empty()))))
 *     .build();
 * }</pre>
 *
 * <p>JSON form: {@code {"inferenceId", "encounterId", "modelVersion", "score", "output", "context": {...},
 * "review": {"reviewerId", "role", "decision": "approve|override|reject|defer", "rationale": {"code", "text"},
 * "finalLabel", "explanation": {...}}}}.
 *
 * <p>Context values are numbers, strings or true/false; a context value may also be an object (nested up to
 * the document's {@link Limits#maxDepth()}), whose values are read as dotted keys: {@code {"vitals": {"hr": 112}}}
 * is {@code context[vitals.hr]} in a review condition. A context holds at most {@link Limits#maxColumns()}
 * values (as a data row holds at most that many columns). {@link #toJson()} keeps the nesting.
 *
 * <p>Identifiers and required fields that are blank or made only of invisible characters (a zero-width
 * space, a no-break space) count as absent, so a policy that requires them blocks.
 *
 * <p>Immutable and thread-safe. The context is stored as sorted parallel arrays so that compiled policies
 * read it without maps or boxing ({@link #contextIndex}, {@link #contextNumberAt}, {@link #contextTextAt}).
 */
public final class Inference {
  private static final Set<String> KEYS = Set.of("inferenceId", "encounterId", "modelVersion", "score", "output",
      "context", "review");
  private static final Set<String> REVIEW_KEYS = Set.of("reviewerId", "role", "decision", "rationale", "finalLabel",
      "explanation");

  /** The longest rationale (reason) code, in characters. */
  public static final int MAX_CODE_CHARS = 64;
  /** The longest final label, in characters. */
  public static final int MAX_LABEL_CHARS = 256;

  /**
   * A clinician's structured rationale.
   *
   * @param code a coded reason, e.g. {@code confirmed}, {@code artefact}, {@code prior-finding}; not blank
   * @param text optional free text
   */
  public record Rationale(String code, Optional<String> text) {
    /** Validates. */
    public Rationale {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(text, "text");
      if (Identity.blank(code)) {
        throw new IllegalArgumentException("a rationale needs a code");
      }
    }
  }

  /**
   * Whether {@code code} is a well-formed reason code: 1 to {@value #MAX_CODE_CHARS} characters, letters, digits,
   * {@code . _ : / -}, starting with a letter or digit (a code, never free text that could hold PHI).
   */
  public static boolean isCode(String code) {
    return code.length() <= MAX_CODE_CHARS && code.matches("[A-Za-z0-9][A-Za-z0-9._:/-]*");
  }

  /**
   * What a reviewing clinician did.
   *
   * @param reviewerId who reviewed
   * @param role their role, e.g. {@code radiologist}
   * @param decision approve, override, reject or defer
   * @param rationale why
   * @param finalLabel the label that stands after the review (an override's replacement label), when given
   * @param explanation the explanation shown to the clinician at decision time (an object or a string), when
   *     given; audit records hold its SHA-256, never the value
   */
  public record Review(Optional<String> reviewerId, Optional<String> role, Optional<ReviewerDecision> decision,
      Optional<Rationale> rationale, Optional<String> finalLabel, Optional<JsonValue> explanation) {
    /** Validates. */
    public Review {
      Objects.requireNonNull(reviewerId, "reviewerId");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(rationale, "rationale");
      Objects.requireNonNull(finalLabel, "finalLabel");
      Objects.requireNonNull(explanation, "explanation");
      reviewerId = reviewerId.filter(v -> !Identity.blank(v));
      role = role.filter(v -> !Identity.blank(v));
      finalLabel = finalLabel.filter(v -> !Identity.blank(v));
      if (finalLabel.isPresent() && finalLabel.get().length() > MAX_LABEL_CHARS) {
        throw new IllegalArgumentException("finalLabel must be at most " + MAX_LABEL_CHARS + " characters, found "
            + finalLabel.get().length());
      }
      if (explanation.isPresent() && !(explanation.get() instanceof JsonObject || explanation.get() instanceof JsonString)) {
        throw new IllegalArgumentException("explanation must be an object or a string, found "
            + Json.describe(explanation.get()));
      }
    }

    /** A review without a final label or explanation. */
    public Review(Optional<String> reviewerId, Optional<String> role, Optional<ReviewerDecision> decision,
        Optional<Rationale> rationale) {
      this(reviewerId, role, decision, rationale, Optional.empty(), Optional.empty());
    }
  }

  private final Optional<String> inferenceId;
  private final Optional<String> encounterId;
  private final Optional<String> modelVersion;
  private final OptionalDouble score;
  private final double scoreOrNaN;
  private final Optional<String> output;
  private final String outputOrNull;
  private final String[] keys;
  private final List<List<String>> paths;
  private final double[] numbers;
  private final String[] texts;
  private final Optional<Review> review;

  private Inference(Builder b) {
    this.inferenceId = b.inferenceId;
    this.encounterId = b.encounterId;
    this.modelVersion = b.modelVersion;
    this.score = b.score;
    this.scoreOrNaN = b.score.isPresent() ? b.score.getAsDouble() : Double.NaN;
    this.output = b.output;
    this.outputOrNull = b.output.orElse(null);
    this.review = b.review;
    int n = b.context.size();
    keys = new String[n];
    numbers = new double[n];
    texts = new String[n];
    List<List<String>> ps = new ArrayList<>(n);
    int i = 0;
    for (Map.Entry<String, Object> e : b.context.entrySet()) {
      keys[i] = e.getKey();
      ps.add(b.paths.get(e.getKey()));
      numbers[i] = e.getValue() instanceof Double d ? d : Double.NaN;
      texts[i] = e.getValue() instanceof String s ? s : null;
      i++;
    }
    paths = List.copyOf(ps);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host's id of the inference. */
  public Optional<String> inferenceId() {
    return inferenceId;
  }

  /** The encounter the inference belongs to. */
  public Optional<String> encounterId() {
    return encounterId;
  }

  /** The model version that produced it. */
  public Optional<String> modelVersion() {
    return modelVersion;
  }

  /** The model's score in [0, 1]. */
  public OptionalDouble score() {
    return score;
  }

  /** The score, or NaN when absent (for compiled conditions). */
  public double scoreOrNaN() {
    return scoreOrNaN;
  }

  /** The model's output label, e.g. {@code pneumothorax}. */
  public Optional<String> output() {
    return output;
  }

  /** The output, or null when absent (for compiled conditions). */
  public String outputOrNull() {
    return outputOrNull;
  }

  /** The review, once a clinician has acted. */
  public Optional<Review> review() {
    return review;
  }

  /** Whether a clinician has acted (a review is present). */
  public boolean reviewed() {
    return review.isPresent();
  }

  /** The context keys, sorted; a nested value's key is its dotted path ({@code vitals.hr}). */
  public List<String> contextKeys() {
    return List.of(keys);
  }

  /** The index of a context key, or a negative number when absent. Allocation-free. */
  public int contextIndex(String key) {
    return Arrays.binarySearch(keys, key);
  }

  /** The number at a context index, or NaN when that value is not a number. */
  public double contextNumberAt(int index) {
    return numbers[index];
  }

  /** The text at a context index, or null when that value is not text (booleans are "true"/"false"). */
  public String contextTextAt(int index) {
    return texts[index];
  }

  /** The inference as JSON in the documented form (context sorted): what decisions hash. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    inferenceId.ifPresent(v -> b.put("inferenceId", v));
    encounterId.ifPresent(v -> b.put("encounterId", v));
    modelVersion.ifPresent(v -> b.put("modelVersion", v));
    score.ifPresent(v -> b.put("score", v));
    output.ifPresent(v -> b.put("output", v));
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      JsonValue v = texts[i] != null ? JsonValue.of(texts[i]) : JsonNumber.of(numbers[i]);
      List<String> path = paths.get(i);
      Map<String, Object> at = tree;
      for (int j = 0; j < path.size() - 1; j++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(path.get(j), k -> new LinkedHashMap<>());
        at = next;
      }
      at.put(path.get(path.size() - 1), v);
    }
    b.put("context", object(tree));
    review.ifPresent(r -> {
      JsonObject.Builder rb = JsonObject.builder();
      r.reviewerId().ifPresent(v -> rb.put("reviewerId", v));
      r.role().ifPresent(v -> rb.put("role", v));
      r.decision().ifPresent(v -> rb.put("decision", v.jsonName()));
      r.rationale().ifPresent(v -> {
        JsonObject.Builder x = JsonObject.builder().put("code", v.code());
        v.text().ifPresent(t -> x.put("text", t));
        rb.put("rationale", x.build());
      });
      r.finalLabel().ifPresent(v -> rb.put("finalLabel", v));
      r.explanation().ifPresent(v -> rb.put("explanation", v));
      b.put("review", rb.build());
    });
    return b.build();
  }

  private static JsonObject object(Map<String, Object> tree) {
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      @SuppressWarnings("unchecked")
      JsonValue v = e.getValue() instanceof Map<?, ?> m ? object((Map<String, Object>) m) : (JsonValue) e.getValue();
      b.put(e.getKey(), v);
    }
    return b.build();
  }

  /**
   * Parses one inference from JSON text.
   *
   * @throws EvidenceException when the text is not JSON within the default {@link Limits} (syntax, depth, string
   *     length), located in the text
   * @throws InputException naming every unusable field with its location in the text
   */
  public static Inference parse(String json, String source) {
    return parse(json, source, Limits.defaults());
  }

  /**
   * Parses one inference from JSON text within {@code limits}: the document's depth, size and strings, and at
   * most {@link Limits#maxColumns()} context values.
   *
   * @throws EvidenceException when the text is not JSON within the limits, located in the text
   * @throws InputException naming every unusable field with its location in the text (never its value)
   */
  public static Inference parse(String json, String source, Limits limits) {
    JsonDocument doc = Json.parse(json, source, limits).asData();
    if (!(doc.root() instanceof JsonObject o)) {
      throw new InputException(doc.problem("$", "an inference must be a JSON object", "write {\"score\": 0.93, ...}"));
    }
    List<Problem> problems = new ArrayList<>();
    unknownKeys(doc, o, "$", KEYS, problems);
    Builder b = builder();
    text(doc, o, "$", "inferenceId", problems).ifPresent(b::inferenceId);
    text(doc, o, "$", "encounterId", problems).ifPresent(b::encounterId);
    text(doc, o, "$", "modelVersion", problems).ifPresent(b::modelVersion);
    text(doc, o, "$", "output", problems).ifPresent(b::output);
    JsonValue s = o.members().get("score");
    if (s instanceof JsonNumber n && n.value() >= 0 && n.value() <= 1) {
      b.score(n.value());
    } else if (s != null && !(s instanceof dev.clinigate.json.JsonNull)) {
      problems.add(doc.problem("$.score", "score must be a number within [0, 1], found " + Json.describe(s),
          "write the model's probability, e.g. \"score\": 0.93"));
    }
    JsonValue c = o.members().get("context");
    if (c instanceof JsonObject co) {
      context(doc, co, "$.context", List.of(), b, new java.util.HashSet<>(), new int[1], limits, problems);
    } else if (c != null) {
      problems.add(doc.problem("$.context", "context must be an object", "write \"context\": {\"setting\": \"ED\"}"));
    }
    JsonValue r = o.members().get("review");
    if (r instanceof JsonObject ro) {
      unknownKeys(doc, ro, "$.review", REVIEW_KEYS, problems);
      Optional<String> reviewer = text(doc, ro, "$.review", "reviewerId", problems);
      Optional<String> role = text(doc, ro, "$.review", "role", problems);
      Optional<String> d = text(doc, ro, "$.review", "decision", problems);
      Optional<ReviewerDecision> decision = d.flatMap(ReviewerDecision::parse);
      if (d.isPresent() && decision.isEmpty()) {
        problems.add(doc.problem("$.review.decision", "decision must be approve, override, reject or defer, found another string",
            "write \"decision\": \"approve\""));
      }
      Optional<Rationale> rationale = Optional.empty();
      JsonValue ra = ro.members().get("rationale");
      if (ra instanceof JsonObject rao) {
        unknownKeys(doc, rao, "$.review.rationale", Set.of("code", "text"), problems);
        Optional<String> code = text(doc, rao, "$.review.rationale", "code", problems);
        Optional<String> txt = text(doc, rao, "$.review.rationale", "text", problems);
        if (code.isPresent() && !isCode(code.get())) {
          problems.add(doc.problem("$.review.rationale.code", "code must be a reason code of at most " + MAX_CODE_CHARS
              + " letters, digits, '.', '_', ':', '/' or '-' (starting with a letter or digit), found "
              + code.get().length() + " characters that are not", "put free text in rationale.text; the code is "
              + "what audit records keep, e.g. \"code\": \"skin-fold-artefact\""));
        } else if (code.isPresent()) {
          rationale = Optional.of(new Rationale(code.get(), txt));
        }
      } else if (ra != null && !(ra instanceof dev.clinigate.json.JsonNull)) {
        problems.add(doc.problem("$.review.rationale", "rationale must be an object {code, text}, found "
            + Json.describe(ra), "write \"rationale\": {\"code\": \"confirmed\", \"text\": \"...\"}"));
      }
      Optional<String> finalLabel = text(doc, ro, "$.review", "finalLabel", problems);
      if (finalLabel.isPresent() && finalLabel.get().length() > MAX_LABEL_CHARS) {
        problems.add(doc.problem("$.review.finalLabel", "finalLabel must be at most " + MAX_LABEL_CHARS
            + " characters, found " + finalLabel.get().length(), "write the label, e.g. \"finalLabel\": \"no-finding\""));
        finalLabel = Optional.empty();
      }
      Optional<JsonValue> explanation = Optional.empty();
      JsonValue ex = ro.members().get("explanation");
      if (ex instanceof JsonObject || ex instanceof JsonString) {
        explanation = Optional.of(ex);
      } else if (ex != null && !(ex instanceof dev.clinigate.json.JsonNull)) {
        problems.add(doc.problem("$.review.explanation", "explanation must be an object or a string, found "
            + Json.describe(ex), "write the explanation shown to the clinician, e.g. \"explanation\": {\"method\": "
            + "\"saliency\", \"summary\": \"...\"}"));
      }
      b.review(new Review(reviewer, role, decision, rationale, finalLabel, explanation));
    } else if (r != null && !(r instanceof dev.clinigate.json.JsonNull)) {
      problems.add(doc.problem("$.review", "review must be an object", "write \"review\": {\"reviewerId\": ...}"));
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return b.build();
  }

  /**
   * Reads a context object into the builder: leaves under dotted keys, nested objects recursively (the parser
   * already bounded the depth by {@link Limits#maxDepth()}), at most {@link Limits#maxColumns()} values. Problems
   * name the path, never a value.
   */
  private static void context(JsonDocument doc, JsonObject o, String jsonPath, List<String> prefix, Builder b,
      Set<String> seen, int[] count, Limits limits, List<Problem> problems) {
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      String p = Json.childPath(jsonPath, e.getKey());
      JsonValue v = e.getValue();
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      if (v instanceof JsonObject nested) {
        context(doc, nested, p, path, b, seen, count, limits, problems);
        continue;
      }
      if (v instanceof dev.clinigate.json.JsonNull) {
        continue;
      }
      if (!(v instanceof JsonNumber || v instanceof JsonString || v instanceof JsonBoolean)) {
        problems.add(doc.problem(p, "a context value must be a number, a string, true/false or an object, found "
            + Json.describe(v), "write arrays as separate keys"));
        continue;
      }
      if (++count[0] > limits.maxColumns()) {
        if (count[0] == limits.maxColumns() + 1) {
          problems.add(doc.problem(p, "the context holds more values than " + Limits.describe("maxColumns",
              limits.maxColumns()), Limits.raiseHint("maxColumns")));
        }
        continue;
      }
      String key = String.join(".", path);
      if (!seen.add(key)) {
        problems.add(doc.problem(p, "a context value at this path has the same dotted key as another context value",
            "a nested key and a key with dots must not name the same value"));
        continue;
      }
      if (v instanceof JsonNumber n) {
        b.context(path, n.value());
      } else if (v instanceof JsonString t) {
        b.context(path, t.value());
      } else {
        b.context(path, Boolean.toString(((JsonBoolean) v).value()));
      }
    }
  }

  private static void unknownKeys(JsonDocument doc, JsonObject o, String path, Set<String> known, List<Problem> out) {
    for (String k : o.members().keySet()) {
      if (!known.contains(k)) {
        out.add(doc.memberProblem(path, k, "unknown key", "allowed keys here: "
            + String.join(", ", new java.util.TreeSet<>(known))));
      }
    }
  }

  /** A string field; blank and invisible-only strings ({@link Identity}) count as absent, other types are problems. */
  private static Optional<String> text(JsonDocument doc, JsonObject o, String path, String key, List<Problem> out) {
    JsonValue v = o.members().get(key);
    if (v == null || v instanceof dev.clinigate.json.JsonNull) {
      return Optional.empty();
    }
    if (v instanceof JsonString s) {
      return Identity.blank(s.value()) ? Optional.empty() : Optional.of(s.value());
    }
    out.add(doc.problem(Json.childPath(path, key), key + " must be a string, found " + Json.describe(v), ""));
    return Optional.empty();
  }

  /** Builds an {@link Inference}. */
  public static final class Builder {
    private Optional<String> inferenceId = Optional.empty();
    private Optional<String> encounterId = Optional.empty();
    private Optional<String> modelVersion = Optional.empty();
    private OptionalDouble score = OptionalDouble.empty();
    private Optional<String> output = Optional.empty();
    private final TreeMap<String, Object> context = new TreeMap<>();
    private final TreeMap<String, List<String>> paths = new TreeMap<>();
    private Optional<Review> review = Optional.empty();

    private Builder() {}

    /** The host's id. */
    public Builder inferenceId(String v) {
      this.inferenceId = Optional.of(v).filter(x -> !Identity.blank(x));
      return this;
    }

    /** The encounter id. */
    public Builder encounterId(String v) {
      this.encounterId = Optional.of(v).filter(x -> !Identity.blank(x));
      return this;
    }

    /** The model version. */
    public Builder modelVersion(String v) {
      this.modelVersion = Optional.of(v).filter(x -> !Identity.blank(x));
      return this;
    }

    /**
     * The score.
     *
     * @throws IllegalArgumentException when it is not within [0, 1]
     */
    public Builder score(double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("score must be within [0, 1], found " + v);
      }
      this.score = OptionalDouble.of(v);
      return this;
    }

    /** The output label. */
    public Builder output(String v) {
      this.output = Optional.of(v).filter(x -> !Identity.blank(x));
      return this;
    }

    /** A numeric context value (must be finite). */
    public Builder context(String key, double v) {
      return context(List.of(Objects.requireNonNull(key, "key")), v);
    }

    /** A text context value. */
    public Builder context(String key, String v) {
      return context(List.of(Objects.requireNonNull(key, "key")), v);
    }

    /**
     * A numeric context value nested at {@code path} ({@code ["vitals", "hr"]} is read as
     * {@code context[vitals.hr]}); must be finite.
     *
     * @throws IllegalArgumentException when another path has the same dotted key
     */
    public Builder context(List<String> path, double v) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("context " + String.join(".", path) + " must be finite, found " + v);
      }
      return put(path, v);
    }

    /**
     * A text context value nested at {@code path}.
     *
     * @throws IllegalArgumentException when another path has the same dotted key
     */
    public Builder context(List<String> path, String v) {
      return put(path, Objects.requireNonNull(v, "value"));
    }

    private Builder put(List<String> path, Object v) {
      List<String> p = List.copyOf(path);
      if (p.isEmpty()) {
        throw new IllegalArgumentException("a context path needs at least one key");
      }
      String key = String.join(".", p);
      List<String> before = paths.get(key);
      if (before != null && !before.equals(p)) {
        throw new IllegalArgumentException("two context paths have the dotted key " + key);
      }
      paths.put(key, p);
      context.put(key, v);
      return this;
    }

    /** The review. */
    public Builder review(Review v) {
      this.review = Optional.of(v);
      return this;
    }

    /**
     * Builds the inference.
     *
     * @throws IllegalArgumentException when a context path is both a value and an object holding values
     */
    public Inference build() {
      java.util.Set<List<String>> all = new java.util.HashSet<>(paths.values());
      for (List<String> p : paths.values()) {
        for (int i = 1; i < p.size(); i++) {
          if (all.contains(p.subList(0, i))) {
            throw new IllegalArgumentException("context " + String.join(".", p.subList(0, i))
                + " is both a value and an object");
          }
        }
      }
      return new Inference(this);
    }
  }
}
