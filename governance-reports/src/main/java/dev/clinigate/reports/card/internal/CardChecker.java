package dev.clinigate.reports.card.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.card.CardItemResult;
import dev.clinigate.reports.card.CardItemResult.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a card against a checklist and the evidence, item by item.
 *
 * <p>Design note: an item is satisfied when everything it names is there: the card fields written (a blank or a
 * placeholder such as {@code N/A} or {@code TBD} is not written), at least one matching key metric with the fields
 * the item lists, for a quantitative item each of those metrics' results in the evidence, the evidence paths
 * present, and the intervals when asked. A number typed in the card ({@code value}) that differs from the evidence
 * makes the item stale: it agrees when it equals the evidence rounded to as many decimals as were typed ({@code 0.84}
 * agrees with 0.8394, {@code 0.839} too, {@code 0.85} does not). An item declared not applicable needs a
 * justification; without one it is missing.
 */
public final class CardChecker {
  private CardChecker() {}

  /** One result per item, in checklist order. */
  public static List<CardItemResult> check(Checklist standard, CardDoc card, JsonObject evidence) {
    List<CardItemResult> out = new ArrayList<>();
    for (Checklist.Item item : standard.items()) {
      out.add(check(standard.id(), item, card, evidence));
    }
    return out;
  }

  private static CardItemResult check(String standard, Checklist.Item item, CardDoc card, JsonObject evidence) {
    Optional<String> na = card.notApplicable(standard, item.id());
    if (na.isPresent()) {
      if (Text.blank(na.get())) {
        return result(item, Status.MISSING, "declared not applicable without a justification (notApplicable."
            + standard + "." + item.id() + ")");
      }
      return result(item, Status.NOT_APPLICABLE, na.get().strip());
    }
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (String path : item.card()) {
      Optional<String> t = card.text(path);
      if (t.isEmpty() || Text.blank(t.get())) {
        missing.add(path + " is not written");
      } else if (CardDoc.placeholder(t.get())) {
        missing.add(path + " is a placeholder (\"" + t.get().strip() + "\"), not an answer; declare the item not "
            + "applicable with a justification instead");
      }
    }
    if (item.keyMetrics().isPresent()) {
      Checklist.MetricFilter f = item.keyMetrics().get();
      List<KeyMetric> matched = card.keyMetrics().stream().filter(f::matches).toList();
      if (matched.isEmpty()) {
        missing.add("the card has no " + f.describe());
      }
      for (KeyMetric m : matched) {
        for (String field : f.fields()) {
          if (m.field(field).map(Text::blank).orElse(true)) {
            missing.add(m.describe() + " has no " + field);
          }
        }
        if (item.quantitative() || item.intervals()) {
          Results.Rows rows = Results.of(m, evidence);
          if (rows.problem().isPresent()) {
            missing.add(m.describe() + ": " + rows.problem().get());
            continue;
          }
          for (Results.Row r : rows.rows()) {
            if (r.value().isEmpty()) {
              missing.add(m.describe() + ": " + r.where() + " is not in the evidence");
            } else if (item.intervals() && r.lower95().isEmpty()) {
              missing.add(m.describe() + r.group().map(g -> " [" + g + "]").orElse("") + ": no 95% interval in the "
                  + "evidence");
            }
          }
          if (item.quantitative()) {
            stale.addAll(staleValues(m, rows));
          }
        }
      }
    }
    for (String path : item.evidence()) {
      if (!Results.present(evidence, path)) {
        missing.add("the evidence has no " + path);
      }
    }
    List<String> all = new ArrayList<>(missing);
    all.addAll(stale);
    Status s = !missing.isEmpty() ? Status.MISSING : !stale.isEmpty() ? Status.STALE : Status.COMPLETE;
    return result(item, s, String.join("; ", all));
  }

  /** Typed values that differ from the evidence, each as a finding. */
  static List<String> staleValues(KeyMetric m, Results.Rows rows) {
    List<String> out = new ArrayList<>();
    if (m.typed().isEmpty()) {
      return out;
    }
    JsonValue typed = m.typed().get();
    for (Results.Row r : rows.rows()) {
      JsonValue t = typed;
      if (r.group().isPresent()) {
        String value = r.group().get().substring(r.group().get().indexOf('=') + 1);
        t = ((JsonObject) typed).members().get(value);
      }
      if (!(t instanceof JsonNumber n) || r.value().isEmpty()) {
        continue;
      }
      if (!agrees(n.value(), r.value().getAsDouble())) {
        out.add(m.describe() + r.group().map(g -> " [" + g + "]").orElse("") + ": the card says " + Json.number(n)
            + ", the evidence " + Json.number(r.value().getAsDouble()) + " (" + r.where() + ")");
      }
    }
    if (typed instanceof JsonObject o) {
      for (String g : o.members().keySet()) {
        boolean known = rows.rows().stream().anyMatch(r -> r.group().orElse("").endsWith("=" + g)
            && r.group().get().substring(r.group().get().indexOf('=') + 1).equals(g));
        if (!known) {
          out.add(m.describe() + ": the card gives a value for group " + g + ", which the evidence does not report");
        }
      }
    }
    return out;
  }

  /** Whether a typed number equals the evidence rounded to the typed number's decimals. */
  static boolean agrees(double typed, double actual) {
    BigDecimal t = new BigDecimal(dev.clinigate.NumberText.plain(typed));
    int decimals = Math.max(t.scale(), 0);
    double tolerance = 0.5 * Math.pow(10, -decimals);
    return Math.abs(typed - actual) <= tolerance * (1 + 1e-9);
  }

  private static CardItemResult result(Checklist.Item item, Status s, String detail) {
    return new CardItemResult(item.id(), item.group(), item.title(), item.quantitative(), s, detail);
  }
}
