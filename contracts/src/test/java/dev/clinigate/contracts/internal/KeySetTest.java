package dev.clinigate.contracts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeySetTest {
  private static int add(KeySet set, Hash128 h, String key) {
    char[] c = ("<" + key + ">").toCharArray();
    return set.add(c, 1, c.length - 1, h);
  }

  @Test
  void add_manyKeys_agreesWithAHashSet() {
    KeySet set = new KeySet(1_000_000);
    Hash128 h = new Hash128();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 300_000; i++) {
      String key = "E-" + (i * 7919L % 200_003);
      int r = add(set, h, key);
      assertEquals(expected.add(key) ? KeySet.NEW : KeySet.SEEN, r, key);
    }
    assertEquals(expected.size(), set.size());
    assertFalse(set.overflowed());
  }

  @Property(tries = 200)
  void add_anyOrderOfKeys_agreesWithAHashSet(@ForAll("keys") List<String> keys, @ForAll boolean sortFirstHalf) {
    List<String> order = new ArrayList<>(keys);
    if (sortFirstHalf) {
      order.subList(0, order.size() / 2).sort(null); // an increasing run, then disorder
    }
    KeySet set = new KeySet(1_000_000);
    Hash128 h = new Hash128();
    Set<String> expected = new HashSet<>();
    for (String k : order) {
      assertEquals(expected.add(k) ? KeySet.NEW : KeySet.SEEN, add(set, h, k), k);
    }
    assertEquals(expected.size(), set.size());
  }

  @Provide
  Arbitrary<List<String>> keys() {
    return Arbitraries.strings().withChars("ab1").ofMaxLength(4).list().ofMaxSize(300);
  }

  @Test
  void add_sortedKeysWithAdjacentDuplicates_areFoundWithoutATable() {
    KeySet set = new KeySet(10);
    Hash128 h = new Hash128();
    assertEquals(KeySet.NEW, add(set, h, "E-1"));
    assertEquals(KeySet.NEW, add(set, h, "E-2"));
    assertEquals(KeySet.SEEN, add(set, h, "E-2"));
    assertEquals(KeySet.NEW, add(set, h, "E-3"));
    assertEquals(KeySet.SEEN, add(set, h, "E-1")); // out of order: the run moves into the table
    assertEquals(KeySet.NEW, add(set, h, "E-0"));
    assertEquals(KeySet.SEEN, add(set, h, "E-3"));
    assertEquals(4, set.size());
  }

  @Test
  void hash_distinguishesLengthsAndTails() {
    Hash128 h = new Hash128();
    Set<String> seen = new HashSet<>();
    String[] keys = {"", "a", "aa", "a\0", "\0a", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefgi"};
    for (String k : keys) {
      char[] c = k.toCharArray();
      h.hash(c, 0, c.length);
      assertTrue(seen.add(h.h1 + ":" + h.h2), k);
    }
  }

  @Test
  void add_beyondTheBound_reportsOverflowAndStopsGrowing() {
    KeySet set = new KeySet(3);
    Hash128 h = new Hash128();
    assertEquals(KeySet.NEW, add(set, h, "a"));
    assertEquals(KeySet.NEW, add(set, h, "b"));
    assertEquals(KeySet.NEW, add(set, h, "c"));
    assertEquals(KeySet.OVERFLOW, add(set, h, "d"));
    assertEquals(KeySet.SEEN, add(set, h, "a"));
    assertTrue(set.overflowed());
    assertEquals(3, set.size());
  }

  @Test
  void textCounter_internsFindsAndCaps() {
    TextCounter c = new TextCounter(100);
    for (int i = 0; i < 1000; i++) {
      int id = c.intern("v" + (i % 150));
      if (i % 150 < 100) {
        assertEquals(i % 150, id);
        c.increment(id);
      } else {
        assertEquals(-1, id);
      }
    }
    assertTrue(c.overflowed());
    assertEquals(100, c.size());
    assertEquals("v42", c.text(42));
    assertEquals(7, c.count(42));
    char[] probe = "xv42x".toCharArray();
    assertEquals(42, c.find(probe, 1, 4));
    assertEquals(-1, c.find(probe, 0, 4));
  }
}
