package dev.clinigate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RadixSortTest {

  @Property(tries = 100)
  void sort_packedScoreKeys_sameAsArraysSortAndStable(@ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 0, max = 6) int decimals, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double scale = Math.pow(10, decimals);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      double p = decimals == 6 ? r.nextDouble() : Math.round(r.nextDouble() * scale) / scale;
      keys[i] = ScoreTable.key(p, r.nextInt(2));
    }
    long[] expected = keys.clone();
    Arrays.sort(expected);
    long[] sorted = keys.clone();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    RadixSort.sort(sorted, rows);
    assertArrayEquals(expected, sorted);
    for (int j = 0; j < n; j++) {
      assertEquals(keys[rows[j]], sorted[j]);
      if (j > 0 && sorted[j] == sorted[j - 1]) {
        assertTrue(rows[j] > rows[j - 1], "stable");
      }
    }
  }

  @Test
  void key_scoresOrderLikeTheirBits() {
    double[] s = {0.0, Double.MIN_VALUE, 1e-300, 1e-15, 0.1, 0.30000000000000004, 0.5, 0.9999999999999999, 1.0};
    for (int i = 1; i < s.length; i++) {
      assertTrue(ScoreTable.key(s[i - 1], 1) < ScoreTable.key(s[i], 0));
    }
    assertEquals(ScoreTable.key(0.0, 1), ScoreTable.key(-0.0, 1));
  }

  @Test
  void splitMix64_knownFirstOutputs() {
    // reference values of SplitMix64 seeded with 1234567 (the published C implementation's test vector)
    SplitMix64 g = new SplitMix64(1234567L);
    assertEquals(6457827717110365317L, g.nextLong());
    assertEquals(3203168211198807973L, g.nextLong());
    assertEquals(-8629252141511181193L, g.nextLong()); // 9817491932198370423 unsigned
  }

  @Test
  void splitMix64_nextInt_uniformOverSmallBound() {
    SplitMix64 g = SplitMix64.forReplicate(99, 0);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[g.nextInt(7)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, Arrays.toString(counts));
    }
  }
}
