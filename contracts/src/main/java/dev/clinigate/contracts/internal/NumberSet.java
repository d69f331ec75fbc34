package dev.clinigate.contracts.internal;

/**
 * Counts distinct numbers (by value; 0.0 and -0.0 are one) up to a cap, in an open-addressing table of
 * their bits. NaN is never added.
 */
final class NumberSet {
  /** A NaN bit pattern marks an empty slot: no stored value is NaN. */
  private static final long EMPTY = 0x7ff8_dead_beef_0001L;

  private final int cap;
  private long[] table = newTable(64);
  private int mask = 63;
  private int size;
  private boolean overflowed;

  NumberSet(int cap) {
    this.cap = cap;
  }

  private static long[] newTable(int n) {
    long[] t = new long[n];
    java.util.Arrays.fill(t, EMPTY);
    return t;
  }

  void add(double v) {
    if (overflowed) {
      return;
    }
    long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
    int i = mix(bits) & mask;
    while (table[i] != EMPTY) {
      if (table[i] == bits) {
        return;
      }
      i = (i + 1) & mask;
    }
    if (size >= cap) {
      overflowed = true;
      return;
    }
    table[i] = bits;
    size++;
    if (size * 2 > mask + 1) {
      long[] old = table;
      table = newTable(old.length * 2);
      mask = table.length - 1;
      for (long b : old) {
        if (b != EMPTY) {
          int j = mix(b) & mask;
          while (table[j] != EMPTY) {
            j = (j + 1) & mask;
          }
          table[j] = b;
        }
      }
    }
  }

  private static int mix(long bits) {
    long h = bits;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }

  int size() {
    return size;
  }

  boolean overflowed() {
    return overflowed;
  }
}
