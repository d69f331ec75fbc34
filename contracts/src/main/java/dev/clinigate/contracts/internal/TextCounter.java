package dev.clinigate.contracts.internal;

import java.util.Arrays;

/**
 * Counts distinct texts (categories, group values, distinct values for a profile) without allocating
 * for texts it has already seen: lookups hash a char range and compare it in place; only a new text is
 * copied. Ids are dense, in order of first appearance.
 *
 * <p>Bounded: at most {@code cap} distinct texts are kept; {@link #intern} returns -1 for a new text
 * beyond that and {@link #overflowed()} turns true.
 */
public final class TextCounter {
  private final int cap;
  private int[] table = new int[64]; // slot -> id + 1, 0 = empty
  private int mask = 63;
  private char[][] keys = new char[16][];
  private int[] hashes = new int[16];
  private long[] counts = new long[16];
  private int size;
  private boolean overflowed;

  /** A counter of at most {@code cap} distinct texts. */
  public TextCounter(int cap) {
    this.cap = cap;
  }

  private static int hash(char[] b, int s, int e) {
    int h = 0;
    for (int i = s; i < e; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16) ^ (h >>> 7);
  }

  /**
   * Whether {@code key} holds exactly the chars {@code b[s, e)}. A plain loop: keys here are short
   * (categories, missing tokens), where it beats {@link Arrays#equals}' out-of-line comparison.
   */
  static boolean sameChars(char[] key, char[] b, int s, int e) {
    int n = key.length;
    if (n != e - s) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (key[k] != b[s + k]) {
        return false;
      }
    }
    return true;
  }

  /** The id of {@code b[s, e)}, or -1 if it has not been seen. */
  public int find(char[] b, int s, int e) {
    int h = hash(b, s, e);
    int i = h & mask;
    while (true) {
      int id = table[i] - 1;
      if (id < 0) {
        return -1;
      }
      if (hashes[id] == h && sameChars(keys[id], b, s, e)) {
        return id;
      }
      i = (i + 1) & mask;
    }
  }

  /** The id of {@code b[s, e)}, adding it if new; -1 if it is new and the counter is full. */
  public int intern(char[] b, int s, int e) {
    int h = hash(b, s, e);
    int i = h & mask;
    while (true) {
      int id = table[i] - 1;
      if (id < 0) {
        break;
      }
      if (hashes[id] == h && sameChars(keys[id], b, s, e)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    if (size >= cap) {
      overflowed = true;
      return -1;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    int id = size++;
    keys[id] = Arrays.copyOfRange(b, s, e);
    hashes[id] = h;
    table[i] = id + 1;
    if (size * 2 > mask + 1) {
      rehash();
    }
    return id;
  }

  /** {@link #intern(char[], int, int)} of a string. */
  public int intern(String s) {
    return intern(s.toCharArray(), 0, s.length());
  }

  /** Adds one to the count of {@code id}. */
  public void increment(int id) {
    counts[id]++;
  }

  /** The count of {@code id}. */
  public long count(int id) {
    return counts[id];
  }

  /** The text of {@code id}. */
  public String text(int id) {
    return new String(keys[id]);
  }

  /** Number of distinct texts kept. */
  public int size() {
    return size;
  }

  /** Whether a new text was refused because the counter was full. */
  public boolean overflowed() {
    return overflowed;
  }

  private void rehash() {
    int capacity = (mask + 1) * 2;
    table = new int[capacity];
    mask = capacity - 1;
    for (int id = 0; id < size; id++) {
      int i = hashes[id] & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = id + 1;
    }
  }
}
