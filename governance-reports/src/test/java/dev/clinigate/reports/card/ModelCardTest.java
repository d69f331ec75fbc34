package dev.clinigate.reports.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.Evidence;
import dev.clinigate.PolicyException;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.card.CardItemResult.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.ls.LSInput;

/**
 * Model cards: the complete card satisfies every shipped standard, every checklist item can be reported missing
 * and justified as not applicable, typed numbers are held to the evidence, and the renders are golden files
 * ({@code cards/golden/}; regenerate with {@code -Dgolden.update=true} and review the diff).
 */
class ModelCardTest {
  private static final Path DIR = Path.of("src/test/resources/cards");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static ModelCard complete() throws IOException {
    return ModelCard.parse(read(DIR.resolve("complete.card.yaml")), "complete.card.yaml");
  }

  private static Evidence evidence() throws IOException {
    return Evidence.parse(read(DIR.resolve("evidence.json")), "evidence.json");
  }

  static List<String> standards() {
    return CardStandard.ids();
  }

  @Test
  void shippedStandards_areTheThreeOfTheIssue() {
    assertEquals(List.of("chai-model-card-0.2", "hti1-dsi-2024", "tripod-ai-2024"), CardStandard.ids());
  }

  @Test
  void hti1_has31AttributesIn9Groups_quantitativeOnes21to24_27_29() {
    CardStandard s = CardStandard.of("hti1-dsi-2024");
    assertEquals(31, s.size());
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 31; i++) {
      expected.add(Integer.toString(i));
    }
    assertEquals(expected, s.itemIds());
    Set<String> groups = new TreeSet<>();
    Set<String> quantitative = new TreeSet<>();
    for (CardItemResult r : s.checklist().items().stream().map(i -> new CardItemResult(i.id(), i.group(), i.title(),
        i.quantitative(), Status.COMPLETE, "")).toList()) {
      groups.add(r.group());
      if (r.quantitative()) {
        quantitative.add(r.id());
      }
    }
    assertEquals(9, groups.size(), groups.toString());
    assertEquals(new TreeSet<>(List.of("21", "22", "23", "24", "27", "29")), quantitative);
  }

  @Test
  void chai_hasEverySectionOfTheSchema_andThreeKeyMetricGroups() {
    CardStandard s = CardStandard.of("chai-model-card-0.2");
    Set<String> groups = s.checklist().items().stream().map(i -> i.group()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(List.of("BasicInfo", "ReleaseInfo", "ModelSummary", "UsesAndDirections", "Warnings",
        "TrustIngredients", "KeyMetrics", "Resources")), groups);
    assertTrue(s.itemIds().containsAll(List.of("clinical-risk-level", "usefulness-metrics", "fairness-metrics",
        "safety-metrics")));
    s.checklist().items().stream().filter(i -> i.keyMetrics().isPresent()).forEach(i -> assertEquals(
        List.of("goal", "testType", "testingData"), i.keyMetrics().get().fields(), i.id()));
  }

  @Test
  void unknownStandard_namesTheShippedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CardStandard.of("hti1-2024"));
    assertEquals("unknown standard \"hti1-2024\" (shipped: chai-model-card-0.2, hti1-dsi-2024, tripod-ai-2024)",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standards")
  void completeCard_satisfiesEveryItem(String standard) throws IOException {
    CardCheck c = complete().check(CardStandard.of(standard), evidence());
    assertEquals(List.of(), c.incomplete().stream().map(CardItemResult::describe).toList());
    assertTrue(c.complete());
    assertEquals(CardStandard.of(standard).size(), c.items().size());
  }

  /**
   * For every item of every standard, a card and evidence that lack exactly what the item names (the first card
   * field, every matching key metric, the first evidence path, the intervals) report that item MISSING.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("standards")
  void everyItem_canBeReportedMissing(String standard) throws IOException {
    CardStandard s = CardStandard.of(standard);
    JsonObject card = (JsonObject) Yaml.parse(read(DIR.resolve("complete.card.yaml")), "c").root();
    JsonObject evidence = evidence().json();
    List<String> notReported = new ArrayList<>();
    int variants = 0;
    for (var item : s.checklist().items()) {
      List<JsonObject[]> cases = new ArrayList<>(); // {card, evidence}
      if (!item.card().isEmpty()) {
        cases.add(new JsonObject[] {remove(card, "spec." + item.card().get(0)), evidence});
      }
      if (item.keyMetrics().isPresent()) {
        var f = item.keyMetrics().get();
        cases.add(new JsonObject[] {filterKeyMetrics(card, m -> !matches(f, m)), evidence});
        if (!f.fields().isEmpty()) {
          cases.add(new JsonObject[] {filterKeyMetrics(card, m -> true, f.fields().get(0)), evidence});
        }
        if (item.quantitative()) {
          // the reports every key metric reads its result from
          cases.add(new JsonObject[] {card, remove(remove(remove(remove(evidence, "metrics"), "groups"),
              "validation"), "thresholds")});
        }
      }
      for (String path : item.evidence()) {
        JsonObject without = remove(evidence, path);
        try {
          Evidence.of(without);
        } catch (dev.clinigate.EvidenceException e) {
          without = remove(evidence, path.substring(0, path.indexOf('.'))); // e.g. a threshold entry needs its threshold
        }
        cases.add(new JsonObject[] {card, without});
      }
      if (item.intervals()) {
        cases.add(new JsonObject[] {card, remove(evidence, "intervals")});
      }
      assertFalse(cases.isEmpty(), item.id());
      for (JsonObject[] c : cases) {
        ModelCard mc;
        try {
          mc = ModelCard.parse(Json.compact(c[0]), "variant.yaml");
        } catch (PolicyException e) {
          throw new AssertionError(item.id() + ": " + e.getMessage(), e);
        }
        CardCheck check = mc.check(s, Evidence.of(c[1]));
        CardItemResult r = check.items().stream().filter(x -> x.id().equals(item.id())).findFirst().orElseThrow();
        variants++;
        if (r.status() != Status.MISSING || r.detail().isEmpty()) {
          notReported.add(item.id() + " stayed " + r.status());
        }
      }
    }
    assertEquals(List.of(), notReported);
    assertTrue(variants >= s.size(), "variants " + variants);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standards")
  void everyItem_canBeJustifiedNotApplicable_butNotWithoutAJustification(String standard) throws IOException {
    CardStandard s = CardStandard.of(standard);
    JsonObject card = (JsonObject) Yaml.parse(read(DIR.resolve("complete.card.yaml")), "c").root();
    Map<String, JsonValue> justified = new LinkedHashMap<>();
    Map<String, JsonValue> blank = new LinkedHashMap<>();
    for (String id : s.itemIds()) {
      justified.put(id, new dev.clinigate.json.JsonString("Does not apply to this model: item " + id));
      blank.put(id, new dev.clinigate.json.JsonString(" \u00a0"));
    }
    JsonObject empty = JsonObject.builder().put("apiVersion", "clinigate/v1").put("kind", "ModelCard")
        .put("metadata", JsonObject.builder().put("name", "na").build()).put("spec", JsonObject.empty()).build();
    for (boolean withJustification : List.of(true, false)) {
      JsonObject na = JsonObject.builder().put(standard, new JsonObject(withJustification ? justified : blank)).build();
      JsonObject variant = put(empty, "spec", JsonObject.builder().put("notApplicable", na).build());
      CardCheck c = ModelCard.parse(Json.compact(variant), "na.yaml").check(s, Evidence.of(JsonObject.empty()));
      for (CardItemResult r : c.items()) {
        if (withJustification) {
          assertEquals(Status.NOT_APPLICABLE, r.status(), r.id());
          assertEquals("Does not apply to this model: item " + r.id(), r.detail());
        } else {
          assertEquals(Status.MISSING, r.status(), r.id());
          assertEquals("declared not applicable without a justification (notApplicable." + standard + "." + r.id()
              + ")", r.detail());
        }
      }
      assertEquals(withJustification, c.complete());
    }
    assertTrue(card.members().containsKey("spec"));
  }

  @Test
  void typedValue_differentFromTheEvidence_isStale() throws IOException {
    String text = read(DIR.resolve("complete.card.yaml")).replace("value: 0.81}", "value: 0.85}");
    CardCheck c = ModelCard.parse(text, "stale.yaml").check(CardStandard.of("hti1-dsi-2024"), evidence());
    assertEquals(List.of("21 Validity in test data from the same source (stale: keyMetrics.usefulness[0] (auroc, "
        + "internal): the card says 0.85, the evidence 0.812 (metrics.auroc))"),
        c.incomplete().stream().map(CardItemResult::describe).toList());
    assertEquals(Status.STALE, c.incomplete().get(0).status());
  }

  @Test
  void typedValue_agreesToTheDecimalsTyped() throws IOException {
    for (String typed : List.of("0.812", "0.81", "0.8", "0.8120")) {
      String text = read(DIR.resolve("complete.card.yaml")).replace("value: 0.81}", "value: " + typed + "}");
      assertTrue(ModelCard.parse(text, "v.yaml").check(CardStandard.of("hti1-dsi-2024"), evidence()).complete(),
          typed);
    }
    for (String typed : List.of("0.813", "0.82", "0.9", "0.8124")) {
      String text = read(DIR.resolve("complete.card.yaml")).replace("value: 0.81}", "value: " + typed + "}");
      assertFalse(ModelCard.parse(text, "v.yaml").check(CardStandard.of("hti1-dsi-2024"), evidence()).complete(),
          typed);
    }
  }

  @Test
  void perGroupTypedValues_areCheckedGroupByGroup() throws IOException {
    String text = read(DIR.resolve("complete.card.yaml")).replace(
        "by: sex, goal: \"each sex >= 0.75\", testType: internal, testingData: Held-out admissions}",
        "by: sex, goal: \"each sex >= 0.75\", testType: internal, testingData: Held-out admissions, "
            + "value: {F: 0.806, M: 0.83, X: 0.5}}");
    CardCheck c = ModelCard.parse(text, "g.yaml").check(CardStandard.of("hti1-dsi-2024"), evidence());
    assertEquals(List.of("22 Fairness in test data from the same source (stale: keyMetrics.fairness[0] (auroc by sex, "
        + "internal) [sex=M]: the card says 0.83, the evidence 0.819 (groups.sex.M.metrics.auroc); "
        + "keyMetrics.fairness[0] (auroc by sex, internal): the card gives a value for group X, which the evidence "
        + "does not report)"), c.incomplete().stream().map(CardItemResult::describe).toList());
  }

  @Test
  void placeholderText_isNotAnAnswer() throws IOException {
    String text = read(DIR.resolve("complete.card.yaml")).replace(
        "clinicalRiskLevel: Medium (informs clinical management; a clinician confirms every alert)",
        "clinicalRiskLevel: N/A");
    CardCheck c = ModelCard.parse(text, "p.yaml").check(CardStandard.of("chai-model-card-0.2"), evidence());
    assertEquals(List.of("clinical-risk-level Clinical risk level (missing: warnings.clinicalRiskLevel is a "
        + "placeholder (\"N/A\"), not an answer; declare the item not applicable with a justification instead)"),
        c.incomplete().stream().map(CardItemResult::describe).toList());
  }

  @Test
  void badCard_reportsEveryProblemWithItsLocation() {
    String text = "apiVersion: clinigate/v1\nkind: ModelCard\nmetadata: {name: x}\nspec:\n  warnings: {clinicalRisk: "
        + "high}\n  keyMetrics:\n    usefulness:\n      - {metric: aurocc, testType: internal}\n"
        + "      - {metric: psi, testType: intern}\n";
    PolicyException e = assertThrows(PolicyException.class, () -> ModelCard.parse(text, "bad.yaml"));
    assertEquals(List.of(
        "bad.yaml:5:14: unknown key \"clinicalRisk\"",
        "bad.yaml:9:33: testType must be one of internal, external, temporal, local, found \"intern\""),
        e.problems().stream().map(p -> p.location() + ": " + p.message()).toList());
    String semantic = text.replace("testType: intern}", "testType: internal}");
    PolicyException s = assertThrows(PolicyException.class, () -> ModelCard.parse(semantic.replace(
        "clinicalRisk:", "clinicalRiskLevel:"), "bad.yaml"));
    assertEquals(List.of(
        "bad.yaml:8:18: unknown metric \"aurocc\"",
        "bad.yaml:9:18: a key metric is a performance metric without a statistic, found \"psi\""),
        s.problems().stream().map(p -> p.location() + ": " + p.message()).toList());
  }

  @Test
  void policyKind_isRefusedAsACard() {
    PolicyException e = assertThrows(PolicyException.class, () -> ModelCard.parse(
        "apiVersion: clinigate/v1\nkind: PromotionPolicy\nmetadata: {name: x}\nspec: {}\n", "p.yaml"));
    assertEquals("expected kind ModelCard, found PromotionPolicy", e.problems().get(0).message());
  }

  // ------------------------------------------------------------------------------------------- renders

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void render_completeCard_isGolden(CardFormat format) throws IOException {
    Evidence e = evidence();
    ModelCard card = complete();
    List<CardCheck> checks = CardStandard.ids().stream().map(id -> card.check(CardStandard.of(id), e)).toList();
    // the library version is the only input not in the test's hands
    String out = card.render(format, e, checks).replace("clinigate " + dev.clinigate.Clinigate.version(),
        "clinigate ${version}").replace("\"version\": \"" + dev.clinigate.Clinigate.version() + "\"",
        "\"version\": \"${version}\"");
    assertEquals(card.render(format, e, checks), card.render(format, e, checks), "deterministic");
    Path expected = DIR.resolve("golden/complete." + switch (format) {
      case MARKDOWN -> "md";
      case HTML -> "html";
      case JSON -> "json";
      case CHAI_XML -> "chai.xml";
    });
    if (UPDATE) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, out, StandardCharsets.UTF_8);
    }
    assertEquals(read(expected), out);
  }

  static List<CardFormat> formats() {
    return List.of(CardFormat.values());
  }

  @Test
  void json_numbersAreTheEvidenceAtFullPrecision() throws IOException {
    JsonObject j = (JsonObject) Json.parse(complete().render(CardFormat.JSON, evidence(), List.of()), "j").root();
    JsonObject first = (JsonObject) ((JsonArray) ((JsonObject) j.members().get("keyMetrics")).members()
        .get("usefulness")).elements().get(0);
    JsonObject r = (JsonObject) ((JsonArray) first.members().get("results")).elements().get(0);
    assertEquals("0.812", Json.number((dev.clinigate.json.JsonNumber) r.members().get("value")));
    assertEquals(evidence().sha256(), ((dev.clinigate.json.JsonString) ((JsonObject) j.members().get("evidence"))
        .members().get("sha256")).value());
  }

  @Test
  void html_isSelfContained_andEscapesEveryString() throws IOException {
    String text = read(DIR.resolve("complete.card.yaml")).replace("modelName: Sepsis Watch",
        "modelName: \"<script>alert('x')</script> & <img src=http://evil.example/x.png>\"");
    String html = ModelCard.parse(text, "x.yaml").render(CardFormat.HTML, evidence(), List.of());
    assertFalse(html.contains("<script"), "script");
    assertFalse(html.contains("<img"), "img");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img "
        + "src=http://evil.example/x.png&gt;"));
    String plain = complete().render(CardFormat.HTML, evidence(), List.of());
    for (String external : List.of("http:", "https:", "<script", "<link", "src=", "href=", "url(", "@import")) {
      assertFalse(plain.contains(external), external);
    }
  }

  @Test
  void chaiXml_isValidAgainstTheCommittedChaiSchema() throws Exception {
    String xml = complete().render(CardFormat.CHAI_XML, evidence(), List.of());
    validator().validate(new StreamSource(new StringReader(xml)));
    String text = read(DIR.resolve("complete.card.yaml")).replace(
        "knownBiases: Fewer positive cases among women under 40 widen their interval.",
        "knownBiases: \"<b>& 'quotes' \\\"x\\\"</b> \\u0001\"");
    validator().validate(new StreamSource(new StringReader(ModelCard.parse(text, "x.yaml")
        .render(CardFormat.CHAI_XML, evidence(), List.of()))));
  }

  @Test
  void chaiXml_withoutResultsInAGroup_isRefused() throws IOException {
    String text = read(DIR.resolve("complete.card.yaml"));
    String noSafety = text.substring(0, text.indexOf("    safety:")) + text.substring(text.indexOf("  resources:"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCard.parse(noSafety, "x.yaml")
        .render(CardFormat.CHAI_XML, evidence(), List.of()));
    assertEquals("the CHAI schema needs at least one result in every key-metric group, and keyMetrics.safety has none "
        + "in the evidence", e.getMessage());
  }

  private static Validator validator() throws Exception {
    Path dir = Path.of("src/test/resources/chai-mc-schema-v0.2");
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    byte[] stub = Files.readAllBytes(dir.resolve("xmldsig-stub.xsd"));
    f.setResourceResolver((type, ns, publicId, systemId, base) -> {
      if (!"http://www.w3.org/2000/09/xmldsig#".equals(ns)) {
        throw new IllegalStateException("unexpected schema import " + ns + " " + systemId);
      }
      return new StubInput(new ByteArrayInputStream(stub), systemId);
    });
    return f.newSchema(dir.resolve("schema.xsd").toFile()).newValidator();
  }

  /** An in-memory schema document for the resource resolver. */
  private record StubInput(InputStream bytes, String systemId) implements LSInput {
    public java.io.Reader getCharacterStream() {
      return null;
    }

    public void setCharacterStream(java.io.Reader r) {}

    public InputStream getByteStream() {
      return bytes;
    }

    public void setByteStream(InputStream in) {}

    public String getStringData() {
      return null;
    }

    public void setStringData(String s) {}

    public String getSystemId() {
      return systemId;
    }

    public void setSystemId(String s) {}

    public String getPublicId() {
      return null;
    }

    public void setPublicId(String s) {}

    public String getBaseURI() {
      return null;
    }

    public void setBaseURI(String s) {}

    public String getEncoding() {
      return "UTF-8";
    }

    public void setEncoding(String s) {}

    public boolean getCertifiedText() {
      return false;
    }

    public void setCertifiedText(boolean b) {}
  }

  // ------------------------------------------------------------------------------------------- JSON edits

  private static boolean matches(dev.clinigate.reports.card.internal.Checklist.MetricFilter f, JsonObject m) {
    String group = ((dev.clinigate.json.JsonString) m.members().get("_group")).value();
    String testType = m.members().get("testType") instanceof dev.clinigate.json.JsonString t ? t.value() : "internal";
    boolean by = m.members().containsKey("by");
    return f.group().map(group::equals).orElse(true) && f.testType().map(testType::equals).orElse(true)
        && f.by().map(b -> b == by).orElse(true);
  }

  private static JsonObject filterKeyMetrics(JsonObject card, java.util.function.Predicate<JsonObject> keep,
      String... dropFields) {
    JsonObject spec = (JsonObject) card.members().get("spec");
    JsonObject km = (JsonObject) spec.members().get("keyMetrics");
    JsonObject.Builder out = JsonObject.builder();
    for (Map.Entry<String, JsonValue> g : km.members().entrySet()) {
      List<JsonValue> kept = new ArrayList<>();
      for (JsonValue v : ((JsonArray) g.getValue()).elements()) {
        JsonObject m = (JsonObject) v;
        if (keep.test(put(m, "_group", new dev.clinigate.json.JsonString(g.getKey())))) {
          for (String d : dropFields) {
            m = remove(m, d);
          }
          kept.add(m);
        }
      }
      out.put(g.getKey(), new JsonArray(kept));
    }
    return put(card, "spec", put(spec, "keyMetrics", out.build()));
  }

  private static JsonObject put(JsonObject o, String key, JsonValue v) {
    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
    m.put(key, v);
    return new JsonObject(m);
  }

  /** Removes a dotted path; through an array, from every element. */
  static JsonObject remove(JsonObject o, String path) {
    int dot = path.indexOf('.');
    Map<String, JsonValue> m = new LinkedHashMap<>(o.members());
    if (dot < 0) {
      m.remove(path);
      return new JsonObject(m);
    }
    String head = path.substring(0, dot);
    String rest = path.substring(dot + 1);
    JsonValue child = m.get(head);
    if (child instanceof JsonObject c) {
      m.put(head, remove(c, rest));
    } else if (child instanceof JsonArray a) {
      List<JsonValue> els = new ArrayList<>();
      for (JsonValue e : a.elements()) {
        els.add(e instanceof JsonObject eo ? remove(eo, rest) : e);
      }
      m.put(head, new JsonArray(els));
    }
    return new JsonObject(m);
  }

}
