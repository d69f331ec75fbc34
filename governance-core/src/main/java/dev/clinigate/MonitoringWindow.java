package dev.clinigate;

import dev.clinigate.internal.Instants;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One monitoring window of a deployed model: its time span, case count, request and error counts, and
 * the metrics measured on it ({@code ece}, {@code calibration_intercept}, {@code auroc},
 * {@code missing_rate[creatinine]}, {@code psi[creatinine]}, {@code alert_rate}, {@code override_rate},
 * {@code p99_latency_ms}, ...).
 *
 * <p>Metrics the library knows must lie in their {@link Domain} (rates in [0, 1], latencies and PSI at
 * least 0, see docs/evidence.md); a window with a value outside it is rejected. A metric that was reported
 * as {@code null} or {@code "NaN"} is present but undefined
 * ({@link #metric(String)} gives an empty value and {@link #reported(String)} is true): rollback triggers
 * treat it as inconclusive unless the policy says {@code onUndefined: breach}.
 *
 * <p>JSON form (one per line in a windows file):
 * <pre>{@code
 * {"start":"2026-03-01T00:00:00Z","end":"2026-03-02T00:00:00Z","cases":412,"modelVersion":"2.4.0",
 *  "requests":5000,"errors":2,"metrics":{"ece":0.031,"missing_rate[creatinine]":0.01}}
 * }</pre>
 *
 * @param id an optional label used in explanations instead of the start instant
 * @param start start of the window (inclusive)
 * @param end end of the window (exclusive), after {@code start}
 * @param cases cases (adjudicated outcomes) in the window, when reported
 * @param requests requests served, when reported (for SLO burn rates)
 * @param errors failed requests, when reported, at most {@code requests}
 * @param modelVersion the model version serving during the window, when reported
 * @param lastKnownGood the version the host would roll back to, when it reports one
 * @param metrics metric values by name (sorted); an empty value is an undefined metric
 */
public record MonitoringWindow(Optional<String> id, Instant start, Instant end, OptionalLong cases,
    OptionalLong requests, OptionalLong errors, Optional<String> modelVersion, Optional<String> lastKnownGood,
    Map<String, OptionalDouble> metrics) {

  private static final Set<String> KEYS = Set.of("id", "start", "end", "cases", "requests", "errors", "modelVersion",
      "lastKnownGood", "metrics");

  /** Validates and copies the metrics into a sorted, unmodifiable map. */
  public MonitoringWindow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(lastKnownGood, "lastKnownGood");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a window must end after it starts, found start " + start + " and end " + end);
    }
    if (cases.isPresent() && cases.getAsLong() < 0 || requests.isPresent() && requests.getAsLong() < 0
        || errors.isPresent() && errors.getAsLong() < 0) {
      throw new IllegalArgumentException("cases, requests and errors must be >= 0");
    }
    if (errors.isPresent() && requests.isPresent() && errors.getAsLong() > requests.getAsLong()) {
      throw new IllegalArgumentException("errors must be at most requests, found " + errors.getAsLong() + " errors and "
          + requests.getAsLong() + " requests");
    }
    TreeMap<String, OptionalDouble> m = new TreeMap<>();
    for (Map.Entry<String, OptionalDouble> e : metrics.entrySet()) {
      OptionalDouble v = Objects.requireNonNull(e.getValue(), "metric value");
      String name = Objects.requireNonNull(e.getKey(), "metric name");
      v = v.isPresent() && !Double.isFinite(v.getAsDouble()) ? OptionalDouble.empty() : v;
      Optional<Domain> domain = Domain.ofMetricKey(name);
      if (v.isPresent() && domain.isPresent() && !domain.get().contains(v.getAsDouble())) {
        throw new IllegalArgumentException(name + " is " + v.getAsDouble() + ", outside its domain " + domain.get());
      }
      m.put(name, v);
    }
    metrics = Collections.unmodifiableSortedMap(m);
  }

  /** A window with just a span, a case count and metrics (non-finite values are undefined). */
  public static MonitoringWindow of(Instant start, Instant end, long cases, Map<String, Double> metrics) {
    TreeMap<String, OptionalDouble> m = new TreeMap<>();
    metrics.forEach((k, v) -> m.put(k, v == null || !Double.isFinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v)));
    return new MonitoringWindow(Optional.empty(), start, end, OptionalLong.of(cases), OptionalLong.empty(),
        OptionalLong.empty(), Optional.empty(), Optional.empty(), m);
  }

  /** The value of a metric; empty when it was not reported or is undefined. */
  public OptionalDouble metric(String name) {
    OptionalDouble v = metrics.get(name);
    return v == null ? OptionalDouble.empty() : v;
  }

  /** Whether the window reports the metric at all (possibly as undefined). */
  public boolean reported(String name) {
    return metrics.containsKey(name);
  }

  /** The label explanations use: the id, or the start instant. */
  public String label() {
    return id.orElse(start.toString());
  }

  /** The window as JSON, in the documented form. */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    id.ifPresent(v -> b.put("id", v));
    b.put("start", start.toString()).put("end", end.toString());
    cases.ifPresent(v -> b.put("cases", v));
    requests.ifPresent(v -> b.put("requests", v));
    errors.ifPresent(v -> b.put("errors", v));
    modelVersion.ifPresent(v -> b.put("modelVersion", v));
    lastKnownGood.ifPresent(v -> b.put("lastKnownGood", v));
    JsonObject.Builder m = JsonObject.builder();
    metrics.forEach((k, v) -> m.put(k, v.isPresent() ? JsonValue.of(v.getAsDouble()) : JsonNull.INSTANCE));
    return b.put("metrics", m.build()).build();
  }

  /**
   * Parses windows from JSON Lines (one window object per line; blank lines and lines starting with
   * {@code #} are skipped) and checks that they are in time order without overlap.
   *
   * @throws InputException naming {@code source:line:column} of every unusable window
   */
  public static List<MonitoringWindow> parseJsonLines(String text, String source) {
    List<MonitoringWindow> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int previousLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int lineNo = i + 1;
      MonitoringWindow w;
      try {
        w = parseLine(line, source, lineNo);
      } catch (ClinigateException e) {
        for (Problem p : e.problems()) {
          // no source line: a window is data (a line may hold an identifier, and be megabytes long)
          problems.add(new Problem(source, lineNo, p.column(), p.path(), p.message(), p.hint(), ""));
        }
        continue;
      }
      if (!out.isEmpty()) {
        MonitoringWindow prev = out.get(out.size() - 1);
        if (w.start().isBefore(prev.end())) {
          String what = w.start().isBefore(prev.start()) ? "out of order" : "overlapping";
          problems.add(new Problem(source, lineNo, 1, "$.start", "window " + what + ": it starts at " + w.start()
              + ", before the previous window (line " + previousLine + ") ends at " + prev.end(),
              "sort windows by start time; each window must start at or after the previous one's end", ""));
          continue;
        }
      }
      out.add(w);
      previousLine = lineNo;
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return List.copyOf(out);
  }

  /**
   * The metric keys of a windows file (JSON Lines, as {@link #parseJsonLines} reads it) that no trigger
   * reads: one problem per key, located at its first window, in file order. A misspelt key
   * ({@code missing_rate[creatinin]}) would otherwise leave the trigger it was meant for inconclusive
   * forever without anyone noticing. The CLI prints these as warnings, or as errors under {@code --strict}.
   *
   * @param read the metric keys the policy's triggers read ({@link RollbackPolicy#metricKeys()})
   */
  public static List<Problem> unreadMetrics(String text, String source, java.util.Collection<String> read) {
    java.util.LinkedHashMap<String, Problem> first = new java.util.LinkedHashMap<>();
    java.util.Map<String, Integer> windows = new java.util.HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      JsonDocument doc;
      try {
        doc = Json.parse(line, source);
      } catch (ClinigateException e) {
        continue; // parseJsonLines reports it
      }
      if (!(doc.root() instanceof JsonObject o) || !(o.members().get("metrics") instanceof JsonObject m)) {
        continue;
      }
      for (String key : m.members().keySet()) {
        if (read.contains(key) || windows.merge(key, 1, Integer::sum) > 1) {
          continue;
        }
        String path = Json.childPath("$.metrics", key);
        Problem p = doc.problem(path, "", "");
        String hint = cohortHint(key, read).orElseGet(() -> closest(key, read).map(c -> "did you mean \"" + c + "\"?")
            .orElse(read.isEmpty() ? "the policy has no metric triggers" : "the triggers read: " + String.join(", ", read)));
        first.put(key, new Problem(source, i + 1, p.column(), path, "", hint, line));
      }
    }
    List<Problem> out = new ArrayList<>();
    first.forEach((key, p) -> {
      int n = windows.get(key);
      out.add(new Problem(p.source(), p.line(), p.column(), p.path(), "window metric \"" + key + "\" (in " + n
          + (n == 1 ? " window" : " windows") + ") is read by no trigger of the policy, so it is not monitored",
          p.hint(), p.sourceLine()));
    });
    return out;
  }

  /**
   * For a cohort key ({@code ece[site=west]}) of a metric whose other cohorts the triggers read: a hint that
   * names those cohorts instead of a "did you mean". Another site is as likely an unmonitored cohort as a
   * typo, so the hint offers both readings.
   */
  private static Optional<String> cohortHint(String key, java.util.Collection<String> read) {
    int open = key.indexOf('[');
    if (open <= 0 || !key.endsWith("]") || key.indexOf('=', open) < 0) {
      return Optional.empty();
    }
    String prefix = key.substring(0, open + 1);
    List<String> cohorts = new ArrayList<>();
    for (String r : read) {
      if (r.startsWith(prefix) && r.endsWith("]") && r.indexOf('=', open) >= 0) {
        cohorts.add(r.substring(open + 1, r.length() - 1));
      }
    }
    if (cohorts.isEmpty()) {
      return Optional.empty();
    }
    String cohort = key.substring(open + 1, key.length() - 1);
    return Optional.of("the triggers read " + key.substring(0, open) + " for the cohort" + (cohorts.size() == 1 ? " " : "s ")
        + String.join(", ", cohorts) + "; add a trigger with metric: \"" + key + "\" to monitor " + cohort
        + ", or correct the key if it is misspelt");
  }

  /** The closest key by edit distance, when it is close enough to be a likely typo. */
  private static Optional<String> closest(String key, java.util.Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(key, c);
      if (d < bestD) {
        best = c;
        bestD = d;
      }
    }
    return best != null && bestD <= Math.max(2, key.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Parses one window object from a JSON text (e.g. one line); problems are located in that text. */
  public static MonitoringWindow parse(String json, String source) {
    return parseLine(json, source, 1);
  }

  private static MonitoringWindow parseLine(String json, String source, int lineNo) {
    JsonDocument doc = Json.parse(json, source);
    if (!(doc.root() instanceof JsonObject o)) {
      throw new InputException(doc.problem("$", "a window must be a JSON object", "write {\"start\": ..., \"end\": ...}"));
    }
    List<Problem> problems = new ArrayList<>();
    for (String key : o.members().keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(doc.memberProblem("$", key, "unknown window key",
            "window keys: id, start, end, cases, requests, errors, modelVersion, lastKnownGood, metrics"
                + " (metric values go under metrics)"));
      }
    }
    Instant start = instant(doc, o, "start", problems);
    Instant end = instant(doc, o, "end", problems);
    OptionalLong cases = count(doc, o, "cases", problems);
    OptionalLong requests = count(doc, o, "requests", problems);
    OptionalLong errors = count(doc, o, "errors", problems);
    Optional<String> id = text(doc, o, "id", problems);
    Optional<String> version = text(doc, o, "modelVersion", problems);
    Optional<String> lkg = text(doc, o, "lastKnownGood", problems);
    TreeMap<String, OptionalDouble> metrics = new TreeMap<>();
    JsonValue mv = o.members().get("metrics");
    if (mv instanceof JsonObject m) {
      for (Map.Entry<String, JsonValue> e : m.members().entrySet()) {
        String path = Json.childPath("$.metrics", e.getKey());
        JsonValue v = e.getValue();
        if (v instanceof JsonNumber n) {
          Optional<Domain> domain = Domain.ofMetricKey(e.getKey());
          if (domain.isPresent() && !domain.get().contains(n.value())) {
            problems.add(doc.problem(path, e.getKey() + " at " + path + " is " + Json.number(n)
                + ", outside its domain " + domain.get().text(), "a value outside its domain cannot have been "
                + "measured; correct the job that wrote this window"));
          }
          metrics.put(e.getKey(), OptionalDouble.of(n.value()));
        } else if (v instanceof JsonNull || v instanceof JsonString s && s.value().equals("NaN")) {
          metrics.put(e.getKey(), OptionalDouble.empty());
        } else {
          problems.add(doc.problem(path, "metric " + e.getKey() + " must be a number, null or \"NaN\", found "
              + Json.describe(v), "write the value as a JSON number"));
        }
      }
    } else if (mv != null) {
      problems.add(doc.problem("$.metrics", "metrics must be an object of name: value", "write \"metrics\": {\"ece\": 0.03}"));
    }
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add(doc.problem("$.end", "window ends at " + end + ", not after its start " + start,
          "end must be later than start"));
    }
    if (errors.isPresent() && requests.isPresent() && errors.getAsLong() > requests.getAsLong()) {
      problems.add(doc.problem("$.errors", "errors " + errors.getAsLong() + " exceed requests " + requests.getAsLong(),
          "errors count failed requests, so errors <= requests"));
    }
    if (!problems.isEmpty() || start == null || end == null) {
      throw new InputException(problems.isEmpty() ? List.of(doc.problem("$", "unusable window", "")) : problems);
    }
    return new MonitoringWindow(id, start, end, cases, requests, errors, version, lkg, metrics);
  }

  private static Instant instant(JsonDocument doc, JsonObject o, String key, List<Problem> problems) {
    JsonValue v = o.members().get(key);
    if (v == null) {
      problems.add(doc.problem("$", "missing required key \"" + key + "\"", "add \"" + key
          + "\": \"2026-03-01T00:00:00Z\""));
      return null;
    }
    Optional<Instant> t = v instanceof JsonString s ? Instants.parse(s.value()) : Optional.empty();
    if (t.isEmpty()) {
      problems.add(doc.problem(Json.childPath("$", key), key + " must be an ISO-8601 instant with an offset, found "
          + Json.describe(v), "write e.g. \"2026-03-01T00:00:00Z\""));
      return null;
    }
    return t.get();
  }

  private static OptionalLong count(JsonDocument doc, JsonObject o, String key, List<Problem> problems) {
    JsonValue v = o.members().get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (v instanceof JsonNumber n && n.integral() && n.value() >= 0) {
      return OptionalLong.of(n.longValue());
    }
    problems.add(doc.problem(Json.childPath("$", key), key + " must be a whole number >= 0, found " + Json.describe(v),
        "write a count, e.g. \"" + key + "\": 412"));
    return OptionalLong.empty();
  }

  private static Optional<String> text(JsonDocument doc, JsonObject o, String key, List<Problem> problems) {
    JsonValue v = o.members().get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof JsonString s && !s.value().isBlank()) {
      return Optional.of(s.value());
    }
    problems.add(doc.problem(Json.childPath("$", key), key + " must be a non-empty string, found " + Json.describe(v), ""));
    return Optional.empty();
  }
}
