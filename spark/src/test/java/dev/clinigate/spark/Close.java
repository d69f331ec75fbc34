package dev.clinigate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares two JSON trees: same shape, same text and counts, numbers equal to a relative tolerance. */
final class Close {
  private Close() {}

  /** The lowess errors, which the distributed path leaves undefined (docs/spark.md). */
  static final List<String> LOWESS_METRICS = List.of("ici", "e50", "e90", "emax");

  /**
   * A single-machine report as the distributed path gives it: the lowess errors ({@link #LOWESS_METRICS})
   * null (undefined) at every level and no {@code curves} (the distributed path does not compute them;
   * docs/spark.md), everything else unchanged. The collected path is compared with no such adjustment.
   */
  static JsonValue lowessUndefined(JsonValue report) {
    if (!(report instanceof JsonObject o)) {
      return report;
    }
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      JsonValue v = e.getValue();
      if (e.getKey().equals("curves")) {
        continue;
      }
      if (e.getKey().equals("metrics") && v instanceof JsonObject inner && inner.members().containsKey("ici")) {
        JsonObject.Builder ib = JsonObject.builder();
        inner.members().forEach((k, x) -> ib.put(k, LOWESS_METRICS.contains(k) ? JsonNull.INSTANCE : x));
        b.put(e.getKey(), ib.build());
      } else if (v instanceof JsonObject) {
        b.put(e.getKey(), lowessUndefined(v));
      } else if (v instanceof JsonArray a) {
        List<JsonValue> items = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          items.add(lowessUndefined(a.get(i)));
        }
        b.put(e.getKey(), new JsonArray(items));
      } else {
        b.put(e.getKey(), v);
      }
    }
    return b.build();
  }

  /** Asserts that {@code actual} matches {@code expected}, numbers to {@code relative} (absolute below 1e-300). */
  static void assertClose(JsonValue expected, JsonValue actual, double relative) {
    List<String> diffs = new ArrayList<>();
    compare("$", expected, actual, relative, diffs);
    assertEquals(List.of(), diffs.size() > 10 ? diffs.subList(0, 10) : diffs);
  }

  /** The largest relative difference between numbers of the two trees (which must have the same shape). */
  static double maxRelative(JsonValue expected, JsonValue actual) {
    double[] max = {0};
    walk(expected, actual, max);
    return max[0];
  }

  private static void walk(JsonValue e, JsonValue a, double[] max) {
    if (e instanceof JsonNumber en && a instanceof JsonNumber an) {
      double d = Math.abs(en.value() - an.value());
      double scale = Math.max(Math.abs(en.value()), 1e-300);
      max[0] = Math.max(max[0], d == 0 ? 0 : d / scale);
    } else if (e instanceof JsonObject eo && a instanceof JsonObject ao) {
      for (Map.Entry<String, JsonValue> m : eo.members().entrySet()) {
        walk(m.getValue(), ao.members().get(m.getKey()), max);
      }
    } else if (e instanceof JsonArray ea && a instanceof JsonArray aa) {
      for (int i = 0; i < ea.size(); i++) {
        walk(ea.get(i), aa.get(i), max);
      }
    }
  }

  private static void compare(String path, JsonValue e, JsonValue a, double relative, List<String> diffs) {
    if (e instanceof JsonNumber en && a instanceof JsonNumber an) {
      assertTrue(en.integral() == an.integral(), path + ": integral vs not");
      double d = Math.abs(en.value() - an.value());
      if (en.integral() ? d != 0 : d > relative * Math.max(Math.abs(en.value()), 1e-300)) {
        diffs.add(path + ": expected " + en.value() + " but was " + an.value());
      }
    } else if (e instanceof JsonObject eo && a instanceof JsonObject ao) {
      if (!eo.members().keySet().equals(ao.members().keySet())) {
        diffs.add(path + ": keys " + eo.members().keySet() + " vs " + ao.members().keySet());
        return;
      }
      for (Map.Entry<String, JsonValue> m : eo.members().entrySet()) {
        compare(path + "." + m.getKey(), m.getValue(), ao.members().get(m.getKey()), relative, diffs);
      }
    } else if (e instanceof JsonArray ea && a instanceof JsonArray aa) {
      if (ea.size() != aa.size()) {
        diffs.add(path + ": " + ea.size() + " vs " + aa.size() + " elements");
        return;
      }
      for (int i = 0; i < ea.size(); i++) {
        compare(path + "[" + i + "]", ea.get(i), aa.get(i), relative, diffs);
      }
    } else if (!e.equals(a)) {
      diffs.add(path + ": expected " + e + " but was " + a);
    }
  }
}
