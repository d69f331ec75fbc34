package dev.clinigate.audit;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The replay of a whole log.
 *
 * @param source the log's name
 * @param results one result per record, in log order
 */
public record ReplayReport(String source, List<ReplayResult> results) {
  /** Validates and copies. */
  public ReplayReport {
    Objects.requireNonNull(source, "source");
    results = List.copyOf(results);
  }

  /** Whether every decision was reproduced. */
  public boolean allReproduced() {
    return results.stream().allMatch(ReplayResult::reproduced);
  }

  /** How many results have this outcome. */
  public long count(ReplayResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /**
   * For people:
   * <pre>
   * REPLAYED decisions.jsonl: 6 decisions, 6 byte-identical
   * seq 1  IDENTICAL
   * ...
   * </pre>
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    long identical = count(ReplayResult.Outcome.IDENTICAL);
    long exceptVersion = count(ReplayResult.Outcome.IDENTICAL_EXCEPT_VERSION);
    long different = count(ReplayResult.Outcome.DIFFERENT);
    long notReplayable = count(ReplayResult.Outcome.NOT_REPLAYABLE);
    long unconfirmed = count(ReplayResult.Outcome.UNCONFIRMED);
    b.append(allReproduced() ? "REPLAYED " : "NOT REPRODUCED ").append(source).append(": ")
        .append(String.format(Locale.ROOT, "%d decision%s, %d byte-identical", results.size(),
            results.size() == 1 ? "" : "s", identical));
    if (exceptVersion > 0) {
      b.append(", ").append(exceptVersion).append(" identical except the clinigate version");
    }
    if (different > 0) {
      b.append(", ").append(different).append(" different");
    }
    if (notReplayable > 0) {
      b.append(", ").append(notReplayable).append(" not replayable");
    }
    if (unconfirmed > 0) {
      b.append(", ").append(unconfirmed).append(" unconfirmed (a masked field decides the verdict)");
    }
    b.append('\n');
    for (ReplayResult r : results) {
      b.append("seq ").append(r.seq()).append("  ").append(r.outcome().name()).append("  ").append(r.detail())
          .append('\n');
      for (String d : r.differences()) {
        b.append("    ").append(d).append('\n');
      }
    }
    return b.toString();
  }

  /** As JSON: {@code {"source", "reproduced", "results": [{"seq","outcome","detail","differences"}]}}. */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>();
    for (ReplayResult r : results) {
      rs.add(JsonObject.builder().put("seq", r.seq()).put("outcome", r.outcome().name()).put("detail", r.detail())
          .put("differences", JsonArray.ofStrings(r.differences())).build());
    }
    return JsonObject.builder().put("source", source).put("reproduced", allReproduced())
        .put("results", new JsonArray(rs)).build();
  }
}
