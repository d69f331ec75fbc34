package dev.clinigate.reports.internal;

import dev.clinigate.Clinigate;
import dev.clinigate.MetricRef;
import dev.clinigate.MetricRule;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Renders the evidence report: one self-contained HTML page (no script, no external resource, print
 * styles) with inline SVG charts, from the evidence and, when given, a decision, the policy and a data
 * contract result.
 *
 * <p>Design note: the page shows only what the inputs hold. A section whose data the evidence does not
 * carry says so ("not in the evidence") instead of drawing something plausible; every string from an
 * input is HTML-escaped (group names, rationales, messages may hold markup); numbers are formatted in
 * {@code Locale.ROOT} and nothing depends on the clock, so the same inputs give the same bytes.
 */
public final class EvidenceHtml {
  /** The section titles, in page order. */
  public static final List<String> SECTIONS = List.of("Decision", "Discrimination", "Calibration", "Clinical utility",
      "Subgroups", "Drift", "Data contract", "Approvals and waivers", "Provenance");

  /** Most points a curve in the evidence may have (clinigate metrics writes at most 200). */
  public static final int MAX_CURVE_POINTS = 10_000;

  private final JsonReader ev;
  private final JsonObject e;
  private final String evidenceSha;
  private final Optional<JsonObject> decision;
  private final Optional<String> decisionSha;
  private final Optional<PromotionPolicy> policy;
  private final Optional<JsonObject> contract;
  private final Optional<String> contractSha;
  private final JsonReader dr;
  private final JsonReader cr;
  private final StringBuilder b = new StringBuilder(64 * 1024);

  /**
   * The page of the given inputs (decision and contract result already checked by {@link #checkDecision} and
   * {@link #checkContract}).
   */
  public EvidenceHtml(JsonReader evidenceReader, JsonObject evidence, String evidenceSha,
      Optional<JsonObject> decision, Optional<JsonReader> decisionReader, Optional<PromotionPolicy> policy,
      Optional<JsonObject> contract, Optional<JsonReader> contractReader) {
    this.ev = evidenceReader;
    this.e = evidence;
    this.evidenceSha = evidenceSha;
    this.decision = decision;
    this.decisionSha = decision.map(Json::sha256);
    this.policy = policy;
    this.contract = contract;
    this.contractSha = contract.map(Json::sha256);
    this.dr = decisionReader.orElse(null);
    this.cr = contractReader.orElse(null);
  }

  /** Checks the parts of a decision the page reads; returns its root object. */
  public static JsonObject checkDecision(JsonReader r) {
    JsonObject d = r.root("a decision");
    if (r.string(d, "$", "verdict").isEmpty()) {
      throw r.fail("$", "a decision must have a verdict string", "give the output of 'clinigate evaluate --format json'");
    }
    List<JsonValue> rules = r.array(d, "$", "rules").orElseThrow(() -> r.fail("$",
        "a decision must have a rules array", "give the output of 'clinigate evaluate --format json'"));
    for (int i = 0; i < rules.size(); i++) {
      String path = Json.indexPath("$.rules", i);
      JsonObject rule = r.element(rules.get(i), path, "a rule result");
      if (r.string(rule, path, "id").isEmpty() || r.string(rule, path, "status").isEmpty()) {
        throw r.fail(path, "a rule result must have an id and a status", "give the output of 'clinigate evaluate --format json'");
      }
      r.string(rule, path, "subject");
      r.string(rule, path, "message");
      r.string(rule, path, "enforcement");
      r.object(rule, path, "bound").ifPresent(bound -> {
        r.number(bound, Json.childPath(path, "bound"), "min");
        r.number(bound, Json.childPath(path, "bound"), "max");
      });
    }
    r.object(d, "$", "policy").ifPresent(p -> r.string(p, "$.policy", "sha256"));
    r.object(d, "$", "evidence").ifPresent(p -> r.string(p, "$.evidence", "sha256"));
    return d;
  }

  /** Checks the parts of a contract result the page reads; returns its root object. */
  public static JsonObject checkContract(JsonReader r) {
    JsonObject c = r.root("a contract result");
    if (r.string(c, "$", "status").isEmpty()) {
      throw r.fail("$", "a contract result must have a status string", "give the output of 'clinigate check --format json'");
    }
    r.object(c, "$", "contract");
    List<JsonValue> vs = r.array(c, "$", "violations").orElse(List.of());
    for (int i = 0; i < vs.size(); i++) {
      String path = Json.indexPath("$.violations", i);
      JsonObject v = r.element(vs.get(i), path, "a violation");
      r.string(v, path, "rule");
      r.string(v, path, "column");
      r.string(v, path, "message");
    }
    return c;
  }

  /** The whole page. */
  public String render() {
    String title = title();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    header(title);
    decisionSection();
    discrimination();
    calibration();
    utility();
    subgroups();
    drift();
    contractSection();
    approvals();
    provenance();
    b.append("<footer>Written by clinigate ").append(Html.esc(Clinigate.version()))
        .append(" from the inputs whose SHA-256 are listed above. Every number is the evidence's own; nothing is "
            + "re-estimated.</footer>\n</body>\n</html>\n");
    return b.toString();
  }

  static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111;
             margin: 24px auto; max-width: 1040px; padding: 0 16px; line-height: 1.4; font-size: 14px; }
      h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #1f4e9c;
             padding-bottom: 2px; margin-top: 28px; } h3 { font-size: 15px; margin: 14px 0 4px; }
      .verdict { display: inline-block; font-weight: bold; padding: 2px 10px; border-radius: 3px; color: #fff; }
      .GO, .HOLD { background: #1e7b34; } .NO_GO, .ROLLBACK { background: #c0392b; } .NONE { background: #777; }
      table { border-collapse: collapse; margin: 6px 0 10px; font-size: 12.5px; }
      th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
      th { background: #eef1f6; } td code { white-space: nowrap; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .PASS { color: #1e7b34; } .FAIL, .MISSING { color: #c0392b; font-weight: bold; }
      .WAIVED, .ADVISORY, .INSUFFICIENT_DATA { color: #9a6700; }
      .charts { display: flex; flex-wrap: wrap; gap: 16px; } figure { margin: 0; } figcaption { font-size: 12px; color: #333; max-width: 320px; }
      .absent { color: #666; font-style: italic; } .warn { color: #c0392b; font-weight: bold; }
      code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
      footer { margin-top: 32px; font-size: 11px; color: #666; }
      @media print {
        body { margin: 0; max-width: none; font-size: 11px; }
        section { page-break-inside: avoid; break-inside: avoid; }
        h2 { page-break-after: avoid; break-after: avoid; }
        #subgroups, #drift, #provenance { page-break-before: always; break-before: page; }
        .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;

  private String title() {
    Optional<JsonObject> model = e.get("model").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    String name = model.flatMap(m -> JsonReader.text(m, "name")).orElse(null);
    if (name != null) {
      return "Evidence report: " + name + model.flatMap(m -> JsonReader.text(m, "version")).map(v -> " " + v).orElse("");
    }
    if (decision.isPresent()) {
      Optional<JsonObject> p = decision.get().get("policy").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
      if (p.isPresent() && JsonReader.text(p.get(), "name").isPresent()) {
        return "Evidence report: " + JsonReader.text(p.get(), "name").get()
            + JsonReader.text(p.get(), "version").map(v -> " v" + v).orElse("");
      }
    }
    return policy.map(p -> "Evidence report: " + p.metadata().name() + " v" + p.metadata().version())
        .orElse("Evidence report");
  }

  private void header(String title) {
    b.append("<header>\n<h1>").append(Html.esc(title)).append("</h1>\n");
    if (decision.isPresent()) {
      String verdict = JsonReader.text(decision.get(), "verdict").orElse("NONE");
      b.append("<p><span class=\"verdict ").append(cssClass(verdict)).append("\">").append(Html.esc(verdict))
          .append("</span> ").append(Html.esc(summary())).append("</p>\n");
    } else {
      b.append("<p><span class=\"verdict NONE\">no decision</span> no decision was given (--decision) and no policy "
          + "(--policy) to evaluate</p>\n");
    }
    List<String> facts = new ArrayList<>();
    e.get("model").filter(JsonObject.class::isInstance).map(JsonObject.class::cast).ifPresent(m ->
        JsonReader.text(m, "author").ifPresent(a -> facts.add("author " + a)));
    e.get("dataset").filter(JsonObject.class::isInstance).map(JsonObject.class::cast).ifPresent(d ->
        facts.add("dataset " + JsonReader.text(d, "id").orElse("?") + JsonReader.text(d, "version").map(v -> " @ " + v).orElse("")));
    OptionalDouble n = ev.number(e, "$", "n");
    OptionalDouble pos = ev.number(e, "$", "positives");
    if (n.isPresent()) {
      facts.add("n=" + Html.count((long) n.getAsDouble())
          + (pos.isPresent() ? ", positives=" + Html.count((long) pos.getAsDouble()) : ""));
    }
    if (!facts.isEmpty()) {
      b.append("<p>").append(Html.esc(String.join("; ", facts))).append("</p>\n");
    }
    b.append("</header>\n");
  }

  private String summary() {
    int blocking = 0;
    int pass = 0;
    int total = 0;
    for (JsonObject r : rules()) {
      total++;
      String status = JsonReader.text(r, "status").orElse("");
      if (r.get("blocking").map(v -> Json.compact(v).equals("true")).orElse(status.equals("FAIL") || status.equals("MISSING"))) {
        blocking++;
      } else if (status.equals("PASS")) {
        pass++;
      }
    }
    return String.format(java.util.Locale.ROOT, "%d rules: %d passed, %d blocking, %d not blocking (advisory, waived "
        + "or insufficient data)", total, pass, blocking, total - pass - blocking);
  }

  private List<JsonObject> rules() {
    List<JsonObject> out = new ArrayList<>();
    if (decision.isEmpty()) {
      return out;
    }
    for (JsonValue v : decision.get().get("rules").map(x -> ((dev.clinigate.json.JsonArray) x).elements()).orElse(List.of())) {
      out.add((JsonObject) v);
    }
    return out;
  }

  /** An observed value for people: a number to 4 significant digits, other JSON as written. */
  static String observed(JsonValue v) {
    if (v instanceof JsonNumber n) {
      return n.integral() ? Html.count((long) n.value()) : Html.significant(n.value());
    }
    return v.kind() == JsonValue.Kind.NULL ? "" : Json.compact(v);
  }

  /** A bound for people: {@code max 1.2, min 0.8}; members sorted, as in the canonical decision. */
  static String bound(JsonValue v) {
    if (!(v instanceof JsonObject o)) {
      return v.kind() == JsonValue.Kind.NULL ? "" : Json.compact(v);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonValue> m : new java.util.TreeMap<>(o.members()).entrySet()) {
      parts.add(m.getKey() + " " + (m.getValue() instanceof dev.clinigate.json.JsonString s ? s.value()
          : m.getValue() instanceof JsonNumber n ? Json.number(n) : Json.compact(m.getValue())));
    }
    return String.join(", ", parts);
  }

  private static String cssClass(String status) {
    return status.matches("[A-Z_]+") ? status : "NONE";
  }

  private void open(String id, String title) {
    b.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.esc(title)).append("</h2>\n");
  }

  private void close() {
    b.append("</section>\n");
  }

  private void absent(String what) {
    b.append("<p class=\"absent\">").append(Html.esc(what)).append("</p>\n");
  }

  // ---------------------------------------------------------------- decision

  private void decisionSection() {
    open("decision", "Decision");
    if (decision.isEmpty()) {
      absent("No decision: give --decision (the output of 'clinigate evaluate --format json') or --policy to evaluate.");
      close();
      return;
    }
    b.append("<table>\n<tr><th>rule</th><th>subject</th><th>status</th><th>enforcement</th><th>observed</th>"
        + "<th>bound</th><th>explanation</th></tr>\n");
    for (JsonObject r : rules()) {
      String status = JsonReader.text(r, "status").orElse("");
      b.append("<tr><td><code>").append(Html.esc(JsonReader.text(r, "id").orElse(""))).append("</code></td><td>")
          .append(Html.esc(JsonReader.text(r, "subject").orElse(""))).append("</td><td class=\"")
          .append(cssClass(status)).append("\">").append(Html.esc(status)).append("</td><td>")
          .append(Html.esc(JsonReader.text(r, "enforcement").orElse(""))).append("</td><td class=\"num\">")
          .append(Html.esc(r.get("observed").map(EvidenceHtml::observed).orElse("")))
          .append("</td><td>").append(Html.esc(r.get("bound").map(EvidenceHtml::bound).orElse(""))).append("</td><td>")
          .append(Html.esc(JsonReader.text(r, "message").orElse(""))).append("</td></tr>\n");
    }
    b.append("</table>\n");
    close();
  }

  // ---------------------------------------------------------------- curves

  private Optional<JsonObject> curves() {
    return ev.object(e, "$", "curves");
  }

  private List<double[]> points(JsonObject parent, String parentPath, String key, int size, double min, double max,
      String what) {
    Optional<List<JsonValue>> a = ev.array(parent, parentPath, key);
    if (a.isEmpty()) {
      return List.of();
    }
    String path = Json.childPath(parentPath, key);
    if (a.get().size() > MAX_CURVE_POINTS) {
      throw ev.fail(path, what + " has " + a.get().size() + " points, more than " + MAX_CURVE_POINTS,
          "clinigate metrics downsamples every curve to at most 200 points");
    }
    List<double[]> out = new ArrayList<>(a.get().size());
    for (int i = 0; i < a.get().size(); i++) {
      out.add(ev.tuple(a.get().get(i), Json.indexPath(path, i), size, min, max, "a point of " + what));
    }
    return out;
  }

  private String metricLine(String label, String metric) {
    OptionalDouble v = ev.object(e, "$", "metrics").map(m -> ev.number(m, "$.metrics", metric)).orElse(OptionalDouble.empty());
    if (v.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder(label).append(' ').append(Html.metric(v.getAsDouble()));
    interval(e, "$", metric).ifPresent(iv -> s.append(" (95% CI ").append(Html.metric(iv[0])).append(" to ")
        .append(Html.metric(iv[1])).append(')'));
    return s.toString();
  }

  /** The {lower95, upper95} of a metric in a report object's intervals, when both are numbers. */
  private Optional<double[]> interval(JsonObject report, String path, String key) {
    Optional<JsonObject> ivs = ev.object(report, path, "intervals");
    if (ivs.isEmpty()) {
      return Optional.empty();
    }
    String ip = Json.childPath(path, "intervals");
    Optional<JsonObject> iv = ev.object(ivs.get(), ip, key);
    if (iv.isEmpty()) {
      return Optional.empty();
    }
    OptionalDouble lo = ev.number(iv.get(), Json.childPath(ip, key), "lower95");
    OptionalDouble hi = ev.number(iv.get(), Json.childPath(ip, key), "upper95");
    return lo.isPresent() && hi.isPresent() ? Optional.of(new double[] {lo.getAsDouble(), hi.getAsDouble()}) : Optional.empty();
  }

  private void figure(String svg, String caption) {
    b.append("<figure>").append(svg).append("<figcaption>").append(Html.esc(caption)).append("</figcaption></figure>\n");
  }

  private void discrimination() {
    open("discrimination", "Discrimination");
    Optional<JsonObject> c = curves();
    List<double[]> roc = c.map(o -> points(o, "$.curves", "roc", 2, 0, 1, "the ROC curve")).orElse(List.of());
    List<double[]> pr = c.map(o -> points(o, "$.curves", "pr", 2, 0, 1, "the precision-recall curve")).orElse(List.of());
    String auroc = metricLine("AUROC", "auroc");
    String auprc = metricLine("AUPRC (average precision)", "auprc");
    if (roc.isEmpty() && pr.isEmpty()) {
      absent("ROC and precision-recall curves: not in the evidence (clinigate metrics writes them as \"curves\")."
          + (auroc.isEmpty() ? "" : " " + auroc + ".") + (auprc.isEmpty() ? "" : " " + auprc + "."));
      close();
      return;
    }
    b.append("<div class=\"charts\">\n");
    if (roc.isEmpty()) {
      absent("ROC curve: not in the evidence.");
    } else {
      figure(Charts.roc(roc), "ROC curve: sensitivity against 1 - specificity at every threshold. "
          + (auroc.isEmpty() ? "" : auroc + ". ") + "Dashed: chance.");
    }
    if (pr.isEmpty()) {
      absent("Precision-recall curve: not in the evidence.");
    } else {
      figure(Charts.precisionRecall(pr, prevalence()), "Precision-recall curve (steps, as average precision sums "
          + "it). " + (auprc.isEmpty() ? "" : auprc + ". ") + "Dashed: the prevalence (no skill).");
    }
    b.append("</div>\n");
    close();
  }

  private double prevalence() {
    OptionalDouble p = ev.number(e, "$", "prevalence");
    if (p.isPresent()) {
      return p.getAsDouble();
    }
    OptionalDouble n = ev.number(e, "$", "n");
    OptionalDouble m = ev.number(e, "$", "positives");
    return n.isPresent() && m.isPresent() && n.getAsDouble() > 0 ? m.getAsDouble() / n.getAsDouble() : Double.NaN;
  }

  private void calibration() {
    open("calibration", "Calibration");
    List<String> facts = new ArrayList<>();
    for (String[] m : new String[][] {{"ECE", "ece"}, {"MCE", "mce"}, {"ICI", "ici"}, {"calibration slope", "calibration_slope"},
        {"calibration intercept", "calibration_intercept"}, {"observed/expected", "oe_ratio"}, {"Brier score", "brier"}}) {
      String line = metricLine(m[0], m[1]);
      if (!line.isEmpty()) {
        facts.add(line);
      }
    }
    Optional<JsonObject> cal = ev.object(e, "$", "calibration");
    List<Charts.Bin> bins = new ArrayList<>();
    if (cal.isPresent()) {
      List<JsonValue> curve = ev.array(cal.get(), "$.calibration", "curve").orElse(List.of());
      if (curve.size() > MAX_CURVE_POINTS) {
        throw ev.fail("$.calibration.curve", "the calibration curve has more than " + MAX_CURVE_POINTS + " bins", "use fewer bins");
      }
      for (int i = 0; i < curve.size(); i++) {
        String path = Json.indexPath("$.calibration.curve", i);
        JsonObject bin = ev.element(curve.get(i), path, "a calibration bin");
        double lower = ev.requiredNumber(bin, path, "lower", 0, 1);
        double upper = ev.requiredNumber(bin, path, "upper", lower, 1);
        long n = ev.count(bin.get("n").orElse(dev.clinigate.json.JsonNull.INSTANCE), Json.childPath(path, "n"), "n");
        bins.add(new Charts.Bin(lower, upper, n, ev.requiredNumber(bin, path, "mean_predicted", 0, 1),
            ev.requiredNumber(bin, path, "observed_rate", 0, 1)));
      }
    }
    if (bins.isEmpty()) {
      absent("Reliability diagram: not in the evidence (clinigate metrics writes the bins as \"calibration.curve\").");
    } else {
      b.append("<div class=\"charts\">\n");
      figure(Charts.reliability(bins), "Reliability diagram: observed event rate against mean predicted risk in "
          + "each of the equal-width bins; bars and labels give each bin's number of cases. Dashed: perfect calibration.");
      b.append("<table>\n<tr><th>bin</th><th>n</th><th>mean predicted</th><th>observed</th></tr>\n");
      for (Charts.Bin bin : bins) {
        b.append("<tr><td>").append(Html.fixed(bin.lower(), 2)).append(" to ").append(Html.fixed(bin.upper(), 2))
            .append("</td><td class=\"num\">").append(Html.count(bin.n())).append("</td><td class=\"num\">")
            .append(Html.metric(bin.meanPredicted())).append("</td><td class=\"num\">")
            .append(Html.metric(bin.observedRate())).append("</td></tr>\n");
      }
      b.append("</table>\n</div>\n");
    }
    if (!facts.isEmpty()) {
      b.append("<p>").append(Html.esc(String.join("; ", facts))).append(".</p>\n");
    }
    close();
  }

  private void utility() {
    open("utility", "Clinical utility");
    List<double[]> pts = curves().map(o -> points(o, "$.curves", "decision", 3, -Double.MAX_VALUE, Double.MAX_VALUE,
        "the decision curve")).orElse(List.of());
    for (int i = 0; i < pts.size(); i++) {
      if (!(pts.get(i)[0] > 0 && pts.get(i)[0] < 1)) {
        throw ev.fail(Json.indexPath("$.curves.decision", i) + "[0]", "a decision-curve threshold must be within (0, 1)",
            "give the curves clinigate metrics computes");
      }
    }
    if (pts.isEmpty()) {
      absent("Decision curve: not in the evidence (clinigate metrics writes it as \"curves.decision\").");
    } else {
      b.append("<div class=\"charts\">\n");
      figure(Charts.decisionCurve(pts, prevalence()), "Decision curve: net benefit TP/n - FP/n \u00b7 t/(1-t) of acting on "
          + "the model at threshold probability t, against treating everyone and treating no one (0).");
      b.append("</div>\n");
    }
    close();
  }

  // ---------------------------------------------------------------- subgroups

  /** One forest plot: a metric over the groups of the columns a rule covers. */
  private record Forest(String title, String metric, List<Charts.ForestRow> rows, OptionalDouble min, OptionalDouble max) {}

  private void subgroups() {
    open("subgroups", "Subgroups");
    Optional<JsonObject> groups = ev.object(e, "$", "groups");
    List<Forest> forests = decision.isPresent() ? ruleForests(groups) : defaultForests(groups);
    if (forests.isEmpty()) {
      absent(groups.isEmpty() ? "Subgroup results: not in the evidence (clinigate metrics --group COL writes them)."
          : "No subgroup rule in the decision.");
    }
    for (Forest f : forests) {
      b.append("<h3>").append(Html.esc(f.title())).append("</h3>\n");
      figure(Charts.forest(f.metric(), f.rows(), f.min(), f.max()), "Point and 95% interval per group (where the "
          + "evidence has one); dashed red: the policy's bound; red rows failed.");
    }
    close();
  }

  /** Without a decision: AUROC per group of each column, with its interval, and no bound. */
  private List<Forest> defaultForests(Optional<JsonObject> groups) {
    List<Forest> out = new ArrayList<>();
    if (groups.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, JsonValue> col : groups.get().members().entrySet()) {
      String cp = Json.childPath("$.groups", col.getKey());
      JsonObject values = ev.element(col.getValue(), cp, "a group column");
      List<Charts.ForestRow> rows = new ArrayList<>();
      for (Map.Entry<String, JsonValue> g : values.members().entrySet()) {
        String gp = Json.childPath(cp, g.getKey());
        JsonObject group = ev.element(g.getValue(), gp, "a group");
        OptionalDouble v = value(group, gp, MetricRef.parse("auroc"));
        if (v.isPresent()) {
          double[] iv = interval(group, gp, "auroc").orElse(new double[] {Double.NaN, Double.NaN});
          rows.add(new Charts.ForestRow(col.getKey() + "=" + g.getKey(), v.getAsDouble(), iv[0], iv[1], "reported"));
        }
      }
      if (!rows.isEmpty()) {
        out.add(new Forest("AUROC by " + col.getKey() + " (no policy bound: no decision)", "AUROC", rows,
            OptionalDouble.empty(), OptionalDouble.empty()));
      }
    }
    return out;
  }

  /** With a decision: one plot per rule whose results name groups ("column=value"). */
  private List<Forest> ruleForests(Optional<JsonObject> groups) {
    Map<String, List<JsonObject>> byRule = new LinkedHashMap<>();
    for (JsonObject r : rules()) {
      String subject = JsonReader.text(r, "subject").orElse("");
      if (subject.indexOf('=') > 0) {
        byRule.computeIfAbsent(JsonReader.text(r, "id").orElse(""), k -> new ArrayList<>()).add(r);
      }
    }
    List<Forest> out = new ArrayList<>();
    for (Map.Entry<String, List<JsonObject>> rule : byRule.entrySet()) {
      Optional<MetricRef> metric = policy.flatMap(p -> p.rule(rule.getKey())).filter(MetricRule.class::isInstance)
          .map(r -> ((MetricRule) r).metric());
      OptionalDouble min = OptionalDouble.empty();
      OptionalDouble max = OptionalDouble.empty();
      List<Charts.ForestRow> rows = new ArrayList<>();
      for (JsonObject r : rule.getValue()) {
        String subject = JsonReader.text(r, "subject").orElse("");
        String status = JsonReader.text(r, "status").orElse("");
        Optional<JsonObject> bound = r.get("bound").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
        if (bound.isPresent()) {
          OptionalDouble bmin = number(bound.get(), "min");
          OptionalDouble bmax = number(bound.get(), "max");
          min = bmin.isPresent() ? bmin : min;
          max = bmax.isPresent() ? bmax : max;
        }
        double point = r.get("observed").filter(JsonNumber.class::isInstance).map(v -> ((JsonNumber) v).value())
            .orElse(Double.NaN);
        double[] iv = {Double.NaN, Double.NaN};
        if (metric.isPresent() && groups.isPresent()) {
          int eq = subject.indexOf('=');
          String column = subject.substring(0, eq);
          String value = subject.substring(eq + 1);
          Optional<JsonObject> group = groups.get().get(column).filter(JsonObject.class::isInstance)
              .flatMap(c -> ((JsonObject) c).get(value)).filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
          if (group.isPresent()) {
            String gp = Json.childPath(Json.childPath("$.groups", column), value);
            OptionalDouble v = value(group.get(), gp, metric.get().withStatistic(MetricRef.Statistic.POINT));
            point = v.isPresent() ? v.getAsDouble() : point;
            iv = interval(group.get(), gp, metric.get().key()).orElse(iv);
          }
        }
        rows.add(new Charts.ForestRow(subject, point, iv[0], iv[1], status));
      }
      String label = metric.map(m -> m.displayName() + (m.statistic() == MetricRef.Statistic.POINT ? ""
          : " (rule reads the " + m.statistic().key() + " bound)")).orElse("observed value");
      out.add(new Forest("Rule " + rule.getKey() + ": " + label, metric.map(MetricRef::displayName).orElse("observed"),
          rows, min, max));
    }
    return out;
  }

  private static OptionalDouble number(JsonObject o, String key) {
    return o.get(key).filter(JsonNumber.class::isInstance).map(v -> OptionalDouble.of(((JsonNumber) v).value()))
        .orElse(OptionalDouble.empty());
  }

  /** A metric's value in a report object: {@code metrics.<name>}, a count, or a threshold's member. */
  private OptionalDouble value(JsonObject report, String path, MetricRef ref) {
    if (ref.statistic() != MetricRef.Statistic.POINT) {
      return interval(report, path, ref.key()).map(iv -> OptionalDouble.of(
          ref.statistic() == MetricRef.Statistic.LOWER95 ? iv[0] : iv[1])).orElse(OptionalDouble.empty());
    }
    if (ref.isCount()) {
      return ev.number(report, path, ref.name());
    }
    if (ref.threshold().isPresent()) {
      List<JsonValue> ts = ev.array(report, path, "thresholds").orElse(List.of());
      for (int i = 0; i < ts.size(); i++) {
        String tp = Json.indexPath(Json.childPath(path, "thresholds"), i);
        JsonObject t = ev.element(ts.get(i), tp, "a threshold entry");
        OptionalDouble th = ev.number(t, tp, "threshold");
        if (th.isPresent() && th.getAsDouble() == ref.threshold().getAsDouble()) {
          return ev.number(t, tp, ref.name());
        }
      }
      return OptionalDouble.empty();
    }
    return ev.object(report, path, "metrics").map(m -> ev.number(m, Json.childPath(path, "metrics"), ref.name()))
        .orElse(OptionalDouble.empty());
  }

  // ---------------------------------------------------------------- drift

  private void drift() {
    open("drift", "Drift");
    Optional<JsonObject> features = ev.object(e, "$", "drift").flatMap(d -> ev.object(d, "$.drift", "features"));
    String base = "$.drift.features";
    if (features.isEmpty()) {
      features = ev.object(e, "$", "features");
      base = "$.features";
    }
    if (features.isEmpty()) {
      absent("Drift: not in the evidence (add the output of 'clinigate drift --format json' as \"drift\").");
      close();
      return;
    }
    b.append("<table>\n<tr><th>feature</th><th>PSI</th><th>KS</th><th>Jensen-Shannon</th><th>missing rate</th></tr>\n");
    for (Map.Entry<String, JsonValue> f : features.get().members().entrySet()) {
      String fp = Json.childPath(base, f.getKey());
      JsonObject d = ev.element(f.getValue(), fp, "a feature's drift");
      b.append("<tr><td>").append(Html.esc(f.getKey())).append("</td>");
      for (String k : new String[] {"psi", "ks", "js_distance", "missing_rate"}) {
        OptionalDouble v = ev.number(d, fp, k);
        b.append("<td class=\"num\">").append(v.isPresent() ? Html.metric(v.getAsDouble()) : "n/a").append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<div class=\"charts\">\n");
    int drawn = 0;
    for (Map.Entry<String, JsonValue> f : features.get().members().entrySet()) {
      String fp = Json.childPath(base, f.getKey());
      Optional<Charts.Histogram> h = histogram((JsonObject) f.getValue(), fp);
      if (h.isPresent()) {
        figure(Charts.histogram(f.getKey(), h.get()), f.getKey() + ": share of non-missing values per bin, reference "
            + "(grey) and current (blue)" + (h.get().edges() ? "; bins are the reference's quantile bins of PSI." : "."));
        drawn++;
      }
    }
    b.append("</div>\n");
    if (drawn == 0) {
      absent("Drift histograms: not in the evidence (clinigate drift writes them as \"histogram\").");
    }
    close();
  }

  private Optional<Charts.Histogram> histogram(JsonObject d, String fp) {
    Optional<JsonObject> h = ev.object(d, fp, "histogram");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    String hp = Json.childPath(fp, "histogram");
    long[] ref = counts(h.get(), hp, "reference");
    long[] cur = counts(h.get(), hp, "current");
    if (ref.length != cur.length || ref.length == 0 || ref.length > 1000) {
      throw ev.fail(hp, "a histogram needs 1 to 1000 bins, the same number for reference and current",
          "give the histogram clinigate drift writes");
    }
    List<String> labels = new ArrayList<>();
    Optional<List<JsonValue>> edges = ev.array(h.get(), hp, "edges");
    if (edges.isPresent()) {
      if (edges.get().size() != ref.length - 1) {
        throw ev.fail(Json.childPath(hp, "edges"), "a histogram of k bins needs k - 1 inner edges",
            "give the histogram clinigate drift writes");
      }
      for (int i = 0; i < edges.get().size(); i++) {
        double[] x = ev.tuple(dev.clinigate.json.JsonArray.of(edges.get().get(i)), Json.indexPath(Json.childPath(hp, "edges"), i),
            1, -Double.MAX_VALUE, Double.MAX_VALUE, "an edge");
        labels.add(edgeLabel(x[0]));
      }
      return Optional.of(new Charts.Histogram(labels, true, ref, cur));
    }
    List<JsonValue> cats = ev.array(h.get(), hp, "categories").orElseThrow(() -> ev.fail(hp,
        "a histogram needs edges (numeric) or categories (categorical)", "give the histogram clinigate drift writes"));
    if (cats.size() != ref.length) {
      throw ev.fail(Json.childPath(hp, "categories"), "a histogram needs one category per bin",
          "give the histogram clinigate drift writes");
    }
    for (int i = 0; i < cats.size(); i++) {
      if (!(cats.get(i) instanceof dev.clinigate.json.JsonString s)) {
        throw ev.fail(Json.indexPath(Json.childPath(hp, "categories"), i), "a category must be a string",
            "give the histogram clinigate drift writes");
      }
      labels.add(s.value());
    }
    return Optional.of(new Charts.Histogram(labels, false, ref, cur));
  }

  private long[] counts(JsonObject h, String hp, String key) {
    List<JsonValue> a = ev.array(h, hp, key).orElseThrow(() -> ev.fail(hp, "a histogram needs " + key + " counts",
        "give the histogram clinigate drift writes"));
    long[] out = new long[a.size()];
    for (int i = 0; i < a.size(); i++) {
      out[i] = ev.count(a.get(i), Json.indexPath(Json.childPath(hp, key), i), "a count");
    }
    return out;
  }

  static String edgeLabel(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.001 || a >= 1e6)) {
      return String.format(java.util.Locale.ROOT, "%.2e", v);
    }
    String s = String.format(java.util.Locale.ROOT, "%.4g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s;
  }

  // ---------------------------------------------------------------- contract, approvals, provenance

  private void contractSection() {
    open("contract", "Data contract");
    if (contract.isEmpty()) {
      absent("No data contract result was given (--contract-result, the output of 'clinigate check --format json').");
      close();
      return;
    }
    JsonObject c = contract.get();
    String status = JsonReader.text(c, "status").orElse("");
    Optional<JsonObject> meta = c.get("contract").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    b.append("<p><span class=\"").append(cssClass(status)).append("\">").append(Html.esc(status)).append("</span> ")
        .append(Html.esc(meta.flatMap(m -> JsonReader.text(m, "name")).orElse("contract")
            + meta.flatMap(m -> JsonReader.text(m, "version")).map(v -> " v" + v).orElse("")
            + JsonReader.text(c, "rows").map(r -> ", " + r + " rows").orElse(""))).append("</p>\n");
    List<JsonValue> vs = c.get("violations").filter(dev.clinigate.json.JsonArray.class::isInstance)
        .map(v -> ((dev.clinigate.json.JsonArray) v).elements()).orElse(List.of());
    if (vs.isEmpty()) {
      b.append("<p>No violation.</p>\n");
    } else {
      b.append("<table>\n<tr><th>rule</th><th>column</th><th>message</th></tr>\n");
      for (JsonValue v : vs) {
        JsonObject o = (JsonObject) v;
        b.append("<tr><td>").append(Html.esc(JsonReader.text(o, "rule").orElse(""))).append("</td><td>")
            .append(Html.esc(JsonReader.text(o, "column").orElse(""))).append("</td><td>")
            .append(Html.esc(JsonReader.text(o, "message").orElse(""))).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    close();
  }

  private void approvals() {
    open("approvals", "Approvals and waivers");
    table("Approvals", "approvals", new String[] {"principal", "role", "decision", "timestamp", "expires", "rationale",
        "evidenceSha256"});
    table("Waivers", "waivers", new String[] {"rule", "subject", "approver", "role", "granted", "expires",
        "justification"});
    close();
  }

  private void table(String title, String key, String[] columns) {
    b.append("<h3>").append(title).append("</h3>\n");
    List<JsonValue> items = ev.array(e, "$", key).orElse(List.of());
    if (items.isEmpty()) {
      absent(title + ": not in the evidence.");
      return;
    }
    b.append("<table>\n<tr>");
    for (String c : columns) {
      b.append("<th>").append(Html.esc(c)).append("</th>");
    }
    b.append("</tr>\n");
    for (int i = 0; i < items.size(); i++) {
      JsonObject o = ev.element(items.get(i), Json.indexPath("$." + key, i), title.toLowerCase(java.util.Locale.ROOT));
      b.append("<tr>");
      for (String c : columns) {
        String v = JsonReader.text(o, c).orElse("");
        b.append(c.endsWith("Sha256") ? "<td class=\"hash\">" : "<td>").append(Html.esc(v)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private void provenance() {
    open("provenance", "Provenance");
    b.append("<table>\n");
    row("evidence sha256", evidenceSha);
    decision.ifPresent(d -> {
      Optional<JsonObject> p = d.get("policy").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
      Optional<JsonObject> de = d.get("evidence").filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
      p.flatMap(x -> JsonReader.text(x, "sha256")).ifPresent(s -> row("policy sha256 (in the decision)", s));
      de.flatMap(x -> JsonReader.text(x, "sha256")).ifPresent(s -> row("evidence sha256 (in the decision)", s));
      de.flatMap(x -> JsonReader.text(x, "subjectSha256")).ifPresent(s -> row("subject sha256 (what approvals sign)", s));
      row("decision sha256 (canonical JSON)", decisionSha.orElseThrow());
    });
    policy.ifPresent(p -> row("policy sha256 (" + p.metadata().name() + " v" + p.metadata().version() + ")", p.sha256()));
    contract.ifPresent(c -> {
      c.get("contract").filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
          .flatMap(x -> JsonReader.text(x, "sha256")).ifPresent(s -> row("data contract sha256", s));
      row("contract result sha256 (canonical JSON)", contractSha.orElseThrow());
    });
    b.append("</table>\n");
    decision.ifPresent(d -> {
      Optional<String> dEvidence = d.get("evidence").filter(JsonObject.class::isInstance)
          .flatMap(x -> JsonReader.text((JsonObject) x, "sha256"));
      if (dEvidence.isPresent() && !dEvidence.get().equals(evidenceSha)) {
        b.append("<p class=\"warn\">The decision was made on other evidence: its evidence sha256 differs from this "
            + "evidence's.</p>\n");
      }
      Optional<String> dPolicy = d.get("policy").filter(JsonObject.class::isInstance)
          .flatMap(x -> JsonReader.text((JsonObject) x, "sha256"));
      if (policy.isPresent() && dPolicy.isPresent() && !dPolicy.get().equals(policy.get().sha256())) {
        b.append("<p class=\"warn\">The decision was made by another policy: its policy sha256 differs from the "
            + "given policy's.</p>\n");
      }
    });
    close();
  }

  private void row(String label, String value) {
    b.append("<tr><th>").append(Html.esc(label)).append("</th><td class=\"hash\">").append(Html.esc(value))
        .append("</td></tr>\n");
  }
}
