package dev.clinigate.metrics;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The histogram behind a feature's PSI: the number of non-missing reference and current values in each
 * bin, for drift plots. A numeric feature's bins are the reference's quantile bins ({@code edges} are the
 * inner edges, a value equal to an edge in the upper bin, so k bins have k - 1 edges); a categorical
 * feature's bins are its categories, sorted (then {@code edges} is empty).
 *
 * @param edges inner bin edges, ascending (numeric), else empty
 * @param categories category per bin (categorical), else empty
 * @param reference reference values per bin
 * @param current current values per bin
 */
public record DriftBins(List<Double> edges, List<String> categories, List<Long> reference, List<Long> current) {

  /** Validates sizes and copies. */
  public DriftBins {
    edges = List.copyOf(edges);
    categories = List.copyOf(categories);
    reference = List.copyOf(reference);
    current = List.copyOf(current);
    if (reference.size() != current.size() || reference.isEmpty()) {
      throw new IllegalArgumentException("reference and current need the same number (>= 1) of bins, found "
          + reference.size() + " and " + current.size());
    }
    if (categories.isEmpty() ? edges.size() != reference.size() - 1 : !edges.isEmpty()
        || categories.size() != reference.size()) {
      throw new IllegalArgumentException("a histogram has k - 1 edges (numeric) or k categories (categorical) for k bins");
    }
  }

  /** The bins of a numeric feature. */
  static DriftBins numeric(double[] edges, long[] reference, long[] current) {
    List<Double> e = new ArrayList<>(edges.length);
    for (double d : edges) {
      e.add(d);
    }
    return new DriftBins(e, List.of(), longs(reference), longs(current));
  }

  /** The bins of a categorical feature. */
  static DriftBins categorical(List<String> categories, long[] reference, long[] current) {
    return new DriftBins(List.of(), categories, longs(reference), longs(current));
  }

  private static List<Long> longs(long[] a) {
    List<Long> out = new ArrayList<>(a.length);
    for (long v : a) {
      out.add(v);
    }
    return out;
  }

  /**
   * {@code {"edges": [...], "reference": [...], "current": [...]}} for a numeric feature,
   * {@code {"categories": [...], "reference": [...], "current": [...]}} for a categorical one.
   */
  public JsonObject toJson() {
    JsonObject.Builder b = JsonObject.builder();
    if (categories.isEmpty()) {
      List<JsonValue> e = new ArrayList<>(edges.size());
      for (double d : edges) {
        e.add(JsonNumber.of(d));
      }
      b.put("edges", new JsonArray(e));
    } else {
      b.put("categories", JsonArray.ofStrings(categories));
    }
    return b.put("reference", counts(reference)).put("current", counts(current)).build();
  }

  private static JsonArray counts(List<Long> c) {
    List<JsonValue> out = new ArrayList<>(c.size());
    for (long v : c) {
      out.add(JsonNumber.of(v));
    }
    return new JsonArray(out);
  }

  @Override
  public String toString() {
    return "DriftBins[bins=" + reference.size() + (categories.isEmpty() ? ", numeric" : ", categorical") + "]";
  }
}
