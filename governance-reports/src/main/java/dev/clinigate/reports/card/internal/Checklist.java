package dev.clinigate.reports.card.internal;

import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A disclosure standard's checklist, read from its data file ({@code kind: ModelCardStandard}, one file per version
 * under {@value #DIR}, listed in {@code index.txt}). Immutable.
 *
 * @param id the standard's id, e.g. {@code hti1-dsi-2024}
 * @param title its title
 * @param source where it is published
 * @param items its items, in order
 */
public record Checklist(String id, String title, String source, List<Item> items) {
  /** The classpath folder of the shipped standards. */
  public static final String DIR = "/dev/clinigate/reports/card/standards/";
  /** The JSON Schema of standard files. */
  public static final String SCHEMA = "/dev/clinigate/reports/card/model-card-standard.schema.json";

  /** Copies. */
  public Checklist {
    items = List.copyOf(items);
  }

  /**
   * What the card must show for a key-metric item.
   *
   * @param group the key-metric group, if restricted
   * @param testType the test type, if restricted
   * @param by whether the metric is per group (true), whole-set (false), or either (empty)
   * @param fields the fields each matching metric must have
   */
  public record MetricFilter(Optional<String> group, Optional<String> testType, Optional<Boolean> by,
      List<String> fields) {
    /** Copies. */
    public MetricFilter {
      fields = List.copyOf(fields);
    }

    /** Whether a key metric matches. */
    public boolean matches(KeyMetric m) {
      return group.map(g -> g.equals(m.group())).orElse(true)
          && testType.map(t -> t.equals(m.testType())).orElse(true)
          && by.map(b -> b == m.by().isPresent()).orElse(true);
    }

    /** How findings name the metrics sought: {@code fairness key metric with testType external}. */
    public String describe() {
      StringBuilder b = new StringBuilder();
      group.ifPresent(g -> b.append(g).append(' '));
      b.append(by.map(x -> x ? "per-group (by) " : "whole-set ").orElse("")).append("key metric");
      testType.ifPresent(t -> b.append(" with testType ").append(t));
      return b.toString();
    }
  }

  /**
   * One checklist item.
   *
   * @param id its id within the standard
   * @param group its group or section
   * @param title what it asks for
   * @param card card fields ({@code section.field}) that must be written
   * @param keyMetrics the key metrics it needs, if any
   * @param evidence evidence paths that must be present
   * @param intervals whether every result of the matching key metrics needs a 95% interval
   * @param quantitative whether the matching key metrics' results must be in the evidence and equal typed values
   */
  public record Item(String id, String group, String title, List<String> card, Optional<MetricFilter> keyMetrics,
      List<String> evidence, boolean intervals, boolean quantitative) {
    /** Copies. */
    public Item {
      card = List.copyOf(card);
      evidence = List.copyOf(evidence);
    }
  }

  /** The ids of the shipped standards, in {@code index.txt} order. */
  public static List<String> shippedIds() {
    List<String> ids = new ArrayList<>();
    for (String line : resource(DIR + "index.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        ids.add(line.strip());
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Loads a shipped standard.
   *
   * @throws IllegalArgumentException when no standard has this id; the message names the shipped ones
   */
  public static Checklist shipped(String id) {
    List<String> ids = shippedIds();
    if (!ids.contains(id)) {
      throw new IllegalArgumentException("unknown standard \"" + id + "\" (shipped: " + String.join(", ", ids) + ")");
    }
    return parse(resource(DIR + id + ".yaml"), id + ".yaml", id);
  }

  /**
   * Parses a standard file.
   *
   * @param expectedId the id its metadata must declare, or null
   * @throws PolicyException listing every problem
   */
  public static Checklist parse(String text, String sourceName, String expectedId) {
    JsonDocument doc = Yaml.parse(text, sourceName);
    List<Problem> problems = new ArrayList<>(SchemaValidator.forResource(SCHEMA).validate(doc));
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    JsonObject root = (JsonObject) doc.root();
    JsonObject meta = (JsonObject) root.members().get("metadata");
    String id = str(meta, "id");
    if (expectedId != null && !expectedId.equals(id)) {
      throw new PolicyException(doc.problem("$.metadata.id", "the file of standard " + expectedId + " declares id "
          + id, "a standard's file is named <id>.yaml"));
    }
    List<Item> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonArray arr = (JsonArray) root.members().get("items");
    for (int i = 0; i < arr.elements().size(); i++) {
      JsonObject it = (JsonObject) arr.elements().get(i);
      String itemId = str(it, "id");
      if (!seen.add(itemId)) {
        problems.add(doc.problem("$.items[" + i + "].id", "item " + itemId + " is listed twice", "give each item "
            + "its own id"));
      }
      Optional<MetricFilter> filter = Optional.empty();
      if (it.members().get("keyMetrics") instanceof JsonObject km) {
        filter = Optional.of(new MetricFilter(Optional.ofNullable(str(km, "group")),
            Optional.ofNullable(str(km, "testType")),
            km.members().get("by") instanceof JsonBoolean b ? Optional.of(b.value()) : Optional.empty(),
            strings(km, "fields")));
      }
      boolean intervals = it.members().get("intervals") instanceof JsonBoolean b && b.value();
      boolean quantitative = it.members().get("quantitative") instanceof JsonBoolean b && b.value();
      List<String> card = strings(it, "card");
      List<String> evidence = strings(it, "evidence");
      if (card.isEmpty() && filter.isEmpty() && evidence.isEmpty()) {
        problems.add(doc.problem("$.items[" + i + "]", "item " + itemId + " checks nothing", "give it card, "
            + "keyMetrics or evidence"));
      }
      for (String c : card) {
        int dot = c.indexOf('.');
        boolean known = CardFields.SECTIONS.stream().anyMatch(s -> s.key().equals(c.substring(0, dot))
            && s.fields().stream().anyMatch(f -> f.key().equals(c.substring(dot + 1))));
        if (!known) {
          problems.add(doc.problem("$.items[" + i + "].card", "item " + itemId + " names the card field " + c
              + ", which model cards do not have", "name a field of the card schema, e.g. warnings.clinicalRiskLevel"));
        }
      }
      items.add(new Item(itemId, str(it, "group"), str(it, "title"), card, filter, evidence, intervals, quantitative));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return new Checklist(id, str(meta, "title"), str(meta, "source"), items);
  }

  private static String str(JsonObject o, String key) {
    return o.members().get(key) instanceof JsonString s ? s.value() : null;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    if (o.members().get(key) instanceof JsonArray a) {
      for (JsonValue v : a.elements()) {
        out.add(((JsonString) v).value());
      }
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = Checklist.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource not found: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
