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
  /** 64 - log2(table length). */
  private int shift = 58;
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
    int i = slot(bits);
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
      shift--;
      for (long b : old) {
        if (b != EMPTY) {
          int j = slot(b);
          while (table[j] != EMPTY) {
            j = (j + 1) & mask;
          }
          table[j] = b;
        }
      }
    }
  }

  /**
   * Fibonacci hashing: the top bits of the product with 2^64 / golden ratio depend on every input
   * bit. (The low bits of a product do not, and doubles that are small integers differ only in their
   * high bits: a mask of low bits clusters them.)
   */
  private int slot(long bits) {
    return (int) (((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L) >>> shift);
  }

  int size() {
    return size;
  }

  boolean overflowed() {
    return overflowed;
  }
}
