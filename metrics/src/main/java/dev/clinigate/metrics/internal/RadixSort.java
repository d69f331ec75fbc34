package dev.clinigate.metrics.internal;

/**
 * Stable least-significant-digit radix sort of non-negative {@code long} keys, optionally carrying an
 * {@code int} payload (a row index) along.
 *
 * <p>Design note: metric keys are {@code doubleToRawLongBits(score) << 1 | label} for scores in [0, 1];
 * non-negative doubles order like their bit patterns, so sorting the keys sorts by score, then label.
 * Six passes of 11-bit digits cover 63 bits; one counting scan builds all six histograms, and a pass
 * whose digit is the same for every key is skipped. Stability keeps rows with equal keys in row order,
 * so the output (and everything computed from it) is deterministic.
 */
public final class RadixSort {
  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;
  private static final int MASK = RADIX - 1;
  private static final int PASSES = 6;
  private static final int SMALL = 48;

  private RadixSort() {}

  /**
   * Sorts {@code keys} ascending in place; {@code payload} (may be null) is permuted alike.
   *
   * @param keys non-negative keys
   * @param payload values moved with their keys, same length as {@code keys}, or null
   */
  public static void sort(long[] keys, int[] payload) {
    int n = keys.length;
    if (payload != null && payload.length != n) {
      throw new IllegalArgumentException("payload length " + payload.length + " != key length " + n);
    }
    if (n < SMALL) {
      insertionSort(keys, payload, n);
      return;
    }
    int[] counts = new int[PASSES * RADIX];
    for (int i = 0; i < n; i++) {
      long k = keys[i];
      counts[(int) (k & MASK)]++;
      counts[RADIX + (int) ((k >>> BITS) & MASK)]++;
      counts[2 * RADIX + (int) ((k >>> (2 * BITS)) & MASK)]++;
      counts[3 * RADIX + (int) ((k >>> (3 * BITS)) & MASK)]++;
      counts[4 * RADIX + (int) ((k >>> (4 * BITS)) & MASK)]++;
      counts[5 * RADIX + (int) ((k >>> (5 * BITS)) & MASK)]++;
    }
    long[] src = keys;
    long[] dst = null;
    int[] psrc = payload;
    int[] pdst = null;
    for (int pass = 0; pass < PASSES; pass++) {
      int base = pass * RADIX;
      int shift = pass * BITS;
      if (counts[base + (int) ((src[0] >>> shift) & MASK)] == n) {
        continue; // every key has the same digit here
      }
      if (dst == null) {
        dst = new long[n];
        pdst = payload == null ? null : new int[n];
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = counts[base + d];
        counts[base + d] = sum;
        sum += c;
      }
      if (psrc == null) {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          dst[counts[base + (int) ((k >>> shift) & MASK)]++] = k;
        }
      } else {
        for (int i = 0; i < n; i++) {
          long k = src[i];
          int pos = counts[base + (int) ((k >>> shift) & MASK)]++;
          dst[pos] = k;
          pdst[pos] = psrc[i];
        }
      }
      long[] t = src;
      src = dst;
      dst = t;
      int[] pt = psrc;
      psrc = pdst;
      pdst = pt;
    }
    if (src != keys) {
      System.arraycopy(src, 0, keys, 0, n);
      if (payload != null) {
        System.arraycopy(psrc, 0, payload, 0, n);
      }
    }
  }

  private static void insertionSort(long[] keys, int[] payload, int n) {
    for (int i = 1; i < n; i++) {
      long k = keys[i];
      int p = payload == null ? 0 : payload[i];
      int j = i - 1;
      while (j >= 0 && keys[j] > k) {
        keys[j + 1] = keys[j];
        if (payload != null) {
          payload[j + 1] = payload[j];
        }
        j--;
      }
      keys[j + 1] = k;
      if (payload != null) {
        payload[j + 1] = p;
      }
    }
  }
}
