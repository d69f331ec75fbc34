package dev.clinigate.contracts;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One broken contract rule: which rule, on which column (and subgroup), what was observed, the bound
 * it was held to, how many rows offend and the first few of them.
 *
 * <p>For a {@code phi: true} column, {@code observed} is never a value of the column (it is
 * {@code null} or a count or rate) and the message names rows only.
 *
 * @param rule the rule broken
 * @param column the column, or empty for a table-level rule ({@code rows}, {@code primaryKey})
 * @param subject the subgroup, e.g. {@code site=east}, for {@code maxMissingBy}; else empty
 * @param observed what was seen: an offending value, a rate, a count, a drift value; JSON null when
 *     it cannot be shown (PHI) or does not exist
 * @param bound the bound the observation was held to (a number, a {@code [lo, hi]} pair, a list of
 *     allowed values, a pattern, a duration), or JSON null
 * @param count the number of offending rows (0 for rules about the whole table or column)
 * @param rows the 1-based row numbers of the first offending rows, at most {@link #MAX_ROWS}, ascending
 * @param message one plain-language sentence
 */
public record Violation(Rule rule, Optional<String> column, Optional<String> subject, JsonValue observed,
    JsonValue bound, long count, List<Long> rows, String message) {
  /** The most offending row numbers a violation lists. */
  public static final int MAX_ROWS = 5;

  /** Validates the components and copies the list. */
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(message, "message");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, found " + count);
    }
    rows = List.copyOf(rows);
    if (rows.size() > MAX_ROWS) {
      throw new IllegalArgumentException("at most " + MAX_ROWS + " rows are listed, found " + rows.size());
    }
  }

  /**
   * {@code {"rule", "column", "subject", "observed", "bound", "count", "rows", "message"}}; absent column
   * and subject are {@code null}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>(rows.size());
    for (long r : rows) {
      rs.add(JsonNumber.of(r));
    }
    return JsonObject.builder()
        .put("rule", rule.id())
        .put("column", column.orElse(null))
        .put("subject", subject.orElse(null))
        .put("observed", observed)
        .put("bound", bound)
        .put("count", count)
        .put("rows", new JsonArray(rs))
        .put("message", message)
        .build();
  }
}
