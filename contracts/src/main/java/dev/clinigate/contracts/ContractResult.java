package dev.clinigate.contracts;

import dev.clinigate.contracts.internal.Fmt;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking one data set against a {@link DataContract}: PASS when no rule is broken, else
 * FAIL with every violation; plus the one-pass profile of every column. It is promotion evidence:
 * {@link #toJson()} is what an evidence file carries under {@code "contracts": {"<name>": ...}}, and a
 * promotion policy's {@code requires.contracts} reads its {@code status}.
 *
 * <p>Rules that cannot be evaluated (freshness without an evaluation time, drift without a reference,
 * a key set over its memory bound) are violations too: a check fails closed.
 *
 * @param contract the contract checked against
 * @param source the name of the data (a file name as given, or the host's label)
 * @param evaluatedAt the time freshness was measured against, if given
 * @param rows the number of data rows
 * @param violations every violation, in a fixed order: rows; then per feature in declared order:
 *     required, type, range, allowed, pattern, unique, maxMissing, maxMissingBy, drift; then primaryKey,
 *     freshness, and the model-input guards in input order
 * @param columns the profile of every data column, in the data's column order
 */
public record ContractResult(DataContract contract, String source, Optional<Instant> evaluatedAt, long rows,
    List<Violation> violations, List<ColumnProfile> columns) {

  /** Whether the data satisfies the contract. */
  public enum Status {
    /** No rule is broken. */
    PASS,
    /** At least one rule is broken or could not be evaluated. */
    FAIL
  }

  /** Validates the components and copies the lists. */
  public ContractResult {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, found " + rows);
    }
    violations = List.copyOf(violations);
    columns = List.copyOf(columns);
  }

  /** PASS when there is no violation, else FAIL. */
  public Status status() {
    return violations.isEmpty() ? Status.PASS : Status.FAIL;
  }

  /** Whether the status is PASS. */
  public boolean passed() {
    return violations.isEmpty();
  }

  /** The profile of the column named {@code name}, if the data has it. */
  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The result as evidence:
   * <pre>
   * {"contract": {"name", "version", "sha256"}, "status": "PASS"|"FAIL", "source", "evaluated_at",
   *  "rows", "violations": [{"rule", "column", "subject", "observed", "bound", "count", "rows", "message"}],
   *  "columns": {"&lt;name&gt;": {profile}}}
   * </pre>
   */
  public JsonObject toJson() {
    List<JsonValue> vs = new ArrayList<>();
    for (Violation v : violations) {
      vs.add(v.toJson());
    }
    JsonObject.Builder cols = JsonObject.builder();
    for (ColumnProfile c : columns) {
      cols.put(c.name(), c.toJson());
    }
    return JsonObject.builder()
        .put("contract", contract.identity())
        .put("status", status().name())
        .put("source", source)
        .put("evaluated_at", evaluatedAt.map(Instant::toString).orElse(null))
        .put("rows", rows)
        .put("violations", new JsonArray(vs))
        .put("columns", cols.build())
        .build();
  }

  /** A readable report: the status line, the violations, then the column profiles. Ends with a newline. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(status()).append(": contract ").append(contract.name()).append(" v").append(contract.version())
        .append(" on ").append(source).append(": ").append(Fmt.count(rows)).append(rows == 1 ? " row, " : " rows, ")
        .append(violations.size() == 1 ? "1 violation" : Fmt.count(violations.size()) + " violations");
    evaluatedAt.ifPresent(at -> b.append(" (evaluated at ").append(at).append(')'));
    b.append('\n');
    int w = 4;
    for (Violation v : violations) {
      w = Math.max(w, v.rule().id().length());
    }
    for (Violation v : violations) {
      b.append("  ").append(pad(v.rule().id(), w)).append("  ").append(v.message()).append('\n');
    }
    if (!columns.isEmpty()) {
      String[] head = {"column", "type", "rows", "missing", "invalid", "min", "max", "distinct"};
      List<String[]> table = new ArrayList<>();
      table.add(head);
      for (ColumnProfile c : columns) {
        String type = c.type().map(Feature.Type::yamlName).orElse("undeclared") + (c.phi() ? " (phi)" : "");
        table.add(new String[] {c.name(), type, Fmt.count(c.rows()), Fmt.count(c.missing()), Fmt.count(c.invalid()),
            c.text(c.min()), c.text(c.max()), Fmt.count(c.distinct()) + (c.distinctExact() ? "" : "+")});
      }
      int[] width = new int[head.length];
      for (String[] row : table) {
        for (int i = 0; i < row.length; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      b.append("columns:\n");
      for (String[] row : table) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.length; i++) {
          line.append(i >= 2 ? padLeft(row[i], width[i]) : pad(row[i], width[i])); // numbers right-aligned
          if (i < row.length - 1) {
            line.append("  ");
          }
        }
        b.append(line.toString().stripTrailing()).append('\n');
      }
    }
    return b.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(Math.max(0, w - s.length())) + s;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ContractResult[%s %s, %d rows, %d violations]", contract.name(), status(),
        rows, violations.size());
  }
}
