package dev.clinigate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two ways of building the group tables (sorted payload walk, score lookup) agree exactly. */
class GroupingTest {

  @Test
  void tablesByLookup_tiedScoresWithNulls_equalSortedWalk() {
    Random rnd = new Random(3);
    int n = 5000;
    long[] keys = new long[n];
    String[][] columns = new String[3][n];
    String[][] levels = {{"F", "M"}, {"a", "b", "c"}, {"east", "north", "south", "west", "x"}};
    for (int i = 0; i < n; i++) {
      double p = Math.floor(rnd.nextDouble() * 100) / 100;
      keys[i] = ScoreTable.key(p, rnd.nextDouble() < p ? 1 : 0);
      for (int c = 0; c < 3; c++) {
        columns[c][i] = rnd.nextInt(20) == 0 ? null : levels[c][rnd.nextInt(levels[c].length)];
      }
    }
    assertTrue(Grouping.fewDistinctScores(keys));
    Grouping grouping = Grouping.of(columns);
    long[] rowKeys = keys.clone();
    long[] sorted = keys.clone();
    int[] payload = grouping.payload();
    RadixSort.sort(sorted, payload);
    ScoreTable table = ScoreTable.fromSortedKeys(sorted, 0, n);
    Grouping.Group[][] walk = grouping.tables(sorted, payload, table);
    Grouping.Group[][] lookup = grouping.tablesByLookup(row -> rowKeys[row], table);
    assertEquals(walk.length, lookup.length);
    for (int c = 0; c < walk.length; c++) {
      assertEquals(walk[c].length, lookup[c].length);
      for (int g = 0; g < walk[c].length; g++) {
        assertArrayEquals(walk[c][g].overallCell, lookup[c][g].overallCell);
        assertArrayEquals(walk[c][g].table.score, lookup[c][g].table.score);
        assertArrayEquals(walk[c][g].table.pos, lookup[c][g].table.pos);
        assertArrayEquals(walk[c][g].table.neg, lookup[c][g].table.neg);
      }
    }
    // too many counters: the caller must use the sorted walk
    assertNull(grouping.tablesByLookup(row -> rowKeys[row], table, 10));
  }

  @Test
  void fewDistinctScores_continuousScores_false() {
    Random rnd = new Random(4);
    long[] keys = new long[10_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ScoreTable.key(rnd.nextDouble(), i & 1);
    }
    assertFalse(Grouping.fewDistinctScores(keys));
  }
}
