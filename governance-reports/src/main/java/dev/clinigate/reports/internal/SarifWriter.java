package dev.clinigate.reports.internal;

import dev.clinigate.Clinigate;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.Report;
import dev.clinigate.reports.ReportItem;
import dev.clinigate.reports.ReportRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run of the tool {@code clinigate}.
 *
 * <ul>
 *   <li>A reporting descriptor per rule id with {@code shortDescription}, {@code fullDescription} and {@code help}
 *       (text and Markdown) saying what the gate, trigger or check is and how to act on it.</li>
 *   <li>A result per item that did not pass (its message: status, name and message; a clinigate error, e.g. a
 *       finding of {@code validate}, as printed): failures and errors are {@code error}, warnings {@code warning}, items
 *       not judged {@code note}. A waived failure stays an {@code error} and carries an external, accepted
 *       {@code suppression} whose justification is the result's message, so code scanning shows it as dismissed
 *       rather than as a warning.</li>
 *   <li>Locations are relative to {@code %SRCROOT%}, the repository root (see {@code originalUriBaseIds}); a file
 *       outside it is an absolute {@code file:} URI.</li>
 *   <li>{@code invocations[0].executionSuccessful} is false when the run could not use its input: then the errors are
 *       {@code toolExecutionNotifications} and there are no results.</li>
 * </ul>
 * Valid against the OASIS SARIF 2.1.0 JSON Schema (checked by a test).
 */
public final class SarifWriter {
  /** The base id of every relative location. */
  static final String SRCROOT = "%SRCROOT%";

  private SarifWriter() {}

  /** Renders the report. */
  public static String write(Report r) {
    Map<String, ReportRule> described = new LinkedHashMap<>();
    r.rules().forEach(x -> described.putIfAbsent(x.id(), x));
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<JsonValue> rules = new ArrayList<>();
    List<JsonValue> results = new ArrayList<>();
    List<JsonValue> notifications = new ArrayList<>();
    for (ReportItem i : r.items()) {
      if (i.outcome() == ReportItem.Outcome.PASS) {
        continue;
      }
      if (!r.completed()) {
        JsonObject.Builder n = JsonObject.builder().put("level", "error").put("message", text(i.message()));
        location(i).ifPresent(l -> n.put("locations", JsonArray.of(l)));
        notifications.add(n.build());
        continue;
      }
      Integer index = ruleIndex.get(i.ruleId());
      if (index == null) {
        index = rules.size();
        ruleIndex.put(i.ruleId(), index);
        rules.add(descriptor(described.getOrDefault(i.ruleId(), RuleHelp.generic(i.ruleId(), i.group()))));
      }
      String level = switch (i.outcome()) {
        case FAIL, ERROR -> "error";
        case WARN -> i.status().equals("WAIVED") ? "error" : "warning";
        default -> "note";
      };
      JsonObject.Builder result = JsonObject.builder().put("ruleId", i.ruleId()).put("ruleIndex", index)
          .put("level", level).put("message", text(i.message().startsWith("ERROR: ") ? i.message()
              : i.status() + ": " + i.name() + ": " + i.message()));
      location(i).ifPresent(l -> result.put("locations", JsonArray.of(l)));
      if (i.status().equals("WAIVED")) {
        result.put("suppressions", JsonArray.of(JsonObject.builder().put("kind", "external")
            .put("status", "accepted").put("justification", i.message()).build()));
      }
      results.add(result.build());
    }
    JsonObject driver = JsonObject.builder().put("name", "clinigate").put("version", Clinigate.version())
        .put("informationUri", "https://github.com/clinigate/clinigate").put("rules", new JsonArray(rules)).build();
    JsonObject.Builder invocation = JsonObject.builder().put("executionSuccessful", r.completed());
    if (!notifications.isEmpty()) {
      invocation.put("toolExecutionNotifications", new JsonArray(notifications));
    }
    JsonObject run = JsonObject.builder().put("tool", JsonObject.builder().put("driver", driver).build())
        .put("originalUriBaseIds", JsonObject.builder().put(SRCROOT, JsonObject.builder().put("description",
            text("The repository root: relative locations are relative to it.")).build()).build())
        .put("invocations", JsonArray.of(invocation.build()))
        .put("results", new JsonArray(results)).build();
    JsonObject log = JsonObject.builder().put("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        .put("version", "2.1.0").put("runs", JsonArray.of(run)).build();
    return Json.prettyInOrder(log) + "\n";
  }

  private static JsonObject descriptor(ReportRule rule) {
    return JsonObject.builder().put("id", rule.id())
        .put("shortDescription", text(rule.shortDescription()))
        .put("fullDescription", text(rule.fullDescription()))
        .put("help", JsonObject.builder().put("text", rule.helpText()).put("markdown", rule.helpMarkdown()).build())
        .build();
  }

  private static JsonObject text(String s) {
    return JsonObject.builder().put("text", s).build();
  }

  /** The item's physical location, when it names a file. */
  private static java.util.Optional<JsonObject> location(ReportItem i) {
    if (i.file().isEmpty()) {
      return java.util.Optional.empty();
    }
    JsonObject.Builder physical = JsonObject.builder().put("artifactLocation", artifact(i.file()));
    if (i.line() > 0) {
      JsonObject.Builder region = JsonObject.builder().put("startLine", i.line());
      if (i.column() > 0) {
        region.put("startColumn", i.column());
      }
      physical.put("region", region.build());
    }
    return java.util.Optional.of(JsonObject.builder().put("physicalLocation", physical.build()).build());
  }

  /** A relative file as a URI reference under {@code %SRCROOT%}; an absolute one as its {@code file:} URI. */
  static JsonObject artifact(String file) {
    String path = file.replace('\\', '/');
    boolean absolute;
    try {
      absolute = path.startsWith("/") || Path.of(file).isAbsolute();
    } catch (InvalidPathException e) {
      absolute = false;
    }
    if (absolute) {
      return JsonObject.builder().put("uri", Path.of(file).toUri().toASCIIString()).build();
    }
    return JsonObject.builder().put("uri", uri(path)).put("uriBaseId", SRCROOT).build();
  }

  /**
   * A relative URI reference for a relative path with forward slashes: what RFC 3986 does not allow in a path is
   * percent-encoded as UTF-8 ({@link URI}'s quoting); a first segment with a colon is prefixed with {@code ./} so
   * that it cannot read as a scheme.
   */
  static String uri(String path) {
    String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    String safe = first.contains(":") ? "./" + path : path;
    try {
      return new URI(null, null, safe, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + path, e);
    }
  }
}
