package dev.clinigate.contracts.internal;

/**
 * The set of keys seen so far for a {@code unique} or {@code primaryKey} rule, stored as 128-bit hashes
 * ({@link Hash128}) in an open-addressing table: 16 bytes per slot, at most 60% full, grown by doubling.
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
  private long[] slots = new long[2 * 1024];
  private int mask = 1023;
  private long size;
  private boolean overflowed;

  KeySet(long maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** Adds the key hashed in {@code h}. */
  int add(Hash128 h) {
    long a = h.h1;
    long b = h.h2;
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
      grow();
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
   * Sizes the table for about {@code keys} keys (at most {@code maxKeys}) in one step, so that a large
   * input does not pay for every intermediate doubling (each one re-inserts every key at a random
   * place, a cache miss per key).
   */
  void reserve(long keys) {
    long want = Math.min(keys, maxKeys);
    long capacity = mask + 1L;
    while (want * 5 > capacity * 3 && capacity < (1 << 29)) {
      capacity *= 2;
    }
    if (capacity > mask + 1L) {
      rehash((int) capacity);
    }
  }

  private void grow() {
    rehash((mask + 1) * 2);
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
