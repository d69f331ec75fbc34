package dev.clinigate.reports.internal;

import dev.clinigate.Clinigate;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0: one run of the tool {@code clinigate}; a reporting descriptor per rule id; a result per item
 * that did not pass (failures and errors are {@code error}, warnings {@code warning}, items not judged
 * {@code note}), located at the item's file, line and column. Valid against the OASIS SARIF 2.1.0 JSON
 * Schema (checked by a test).
 */
public final class SarifWriter {
  private SarifWriter() {}

  /** Renders the report. */
  public static String write(Report r) {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<JsonValue> rules = new ArrayList<>();
    List<JsonValue> results = new ArrayList<>();
    for (ReportItem i : r.items()) {
      if (i.outcome() == ReportItem.Outcome.PASS) {
        continue;
      }
      Integer index = ruleIndex.get(i.ruleId());
      if (index == null) {
        index = rules.size();
        ruleIndex.put(i.ruleId(), index);
        rules.add(JsonObject.builder().put("id", i.ruleId())
            .put("shortDescription", JsonObject.builder().put("text", i.group() + ": " + i.ruleId()).build()).build());
      }
      String level = switch (i.outcome()) {
        case FAIL, ERROR -> "error";
        case WARN -> "warning";
        default -> "note";
      };
      JsonObject.Builder result = JsonObject.builder().put("ruleId", i.ruleId()).put("ruleIndex", index)
          .put("level", level)
          .put("message", JsonObject.builder().put("text", i.status() + ": " + i.name() + ": " + i.message()).build());
      if (!i.file().isEmpty()) {
        JsonObject.Builder physical = JsonObject.builder()
            .put("artifactLocation", JsonObject.builder().put("uri", uri(i.file())).build());
        if (i.line() > 0) {
          JsonObject.Builder region = JsonObject.builder().put("startLine", i.line());
          if (i.column() > 0) {
            region.put("startColumn", i.column());
          }
          physical.put("region", region.build());
        }
        result.put("locations", JsonArray.of(JsonObject.builder().put("physicalLocation", physical.build()).build()));
      }
      results.add(result.build());
    }
    JsonObject driver = JsonObject.builder().put("name", "clinigate").put("version", Clinigate.version())
        .put("informationUri", "https://github.com/clinigate/clinigate").put("rules", new JsonArray(rules)).build();
    JsonObject run = JsonObject.builder().put("tool", JsonObject.builder().put("driver", driver).build())
        .put("results", new JsonArray(results)).build();
    JsonObject log = JsonObject.builder().put("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        .put("version", "2.1.0").put("runs", JsonArray.of(run)).build();
    return Json.prettyInOrder(log) + "\n";
  }

  /** A relative URI reference for a file path: forward slashes, unreserved characters kept, the rest %-encoded. */
  static String uri(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }
}
