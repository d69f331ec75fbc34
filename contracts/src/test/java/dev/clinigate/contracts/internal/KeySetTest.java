package dev.clinigate.contracts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {
  private static int add(KeySet set, Hash128 h, String key) {
    char[] c = key.toCharArray();
    h.hash(c, 0, c.length);
    return set.add(h);
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
