package dev.clinigate.reports.card.internal;

import dev.clinigate.Clinigate;
import dev.clinigate.NumberText;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.card.CardCheck;
import dev.clinigate.reports.card.CardItemResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a card: its text as written, and its key metrics with results read from the evidence (never from the
 * card), stamped with the SHA-256 of the card and of the evidence, and the standards checked.
 *
 * <p>Design note: output is a pure function of the card, the evidence and the checks (declared order everywhere,
 * numbers through {@link NumberText}), so the same inputs give the same bytes. HTML is one self-contained file: an
 * inline style sheet, no script, no external URL; every string from the card or the evidence is escaped.
 *
 * @param card the bound card
 * @param cardSource how the card is named, e.g. its file name
 * @param cardSha256 the SHA-256 of the card's bytes
 * @param evidence the evidence's JSON
 * @param evidenceSha256 the evidence's canonical SHA-256
 * @param checks the standards checked, in the order asked
 */
public record CardRenderer(CardDoc card, String cardSource, String cardSha256, JsonObject evidence,
    String evidenceSha256, List<CardCheck> checks) {
  /** Copies. */
  public CardRenderer {
    checks = List.copyOf(checks);
  }

  private String title() {
    return card.text("basicInfo.modelName").filter(t -> !Text.blank(t)).orElse(card.name())
        + card.text("releaseInfo.version").filter(t -> !Text.blank(t)).map(v -> " " + v).orElse("");
  }

  private String provenance() {
    return "Card " + cardSource + " (sha256 " + cardSha256 + "), evidence sha256 " + evidenceSha256
        + ". Every number in this card is read from that evidence by clinigate " + Clinigate.version()
        + "; none is typed by hand.";
  }

  private static String result(Results.Row r) {
    return r.value().isPresent() ? Text.value(r.value().getAsDouble()) : "not in the evidence";
  }

  private static String interval(Results.Row r) {
    return r.lower95().isPresent() ? Text.value(r.lower95().getAsDouble()) + " to "
        + Text.value(r.upper95().getAsDouble()) : "";
  }

  private static String n(Results.Row r) {
    return r.n().isPresent() ? NumberText.count(r.n().getAsLong()) : "";
  }

  private static String rowLabel(KeyMetric m, Results.Row r) {
    return m.baseLabel() + r.group().map(x -> " [" + x + "]").orElse("");
  }

  private static String status(CardItemResult i) {
    return switch (i.status()) {
      case COMPLETE -> "complete";
      case NOT_APPLICABLE -> "N/A";
      case MISSING -> "MISSING";
      case STALE -> "STALE";
    };
  }

  private static String summary(CardCheck c) {
    int bad = c.incomplete().size();
    return c.complete() ? "complete (" + c.items().size() + " items)" : bad + " of " + c.items().size() + " items "
        + "incomplete";
  }

  // ---------------------------------------------------------------- Markdown

  /** Markdown. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Model card: ").append(oneLine(title())).append("\n\n").append(provenance()).append("\n");
    for (CardFields.Section s : CardFields.SECTIONS) {
      List<String[]> written = written(s);
      if (!written.isEmpty()) {
        b.append("\n## ").append(s.title()).append("\n\n");
        for (String[] w : written) {
          b.append("**").append(w[0]).append(":** ").append(w[1].strip()).append("\n\n");
        }
        trimBlank(b);
      }
      if (s.key().equals("trustIngredients")) {
        keyMetricsMarkdown(b);
      }
    }
    for (CardCheck c : checks) {
      b.append("\n## Standard ").append(c.standard()).append(": ").append(summary(c)).append("\n\n")
          .append(c.title()).append(". Source: ").append(c.source()).append(".\n\n")
          .append("| Item | Group | Title | Status | Detail |\n|---|---|---|---|---|\n");
      for (CardItemResult i : c.items()) {
        b.append("| ").append(Text.cell(i.id())).append(" | ").append(Text.cell(i.group())).append(" | ")
            .append(Text.cell(i.title())).append(i.quantitative() ? " (quantitative)" : "").append(" | ")
            .append(status(i)).append(" | ").append(Text.cell(i.detail())).append(" |\n");
      }
    }
    return b.toString();
  }

  private void keyMetricsMarkdown(StringBuilder b) {
    if (card.keyMetrics().isEmpty()) {
      return;
    }
    b.append("\n## Key metrics\n");
    for (CardFields.Field g : CardFields.METRIC_GROUPS) {
      List<KeyMetric> ms = card.keyMetrics().stream().filter(m -> m.group().equals(g.key())).toList();
      if (ms.isEmpty()) {
        continue;
      }
      b.append("\n### ").append(g.label()).append("\n\n")
          .append("| Metric | Goal | Result | 95% CI | n | Test type | Testing data |\n|---|---|---|---|---|---|---|\n");
      for (KeyMetric m : ms) {
        Results.Rows rows = Results.of(m, evidence);
        String goal = Text.cell(m.field("goal").orElse(""));
        String type = CardFields.testTypeText(m.testType());
        String data = Text.cell(m.field("testingData").orElse(""));
        if (rows.problem().isPresent()) {
          b.append("| ").append(Text.cell(m.label())).append(" | ").append(goal).append(" | ")
              .append(Text.cell(rows.problem().get())).append(" |  |  | ").append(type).append(" | ").append(data)
              .append(" |\n");
        }
        for (Results.Row r : rows.rows()) {
          b.append("| ").append(Text.cell(rowLabel(m, r))).append(" | ")
              .append(goal).append(" | ").append(result(r)).append(" | ").append(interval(r)).append(" | ")
              .append(n(r)).append(" | ").append(type).append(" | ").append(data).append(" |\n");
        }
      }
      for (KeyMetric m : ms) {
        m.field("interpretation").ifPresent(t -> b.append("\n*").append(Text.cell(m.label()))
            .append(", interpretation:* ").append(t.strip()).append("\n"));
        m.field("validationProcess").ifPresent(t -> b.append("\n*").append(Text.cell(m.label()))
            .append(", validation process:* ").append(t.strip()).append("\n"));
      }
    }
  }

  private List<String[]> written(CardFields.Section s) {
    List<String[]> out = new ArrayList<>();
    for (CardFields.Field f : s.fields()) {
      card.text(s.key() + "." + f.key()).filter(t -> !Text.blank(t)).ifPresent(t -> out.add(new String[] {f.label(), t}));
    }
    if (s.key().equals("resources")) {
      card.bibliography().ifPresent(t -> out.add(new String[] {"Bibliography", t}));
    }
    return out;
  }

  private static void trimBlank(StringBuilder b) {
    while (b.length() > 1 && b.charAt(b.length() - 1) == '\n' && b.charAt(b.length() - 2) == '\n') {
      b.setLength(b.length() - 1);
    }
  }

  private static String oneLine(String s) {
    return s.replace("\r", " ").replace("\n", " ");
  }

  // ---------------------------------------------------------------- HTML

  private static final String STYLE = "body{font-family:Georgia,'Times New Roman',serif;max-width:60em;margin:2em auto;"
      + "padding:0 1em;color:#111;line-height:1.45}h1{font-size:1.6em;border-bottom:2px solid #333}"
      + "h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}h3{font-size:1.05em}"
      + "table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}"
      + "th,td{border:1px solid #aaa;padding:.25em .45em;text-align:left;vertical-align:top}th{background:#eee}"
      + "dt{font-weight:bold;margin-top:.5em}dd{margin-left:1.2em;white-space:pre-wrap}"
      + ".prov{font-size:.85em;color:#333;word-break:break-all}.MISSING,.STALE{color:#a00;font-weight:bold}"
      + ".complete{color:#060}@media print{body{margin:0;max-width:none}}";

  /** One self-contained HTML page. */
  public String html() {
    StringBuilder b = new StringBuilder();
    String t = Text.escapeXml(oneLine(title()));
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Model card: ").append(t)
        .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>Model card: ").append(t)
        .append("</h1>\n<p class=\"prov\">").append(Text.escapeXml(provenance())).append("</p>\n");
    for (CardFields.Section s : CardFields.SECTIONS) {
      List<String[]> written = written(s);
      if (!written.isEmpty()) {
        b.append("<h2>").append(s.title()).append("</h2>\n<dl>\n");
        for (String[] w : written) {
          b.append("<dt>").append(Text.escapeXml(w[0])).append("</dt><dd>").append(Text.escapeXml(w[1].strip()))
              .append("</dd>\n");
        }
        b.append("</dl>\n");
      }
      if (s.key().equals("trustIngredients")) {
        keyMetricsHtml(b);
      }
    }
    for (CardCheck c : checks) {
      b.append("<h2>Standard ").append(Text.escapeXml(c.standard())).append(": ").append(summary(c))
          .append("</h2>\n<p>").append(Text.escapeXml(c.title())).append(". Source: ")
          .append(Text.escapeXml(c.source())).append(".</p>\n<table>\n<tr><th>Item</th><th>Group</th><th>Title</th>"
              + "<th>Status</th><th>Detail</th></tr>\n");
      for (CardItemResult i : c.items()) {
        String st = status(i);
        b.append("<tr><td>").append(Text.escapeXml(i.id())).append("</td><td>").append(Text.escapeXml(i.group()))
            .append("</td><td>").append(Text.escapeXml(i.title())).append(i.quantitative() ? " (quantitative)" : "")
            .append("</td><td class=\"").append(st.equals("N/A") ? "na" : st).append("\">").append(st)
            .append("</td><td>").append(Text.escapeXml(i.detail())).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    return b.append("</body>\n</html>\n").toString();
  }

  private void keyMetricsHtml(StringBuilder b) {
    if (card.keyMetrics().isEmpty()) {
      return;
    }
    b.append("<h2>Key metrics</h2>\n");
    for (CardFields.Field g : CardFields.METRIC_GROUPS) {
      List<KeyMetric> ms = card.keyMetrics().stream().filter(m -> m.group().equals(g.key())).toList();
      if (ms.isEmpty()) {
        continue;
      }
      b.append("<h3>").append(g.label()).append("</h3>\n<table>\n<tr><th>Metric</th><th>Goal</th><th>Result</th>"
          + "<th>95% CI</th><th>n</th><th>Test type</th><th>Testing data</th></tr>\n");
      for (KeyMetric m : ms) {
        Results.Rows rows = Results.of(m, evidence);
        String tail = "<td>" + Text.escapeXml(CardFields.testTypeText(m.testType())) + "</td><td>"
            + Text.escapeXml(m.field("testingData").orElse("")) + "</td></tr>\n";
        String goal = "<td>" + Text.escapeXml(m.field("goal").orElse("")) + "</td>";
        if (rows.problem().isPresent()) {
          b.append("<tr><td>").append(Text.escapeXml(m.label())).append("</td>").append(goal).append("<td>")
              .append(Text.escapeXml(rows.problem().get())).append("</td><td></td><td></td>").append(tail);
        }
        for (Results.Row r : rows.rows()) {
          b.append("<tr><td>").append(Text.escapeXml(rowLabel(m, r)))
              .append("</td>").append(goal).append("<td>").append(Text.escapeXml(result(r))).append("</td><td>")
              .append(interval(r)).append("</td><td>").append(n(r)).append("</td>").append(tail);
        }
      }
      b.append("</table>\n");
      for (KeyMetric m : ms) {
        m.field("interpretation").ifPresent(t -> b.append("<p><em>").append(Text.escapeXml(m.label()))
            .append(", interpretation:</em> ").append(Text.escapeXml(t.strip())).append("</p>\n"));
        m.field("validationProcess").ifPresent(t -> b.append("<p><em>").append(Text.escapeXml(m.label()))
            .append(", validation process:</em> ").append(Text.escapeXml(t.strip())).append("</p>\n"));
      }
    }
  }

  // ---------------------------------------------------------------- JSON

  /** JSON (keys sorted, two-space indentation, ending with a newline). */
  public String json() {
    JsonObject.Builder sections = JsonObject.builder();
    for (CardFields.Section s : CardFields.SECTIONS) {
      JsonObject.Builder fields = JsonObject.builder();
      boolean any = false;
      for (CardFields.Field f : s.fields()) {
        Optional<String> t = card.text(s.key() + "." + f.key());
        if (t.isPresent()) {
          fields.put(f.key(), t.get());
          any = true;
        }
      }
      if (any) {
        sections.put(s.key(), fields.build());
      }
    }
    JsonObject.Builder km = JsonObject.builder();
    for (CardFields.Field g : CardFields.METRIC_GROUPS) {
      List<JsonValue> list = new ArrayList<>();
      for (KeyMetric m : card.keyMetrics()) {
        if (!m.group().equals(g.key())) {
          continue;
        }
        JsonObject.Builder o = JsonObject.builder().put("metric", m.metric()).put("label", m.label())
            .put("testType", m.testType());
        m.by().ifPresent(x -> o.put("by", x));
        for (String f : List.of("goal", "testingData", "interpretation", "validationProcess")) {
          m.field(f).ifPresent(x -> o.put(f, x));
        }
        Results.Rows rows = Results.of(m, evidence);
        rows.problem().ifPresent(p -> o.put("problem", p));
        List<JsonValue> rs = new ArrayList<>();
        for (Results.Row r : rows.rows()) {
          JsonObject.Builder ro = JsonObject.builder().put("evidencePath", r.where());
          r.group().ifPresent(x -> ro.put("group", x));
          ro.put("value", r.value().isPresent() ? dev.clinigate.json.JsonNumber.of(r.value().getAsDouble())
              : JsonNull.INSTANCE);
          r.lower95().ifPresent(x -> ro.put("lower95", x));
          r.upper95().ifPresent(x -> ro.put("upper95", x));
          r.n().ifPresent(x -> ro.put("n", x));
          rs.add(ro.build());
        }
        o.put("results", new JsonArray(rs));
        list.add(o.build());
      }
      km.put(g.key(), new JsonArray(list));
    }
    List<JsonValue> std = new ArrayList<>();
    for (CardCheck c : checks) {
      List<JsonValue> items = new ArrayList<>();
      for (CardItemResult i : c.items()) {
        items.add(JsonObject.builder().put("id", i.id()).put("group", i.group()).put("title", i.title())
            .put("quantitative", i.quantitative()).put("status", i.status().name()).put("detail", i.detail()).build());
      }
      std.add(JsonObject.builder().put("id", c.standard()).put("title", c.title()).put("source", c.source())
          .put("complete", c.complete()).put("items", new JsonArray(items)).build());
    }
    JsonObject.Builder root = JsonObject.builder()
        .put("card", JsonObject.builder().put("name", card.name()).put("source", cardSource).put("sha256", cardSha256)
            .build())
        .put("evidence", JsonObject.builder().put("sha256", evidenceSha256).build())
        .put("clinigate", JsonObject.builder().put("version", Clinigate.version()).build())
        .put("sections", sections.build()).put("keyMetrics", km.build()).put("standards", new JsonArray(std));
    card.bibliography().ifPresent(x -> root.put("bibliography", x));
    return Json.pretty(root.build()) + "\n";
  }

  // ---------------------------------------------------------------- CHAI XML

  /** The CHAI Applied Model Card v0.2 XML; the caller ensures each key-metric group has at least one result. */
  public String chaiXml() {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ")
        .append(Text.escapeContent(provenance()).replace("--", "- -")).append(" -->\n")
        .append("<AppliedModelCard xmlns=\"https://mc.chai.org/v0.2/schema.xsd\">\n");
    open(b, 1, "BasicInfo");
    el(b, 2, "ModelName", card.text("basicInfo.modelName").orElse(card.name()));
    el(b, 2, "ModelDeveloper", txt("basicInfo.developer"));
    el(b, 2, "DeveloperContact", txt("basicInfo.contact"));
    close(b, 1, "BasicInfo");
    open(b, 1, "ReleaseInfo");
    el(b, 2, "ReleaseStage", txt("releaseInfo.stage"));
    el(b, 2, "ReleaseDate", txt("releaseInfo.date"));
    el(b, 2, "ReleaseVersion", txt("releaseInfo.version"));
    el(b, 2, "GlobalAvailability", txt("releaseInfo.globalAvailability"));
    JsonObject release = CardDoc.object(card.spec(), "releaseInfo");
    if (release != null && release.members().get("ehrCompatibility") instanceof JsonArray ehr) {
      open(b, 2, "EHRCompatibility");
      for (JsonValue e : ehr.elements()) {
        el(b, 3, "EHR", ((JsonString) e).value());
      }
      close(b, 2, "EHRCompatibility");
    }
    optional(b, 2, "RegulatoryApproval", "releaseInfo.regulatoryApproval");
    close(b, 1, "ReleaseInfo");
    open(b, 1, "ModelSummary");
    el(b, 2, "Summary", txt("modelSummary.summary"));
    JsonObject summary = CardDoc.object(card.spec(), "modelSummary");
    if (summary != null && summary.members().get("keywords") instanceof JsonArray kw && !kw.elements().isEmpty()) {
      open(b, 2, "Keywords");
      for (JsonValue e : kw.elements()) {
        el(b, 3, "Keyword", ((JsonString) e).value());
      }
      close(b, 2, "Keywords");
    } else {
      b.append("    <Keywords/>\n");
    }
    close(b, 1, "ModelSummary");
    open(b, 1, "UsesAndDirections");
    el(b, 2, "IntendedUseAndWorkflow", txt("usesAndDirections.intendedUse"));
    el(b, 2, "PrimaryIntendedUsers", txt("usesAndDirections.primaryUsers"));
    el(b, 2, "HowToUse", txt("usesAndDirections.howToUse"));
    el(b, 2, "TargetedPatientPopulation", txt("usesAndDirections.targetedPopulation"));
    el(b, 2, "CautionedOutOfScopeSettings", txt("usesAndDirections.cautionedOutOfScope"));
    close(b, 1, "UsesAndDirections");
    open(b, 1, "Warnings");
    el(b, 2, "KnownRisksAndLimitations", txt("warnings.knownRisksAndLimitations"));
    el(b, 2, "KnownBiasesOrEthicalConsiderations", txt("warnings.knownBiases"));
    el(b, 2, "ClinicalRiskLevel", txt("warnings.clinicalRiskLevel"));
    close(b, 1, "Warnings");
    open(b, 1, "TrustIngredients");
    open(b, 2, "AISystemFacts");
    el(b, 3, "OutcomesAndOutputs", txt("trustIngredients.outcomesAndOutputs"));
    el(b, 3, "ModelType", txt("trustIngredients.modelType"));
    optional(b, 3, "FoundationModels", "trustIngredients.foundationModels");
    el(b, 3, "InputDataSource", txt("trustIngredients.inputDataSource"));
    el(b, 3, "OutputAndInputDataTypes", txt("trustIngredients.inputOutputDataTypes"));
    el(b, 3, "DevelopmentDataCharacterization", txt("trustIngredients.developmentData"));
    el(b, 3, "BiasMitigationApproaches", txt("trustIngredients.biasMitigation"));
    el(b, 3, "OngoingMaintenance", txt("trustIngredients.ongoingMaintenance"));
    optional(b, 3, "Security", "trustIngredients.security");
    optional(b, 3, "Transparency", "trustIngredients.transparency");
    close(b, 2, "AISystemFacts");
    open(b, 2, "TransparencyInformation");
    el(b, 3, "FundingSource", txt("trustIngredients.fundingSource"));
    optional(b, 3, "ThirdPartyInformation", "trustIngredients.thirdParties");
    el(b, 3, "StakeholdersConsulted", txt("trustIngredients.stakeholdersConsulted"));
    close(b, 2, "TransparencyInformation");
    close(b, 1, "TrustIngredients");
    open(b, 1, "KeyMetrics");
    String[] elements = {"UsefulnessUsabilityEfficacy", "FairnessEquity", "SafetyReliability"};
    for (int gi = 0; gi < 3; gi++) {
      String g = CardFields.METRIC_GROUPS.get(gi).key();
      List<KeyMetric> ms = card.keyMetrics().stream().filter(m -> m.group().equals(g)).toList();
      open(b, 2, elements[gi]);
      el(b, 3, "MetricGoal", joined(ms, "goal"));
      open(b, 3, "Results");
      for (KeyMetric m : ms) {
        for (Results.Row r : Results.of(m, evidence).rows()) {
          if (r.value().isEmpty()) {
            continue;
          }
          open(b, 4, "MetricResult");
          el(b, 5, "Label", rowLabel(m, r)
              + (m.testType().equals("internal") ? "" : " (" + m.testType() + ")"));
          JsonObject.Builder v = JsonObject.builder();
          if (r.lower95().isPresent()) {
            v.put("kind", "estimate_ci").put("estimate", r.value().getAsDouble()).put("lower", r.lower95().getAsDouble())
                .put("upper", r.upper95().getAsDouble()).put("level", 95L);
          } else {
            v.put("kind", "single").put("value", r.value().getAsDouble());
          }
          el(b, 5, "ValueJson", Json.compact(v.build()));
          close(b, 4, "MetricResult");
        }
      }
      close(b, 3, "Results");
      el(b, 3, "Interpretation", joined(ms, "interpretation"));
      el(b, 3, "TestType", joinedText(ms, m -> CardFields.testTypeText(m.testType())));
      el(b, 3, "TestingDataDescription", joined(ms, "testingData"));
      el(b, 3, "ValidationProcessAndJustification", joined(ms, "validationProcess"));
      close(b, 2, elements[gi]);
    }
    close(b, 1, "KeyMetrics");
    open(b, 1, "Resources");
    optional(b, 2, "EvaluationReferences", "resources.evaluationReferences");
    optional(b, 2, "ClinicalTrial", "resources.clinicalTrials");
    el(b, 2, "PeerReviewedPublications", txt("resources.publications"));
    optional(b, 2, "ReimbursementStatus", "resources.reimbursement");
    el(b, 2, "PatientConsentOrDisclosure", txt("resources.patientConsent"));
    close(b, 1, "Resources");
    el(b, 1, "Bibliography", card.spec().members().get("bibliography") instanceof JsonString s ? s.value() : "");
    return b.append("</AppliedModelCard>\n").toString();
  }

  /** Whether every key-metric group has at least one result with a value (the CHAI schema requires one). */
  public Optional<String> chaiXmlProblem() {
    for (CardFields.Field g : CardFields.METRIC_GROUPS) {
      boolean any = card.keyMetrics().stream().filter(m -> m.group().equals(g.key()))
          .anyMatch(m -> Results.of(m, evidence).rows().stream().anyMatch(r -> r.value().isPresent()));
      if (!any) {
        return Optional.of("the CHAI schema needs at least one result in every key-metric group, and "
            + "keyMetrics." + g.key() + " has none in the evidence");
      }
    }
    return Optional.empty();
  }

  private String txt(String path) {
    return card.text(path).orElse("");
  }

  private static String joined(List<KeyMetric> ms, String field) {
    return joinedText(ms, m -> m.field(field).orElse(""));
  }

  private static String joinedText(List<KeyMetric> ms, java.util.function.Function<KeyMetric, String> f) {
    List<String> parts = new ArrayList<>();
    for (KeyMetric m : ms) {
      String t = f.apply(m);
      if (!Text.blank(t)) {
        parts.add(ms.size() == 1 ? t.strip() : m.label() + (m.testType().equals("internal") ? "" : " ("
            + m.testType() + ")") + ": " + t.strip());
      }
    }
    return String.join("\n\n", parts);
  }

  private void optional(StringBuilder b, int depth, String name, String path) {
    card.text(path).filter(t -> !Text.blank(t)).ifPresent(t -> el(b, depth, name, t));
  }

  private static void open(StringBuilder b, int depth, String name) {
    b.append("  ".repeat(depth)).append('<').append(name).append(">\n");
  }

  private static void close(StringBuilder b, int depth, String name) {
    b.append("  ".repeat(depth)).append("</").append(name).append(">\n");
  }

  private static void el(StringBuilder b, int depth, String name, String text) {
    b.append("  ".repeat(depth)).append('<').append(name).append('>').append(Text.escapeContent(text.strip()))
        .append("</").append(name).append(">\n");
  }
}
