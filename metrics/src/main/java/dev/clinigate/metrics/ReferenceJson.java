package dev.clinigate.metrics;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.metrics.DriftReference.Categorical;
import dev.clinigate.metrics.DriftReference.Numeric;
import dev.clinigate.metrics.internal.drift.CellStats;
import dev.clinigate.metrics.internal.drift.DriftKernel;
import dev.clinigate.metrics.internal.drift.Grid;
import dev.clinigate.metrics.internal.drift.JsonFields;
import dev.clinigate.metrics.internal.drift.Quantiles;
import dev.clinigate.metrics.internal.drift.SortedValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The saved form of a {@link DriftReference} ({@code version} 1): writing it, and reading it back with every
 * consistency check a stored profile needs (edited or corrupted profiles are rejected, naming the JSON
 * path), so that the public types keep only the API and the comparison.
 */
final class ReferenceJson {
  private ReferenceJson() {}

  static DriftReference read(JsonDocument document) {
    JsonFields in = new JsonFields(document);
    JsonObject o = in.object(document.root(), "$");
    in.throwIfProblems();
    in.integer(o, "$", "version", 1, 1); // the only format so far
    String type = in.string(o, "$", "type");
    in.throwIfProblems();
    if ("numeric".equals(type)) {
      return readNumeric(in, o);
    }
    if ("categorical".equals(type)) {
      return readCategorical(in, o);
    }
    in.problem("$.type", "unknown reference type", "use \"numeric\" or \"categorical\"");
    in.throwIfProblems();
    throw new IllegalStateException("unreachable");
  }

  /** A numeric reference as JSON (see {@link DriftReference.Numeric#toJson()}). */
  static JsonObject write(Numeric r) {
    JsonObject.Builder b = JsonObject.builder()
        .put("version", 1L)
        .put("type", "numeric")
        .put("rows", r.sample.rows())
        .put("missing", r.sample.missing())
        .put("bins", (long) r.requestedBins)
        .put("cells_per_bin", (long) r.cellsPerBin)
        .put("edges", numbers(r.edges))
        .put("counts", integers(r.binCounts));
    if (r.values != null) {
      b.put("values", numbers(r.values.distinctValues()));
      long[] counts = r.values.counts();
      if (counts != null) {
        b.put("value_counts", integers(counts));
      }
    } else {
      CellStats c = r.cells;
      int n = c.cells();
      long[] counts = new long[n];
      double[] min = new double[n];
      double[] max = new double[n];
      for (int i = 0; i < n; i++) {
        counts[i] = c.count(i);
        min[i] = counts[i] > 0 ? c.min(i) : Double.NaN;
        max[i] = counts[i] > 0 ? c.max(i) : Double.NaN;
      }
      b.put("grid", JsonObject.builder()
          .put("edges", numbers(c.grid().edges()))
          .put("counts", integers(counts))
          .put("min", numbers(min))
          .put("max", numbers(max))
          .build());
    }
    return b.build();
  }

  private static JsonArray numbers(double[] a) {
    List<JsonValue> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(JsonValue.of(d));
    }
    return new JsonArray(l);
  }

  private static JsonArray integers(long[] a) {
    List<JsonValue> l = new ArrayList<>(a.length);
    for (long d : a) {
      l.add(JsonNumber.of(d));
    }
    return new JsonArray(l);
  }

  static Numeric readNumeric(JsonFields in, JsonObject o) {
    long rows = in.integer(o, "$", "rows", 0, Long.MAX_VALUE / 2);
    long missing = in.integer(o, "$", "missing", 0, Long.MAX_VALUE / 2);
    int bins = (int) in.integer(o, "$", "bins", 2, 10_000);
    int cellsPerBin = (int) in.integer(o, "$", "cells_per_bin", 1, 10_000);
    double[] edges = in.doubles(o, "$", "edges", false);
    long[] counts = in.longs(o, "$", "counts", 0);
    in.throwIfProblems();
    if (missing > rows) {
      in.problem("$.missing", "\"missing\" (" + missing + ") exceeds \"rows\" (" + rows + ")", "");
    }
    if ((long) bins * cellsPerBin > 1_000_000) {
      in.problem("$.cells_per_bin", "bins * cells_per_bin must be at most 1000000, found "
          + ((long) bins * cellsPerBin), "");
    }
    ascending(in, edges, "$.edges");
    if (counts.length != edges.length + 1) {
      in.problem("$.counts", "\"counts\" must have one entry per bin (" + (edges.length + 1) + "), found "
          + counts.length, "");
    }
    in.throwIfProblems();
    DriftSample sample = new DriftSample(rows, missing);
    String hint = "the profile was edited or corrupted; rebuild it from the reference data";
    if (o.has("values")) {
      double[] distinct = in.doubles(o, "$", "values", false);
      long[] valueCounts = o.has("value_counts") ? in.longs(o, "$", "value_counts", 1) : null;
      in.throwIfProblems();
      ascending(in, distinct, "$.values");
      long total = distinct.length;
      if (valueCounts != null) {
        if (valueCounts.length != distinct.length) {
          in.problem("$.value_counts", "\"value_counts\" must have one entry per value (" + distinct.length
              + "), found " + valueCounts.length, "");
        } else {
          total = 0;
          for (long c : valueCounts) {
            total += c;
          }
        }
      }
      in.throwIfProblems();
      if (total != sample.values()) {
        in.problem("$.values", "\"values\" hold " + total + " values but rows - missing is " + sample.values(),
            hint);
        in.throwIfProblems();
      }
      SortedValues sv = SortedValues.ofDistinct(distinct, valueCounts);
      double[] expected = Quantiles.edges(sv, bins);
      if (!Grid.sameValues(expected, edges)) {
        in.problem("$.edges", "\"edges\" are not the reference quantiles of \"values\"", hint);
      } else if (!Arrays.equals(DriftKernel.binCounts(sv, edges), counts)) {
        in.problem("$.counts", "\"counts\" are not the bin counts of \"values\"", hint);
      }
      in.throwIfProblems();
      return new Numeric(bins, cellsPerBin, sample, edges, counts, sv, null);
    }
    JsonValue gv = in.member(o, "$", "grid");
    in.throwIfProblems();
    JsonObject g = in.object(gv, "$.grid");
    in.throwIfProblems();
    double[] fine = in.doubles(g, "$.grid", "edges", false);
    long[] cellCounts = in.longs(g, "$.grid", "counts", 0);
    double[] min = in.doubles(g, "$.grid", "min", true);
    double[] max = in.doubles(g, "$.grid", "max", true);
    in.throwIfProblems();
    ascending(in, fine, "$.grid.edges");
    int cells = fine.length + 1;
    if (cellCounts.length != cells || min.length != cells || max.length != cells) {
      in.problem("$.grid", "\"counts\", \"min\" and \"max\" must have one entry per cell (" + cells + ")", hint);
    }
    in.throwIfProblems();
    long total = 0;
    for (int i = 0; i < cells; i++) {
      total += cellCounts[i];
      boolean empty = cellCounts[i] == 0;
      double lo = i == 0 ? Double.NEGATIVE_INFINITY : fine[i - 1];
      double hi = i == cells - 1 ? Double.POSITIVE_INFINITY : fine[i];
      if (empty != Double.isNaN(min[i]) || empty != Double.isNaN(max[i])
          || !empty && !(min[i] <= max[i] && min[i] >= lo && max[i] < hi)) {
        in.problem("$.grid.min[" + i + "]", "grid cell " + i + " is inconsistent: count " + cellCounts[i]
            + ", min " + JsonValue.of(min[i]) + ", max " + JsonValue.of(max[i]) + " within [" + lo + ", " + hi + ")",
            hint);
      }
    }
    if (total != sample.values()) {
      in.problem("$.grid.counts", "the grid holds " + total + " values but rows - missing is " + sample.values(),
          hint);
    }
    in.throwIfProblems();
    Grid grid = Grid.of(fine, edges);
    if (grid == null) {
      in.problem("$.edges", "every PSI edge must also be a grid edge", hint);
      in.throwIfProblems();
    }
    CellStats cs = CellStats.of(grid, cellCounts, min, max);
    if (!Arrays.equals(cs.binCounts(), counts)) {
      in.problem("$.counts", "\"counts\" are not the bin totals of the grid", hint);
      in.throwIfProblems();
    }
    return new Numeric(bins, cellsPerBin, sample, edges, counts, null, cs);
  }

  private static void ascending(JsonFields in, double[] a, String path) {
    for (int i = 0; i < a.length; i++) {
      if (i > 0 && !(a[i] > a[i - 1])) {
        in.problem(Json.indexPath(path, i), "must be strictly ascending, found " + a[i] + " after " + a[i - 1],
            "the profile was edited or corrupted; rebuild it from the reference data");
        return;
      }
    }
  }

  /** A categorical reference as JSON (see {@link DriftReference.Categorical#toJson()}). */
  static JsonObject write(Categorical r) {
    List<JsonValue> n = new ArrayList<>();
    for (long c : r.counts) {
      n.add(JsonNumber.of(c));
    }
    return JsonObject.builder()
        .put("version", 1L)
        .put("type", "categorical")
        .put("rows", r.sample.rows())
        .put("missing", r.sample.missing())
        .put("categories", JsonArray.ofStrings(Arrays.asList(r.categories)))
        .put("counts", new JsonArray(n))
        .build();
  }

  static Categorical readCategorical(JsonFields in, JsonObject o) {
    long rows = in.integer(o, "$", "rows", 0, Long.MAX_VALUE / 2);
    long missing = in.integer(o, "$", "missing", 0, Long.MAX_VALUE / 2);
    String[] cats = in.strings(o, "$", "categories");
    long[] counts = in.longs(o, "$", "counts", 1);
    in.throwIfProblems();
    String hint = "the profile was edited or corrupted; rebuild it from the reference data";
    if (missing > rows) {
      in.problem("$.missing", "\"missing\" (" + missing + ") exceeds \"rows\" (" + rows + ")", "");
    }
    if (counts.length != cats.length) {
      in.problem("$.counts", "\"counts\" must have one entry per category (" + cats.length + "), found "
          + counts.length, hint);
    }
    for (int i = 1; i < cats.length; i++) {
      if (cats[i].compareTo(cats[i - 1]) <= 0) {
        in.problem(Json.indexPath("$.categories", i), "categories must be sorted and distinct, found entry " + i
            + " not after entry " + (i - 1), hint);
        break;
      }
    }
    in.throwIfProblems();
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total != rows - missing) {
      in.problem("$.counts", "the counts add up to " + total + " but rows - missing is " + (rows - missing), hint);
      in.throwIfProblems();
    }
    return new Categorical(new DriftSample(rows, missing), cats.clone(), counts.clone());
  }
}
