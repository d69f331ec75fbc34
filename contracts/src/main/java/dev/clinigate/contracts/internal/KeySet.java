package dev.clinigate.contracts.internal;

import java.util.Arrays;

/**
 * The set of keys seen so far for a {@code unique} or {@code primaryKey} rule.
 *
 * <p>Design note: keys are remembered as 128-bit hashes ({@link Hash128}): two different keys collide
 * with probability about 2^-128, so a false "duplicate" among n keys has probability below
 * n^2 / 2^129. While the keys arrive in strictly increasing order (as in most extracts, sorted by an
 * id), none can repeat an earlier one, so the hashes are only appended to an array: sequential writes,
 * 16 bytes per key, no lookup. A key equal to the previous one is a duplicate. At the first key that
 * is smaller than its predecessor the array is moved into an open-addressing table (16 bytes per slot,
 * at most 60% full, grown by doubling), where every later key is looked up: a random access each,
 * the main cost of a key rule on unsorted data.
 *
 * <p>Bounded: it holds at most {@code maxKeys} keys; once full, {@link #add} reports
 * {@link #OVERFLOW} and the rule is reported as not evaluated (fail closed) rather than growing without
 * limit.
 */
final class KeySet {
  /** {@link #add} result: the key was new. */
  static final int NEW = 0;
  /** {@link #add} result: the key was seen before. */
  static final int SEEN = 1;
  /** {@link #add} result: the set is full; the key was not recorded. */
  static final int OVERFLOW = 2;

  private final long maxKeys;
  private long size;
  private boolean overflowed;

  // while the keys increase: their hashes in arrival order, and the last key
  private boolean inOrder = true;
  private long[] run = new long[2 * 256];
  private char[] last = new char[32];
  private int lastLength;
  private long expected;

  // after the first decrease: the hash table
  private long[] slots;
  private int mask;

  KeySet(long maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** Adds the key {@code key[s, e)}, using {@code h} to hash it. */
  int add(char[] key, int s, int e, Hash128 h) {
    if (inOrder) {
      if (size > 0) {
        int cmp = Arrays.compare(key, s, e, last, 0, lastLength);
        if (cmp == 0) {
          return SEEN;
        }
        if (cmp < 0) {
          leaveOrder();
          h.hash(key, s, e);
          return addHash(h.h1, h.h2);
        }
      }
      if (size >= maxKeys) {
        overflowed = true;
        return OVERFLOW;
      }
      h.hash(key, s, e);
      int at = (int) (2 * size);
      if (at == run.length) {
        run = Arrays.copyOf(run, (int) Math.min(2L * run.length, 2 * maxKeys + 2));
      }
      run[at] = h.h1;
      run[at + 1] = h.h2;
      size++;
      int n = e - s;
      if (n > last.length) {
        last = new char[Math.max(n, 2 * last.length)];
      }
      System.arraycopy(key, s, last, 0, n);
      lastLength = n;
      return NEW;
    }
    h.hash(key, s, e);
    return addHash(h.h1, h.h2);
  }

  /** Moves the hashes seen so far into the hash table. */
  private void leaveOrder() {
    inOrder = false;
    long n = size;
    long[] hashes = run;
    run = null;
    last = null;
    slots = new long[2 * 1024];
    mask = 1023;
    size = 0;
    reserve(Math.max(n, expected));
    for (int i = 0; i < n; i++) {
      addHash(hashes[2 * i], hashes[2 * i + 1]);
    }
  }

  private int addHash(long a, long b) {
    if (a == 0 && b == 0) {
      b = 1; // (0, 0) marks an empty slot
    }
    int i = (int) (a ^ (a >>> 32)) & mask;
    while (true) {
      long sa = slots[2 * i];
      long sb = slots[2 * i + 1];
      if (sa == 0 && sb == 0) {
        break;
      }
      if (sa == a && sb == b) {
        return SEEN;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxKeys) {
      overflowed = true;
      return OVERFLOW;
    }
    slots[2 * i] = a;
    slots[2 * i + 1] = b;
    size++;
    if (size * 5 > (long) (mask + 1) * 3) {
      rehash((mask + 1) * 2);
    }
    return NEW;
  }

  boolean overflowed() {
    return overflowed;
  }

  long size() {
    return size;
  }

  /**
   * Expects about {@code keys} keys in all: the hash table (if and when it is needed) is sized for them
   * in one step, so that a large input does not pay for every intermediate doubling (each re-inserts
   * every key at a random place, a cache miss per key).
   */
  void reserve(long keys) {
    if (inOrder) {
      expected = keys;
      return;
    }
    long want = Math.min(keys, maxKeys);
    long capacity = mask + 1L;
    while (want * 5 > capacity * 3 && capacity < (1 << 29)) {
      capacity *= 2;
    }
    if (capacity > mask + 1L) {
      rehash((int) capacity);
    }
  }

  private void rehash(int capacity) {
    long[] old = slots;
    slots = new long[2 * capacity];
    mask = capacity - 1;
    for (int j = 0; j < old.length; j += 2) {
      long a = old[j];
      long b = old[j + 1];
      if (a == 0 && b == 0) {
        continue;
      }
      int i = (int) (a ^ (a >>> 32)) & mask;
      while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
        i = (i + 1) & mask;
      }
      slots[2 * i] = a;
      slots[2 * i + 1] = b;
    }
  }
}
