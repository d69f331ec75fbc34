package dev.clinigate.dsl.internal;

import dev.clinigate.Domain;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bounds of a gate or trigger ({@code min}, {@code max}, {@code between}) held to the domain of its
 * metric: a bound that no value of the metric could reach ({@code min: 1.2} on AUROC, {@code max: 8} on
 * ECE, a negative latency) is a percentage written for a proportion or a slip, so it is a load error.
 */
final class DomainBounds {
  /** Makes a located problem at a JSON path of the policy. */
  @FunctionalInterface
  interface At {
    Problem problem(String path, String message, String hint);
  }

  private DomainBounds() {}

  /** Adds one problem per bound key whose value lies outside the metric's domain, if it has one. */
  static void check(JsonObject rule, String path, String metric, Optional<Domain> domain, At at, List<Problem> out) {
    if (domain.isEmpty()) {
      return;
    }
    Domain d = domain.get();
    for (String key : List.of("min", "max", "between")) {
      List<JsonNumber> values = new ArrayList<>();
      JsonValue v = rule.members().get(key);
      if (v instanceof JsonNumber n) {
        values.add(n);
      } else if (key.equals("between") && v instanceof JsonArray a) {
        a.elements().stream().filter(x -> x instanceof JsonNumber).forEach(x -> values.add((JsonNumber) x));
      }
      for (JsonNumber n : values) {
        if (n.value() < d.min() || n.value() > d.max()) {
          out.add(at.problem(Json.childPath(path, key), key + " " + Json.number(n) + " is outside the domain of "
              + metric + ": " + d.text(), metric + " never lies outside its domain, so this bound is impossible: "
              + "write a bound " + (d.text().startsWith("[") ? "within " : "") + d.text()
              + (d.isProbability() ? " (a proportion, not a percentage)" : "")));
          break;
        }
      }
    }
  }
}
