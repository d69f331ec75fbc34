package dev.clinigate.metrics.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.metrics.CategoricalDrift;
import dev.clinigate.metrics.DriftBounds;
import dev.clinigate.metrics.DriftCategoryCounts;
import dev.clinigate.metrics.DriftHistogram;
import dev.clinigate.metrics.DriftMethod;
import dev.clinigate.metrics.DriftReference;
import dev.clinigate.metrics.NumericDrift;
import dev.clinigate.metrics.internal.drift.Grid;
import dev.clinigate.metrics.internal.drift.Quantiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Streaming states: merging equals one pass; bounds always contain the exact statistics. */
class DriftHistogramTest {

  /** Values with NaN (missing), ties and a wide range, as streams of real data have. */
  static Arbitrary<double[]> samples(int min, int max) {
    List<Tuple.Tuple2<Integer, Arbitrary<Double>>> kinds = List.of(
        Tuple.of(6, Arbitraries.doubles().between(-50, 50)),
        Tuple.of(3, Arbitraries.integers().between(-5, 5).map(Integer::doubleValue)),
        Tuple.of(1, Arbitraries.just(Double.NaN)));
    return Arbitraries.frequencyOf(kinds).list().ofMinSize(min).ofMaxSize(max)
        .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Provide
  Arbitrary<double[][]> referenceAndCurrent() {
    return Combinators.combine(samples(1, 150), samples(0, 200)).as((r, c) -> new double[][] {r, c})
        .filter(rc -> java.util.Arrays.stream(rc[0]).anyMatch(d -> !Double.isNaN(d)));
  }

  @Property(tries = 200)
  void merge_anyPartitionAnyOrder_equalsOnePass(@ForAll("referenceAndCurrent") double[][] rc,
      @ForAll("seeds") long seed) {
    DriftReference.Numeric ref = DriftReference.numeric(rc[0], 4, 5);
    DriftHistogram onePass = ref.newHistogram();
    onePass.acceptAll(rc[1]);
    Random random = new Random(seed);
    List<DriftHistogram> parts = new ArrayList<>();
    DriftHistogram part = ref.newHistogram();
    for (double v : rc[1]) {
      if (random.nextInt(5) == 0) {
        parts.add(part);
        part = ref.newHistogram();
      }
      part.accept(v);
    }
    parts.add(part);
    Collections.shuffle(parts, random);
    DriftHistogram merged = ref.newHistogram();
    for (DriftHistogram p : parts) {
      merged.merge(p);
    }
    assertTrue(merged.sameCounts(onePass));
    assertEquals(ref.compare(onePass), ref.compare(merged));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Property(tries = 300)
  void bounds_streamedOrBoundedReference_containExactStatistics(@ForAll("referenceAndCurrent") double[][] rc) {
    DriftReference.Numeric ref = DriftReference.numeric(rc[0], 5, 3);
    NumericDrift exact = ref.compare(rc[1]);
    DriftHistogram h = ref.newHistogram();
    h.acceptAll(rc[1]);
    NumericDrift streamed = ref.compare(h);
    NumericDrift bounded = ref.bounded().compare(rc[1]);
    for (NumericDrift approx : List.of(streamed, bounded)) {
      assertEquals(exact.psi(), approx.psi());
      assertEquals(exact.jsDistance(), approx.jsDistance());
      for (DriftMethod m : List.of(DriftMethod.KS, DriftMethod.WASSERSTEIN)) {
        if (exact.value(m).isEmpty()) {
          assertTrue(approx.bounds(m).isEmpty());
          continue;
        }
        double v = exact.value(m).getAsDouble();
        DriftBounds b = approx.bounds(m).orElseThrow();
        assertTrue(b.lower() <= v && v <= b.upper(), m + " " + v + " outside " + b);
        if (b.isExact()) {
          assertEquals(v, b.lower(), m + " claimed exact");
        }
      }
    }
  }

  @Test
  void compare_discreteValues_streamedStatisticsAreExact() {
    double[] ref = new double[500];
    double[] cur = new double[300];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = i % 5;
    }
    for (int i = 0; i < cur.length; i++) {
      cur[i] = (i * 7 + i / 50) % 5; // within the reference's values: each cell holds one distinct value
    }
    DriftReference.Numeric reference = DriftReference.numeric(ref);
    DriftHistogram h = reference.newHistogram();
    h.acceptAll(cur);
    NumericDrift streamed = reference.compare(h);
    assertEquals(reference.compare(cur), streamed);
    assertTrue(streamed.ks().isPresent() && streamed.ksPValue().isPresent() && streamed.ksBounds().isEmpty());
  }

  @Test
  void compare_continuousValues_streamedKsBoundIsTight() {
    Random r = new Random(7);
    double[] ref = new double[20_000];
    double[] cur = new double[15_000];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = r.nextGaussian();
    }
    for (int i = 0; i < cur.length; i++) {
      cur[i] = 0.1 + r.nextGaussian();
    }
    DriftReference.Numeric reference = DriftReference.numeric(ref);
    DriftHistogram h = reference.newHistogram();
    h.acceptAll(cur);
    DriftBounds ks = reference.compare(h).ksBounds().orElseThrow();
    // 1000 cells of about 20 reference values each: the KS interval is at most a few cells' mass wide
    assertTrue(ks.width() < 0.003, "KS bounds " + ks);
    assertTrue(ks.lower() > 0.02, "KS bounds " + ks);
  }

  @Test
  void merge_histogramOfAnotherReference_isRejected() {
    DriftHistogram a = DriftReference.numeric(new double[] {1, 2, 3}).newHistogram();
    DriftHistogram b = DriftReference.numeric(new double[] {1, 2, 4}).newHistogram();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertEquals("cannot merge histograms of different references: their bin edges differ", e.getMessage());
  }

  @Test
  void compare_histogramOfAnotherReference_isRejected() {
    DriftReference.Numeric a = DriftReference.numeric(new double[] {1, 2, 3});
    DriftHistogram b = DriftReference.numeric(new double[] {1, 2, 4}).newHistogram();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.compare(b));
    assertEquals("the histogram was made by a different reference: its bin edges differ from this reference's",
        e.getMessage());
  }

  @Test
  void histogram_countsRowsAndMissing() {
    DriftHistogram h = DriftReference.numeric(new double[] {1, 2, 3}, 3).newHistogram();
    h.acceptAll(new double[] {0, 1.5, 2, Double.NaN, 99});
    h.acceptMissing();
    assertEquals(6, h.rows());
    assertEquals(2, h.missing());
    // edges at quantiles 1/3, 2/3 of {1,2,3}: 1.6666666666666665 and 2.333333333333333
    assertEquals(List.of(2L, 1L, 1L), java.util.Arrays.stream(h.binCounts()).boxed().toList());
    DriftHistogram copy = h.copy();
    h.accept(1);
    assertEquals(6, copy.rows());
  }

  @Property(tries = 100)
  void categoryCounts_anyPartition_equalsOnePass(@ForAll("categories") List<String> values, @ForAll("seeds") long seed) {
    DriftReference.Categorical ref = DriftReference.categorical(new String[] {"a", "b", "c"});
    DriftCategoryCounts onePass = DriftCategoryCounts.create();
    values.forEach(onePass::accept);
    Random random = new Random(seed);
    DriftCategoryCounts merged = DriftCategoryCounts.create();
    DriftCategoryCounts part = DriftCategoryCounts.create();
    for (String v : values) {
      if (random.nextInt(4) == 0) {
        merged.merge(part);
        part = DriftCategoryCounts.create();
      }
      part.accept(v);
    }
    merged.merge(part);
    assertEquals(onePass.counts(), merged.counts());
    assertEquals(onePass.sample(), merged.sample());
    CategoricalDrift a = ref.compare(onePass);
    assertEquals(a, ref.compare(merged));
    assertEquals(a, ref.compare(values.toArray(new String[0])));
  }

  @Property(tries = 100)
  void gridCell_lookupTable_agreesWithBinarySearch(@ForAll("edgeSets") double[] edges, @ForAll("seeds") long seed) {
    Grid grid = Grid.of(edges, new double[0]);
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      double x;
      switch (random.nextInt(4)) {
        case 0 -> x = random.nextBoolean() ? edges[random.nextInt(edges.length)]
            : Math.rint(edges[0] + (edges[edges.length - 1] - edges[0]) * random.nextDouble());
        case 1 -> x = Math.nextDown(edges[random.nextInt(edges.length)]);
        case 2 -> x = Math.nextUp(edges[random.nextInt(edges.length)]);
        default -> x = edges[0] + (edges[edges.length - 1] - edges[0]) * (random.nextDouble() * 1.2 - 0.1);
      }
      assertEquals(Quantiles.bin(edges, x), grid.cell(x), "x = " + x);
    }
  }

  /**
   * Ascending distinct edges: ordinary, few, integers (values then often fall on an edge), clustered,
   * and spanning only a few ulps of a large number.
   */
  @Provide
  Arbitrary<double[]> edgeSets() {
    Arbitrary<double[]> ordinary = Arbitraries.doubles().between(-1e6, 1e6).array(double[].class).ofMinSize(16)
        .ofMaxSize(3000);
    Arbitrary<double[]> ulps = Arbitraries.integers().between(0, 40).array(int[].class).ofMinSize(16).ofMaxSize(40)
        .map(a -> java.util.Arrays.stream(a).mapToDouble(k -> 1e15 + k * 0.125).toArray());
    Arbitrary<double[]> clustered = Arbitraries.doubles().between(0, 1).array(double[].class).ofMinSize(16)
        .ofMaxSize(2000).map(a -> java.util.Arrays.stream(a).map(v -> v < 0.5 ? v * 1e-9 : 1e9 * v).toArray());
    Arbitrary<double[]> few = Arbitraries.doubles().between(-10, 10).array(double[].class).ofMinSize(2).ofMaxSize(15);
    Arbitrary<double[]> integers = Arbitraries.integers().between(0, 120).array(int[].class).ofMinSize(2).ofMaxSize(60)
        .map(a -> java.util.Arrays.stream(a).mapToDouble(k -> k).toArray());
    return Arbitraries.oneOf(ordinary, few, integers, ulps, clustered)
        .map(a -> java.util.Arrays.stream(a).sorted().distinct().toArray())
        .filter(a -> a.length >= 2);
  }

  @Provide
  Arbitrary<List<String>> categories() {
    return Arbitraries.of("a", "b", "c", "d", "e").injectNull(0.1).list().ofMaxSize(60);
  }
}
