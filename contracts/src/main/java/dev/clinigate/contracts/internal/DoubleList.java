package dev.clinigate.contracts.internal;

import java.util.Arrays;

/** A growable array of doubles that stops growing at a bound (and remembers that it did). */
final class DoubleList {
  private final int max;
  private double[] values;
  private int size;
  private boolean overflowed;

  DoubleList(int max) {
    this.max = max;
    this.values = new double[Math.min(max, 1024)];
  }

  void add(double v) {
    if (size >= max) {
      overflowed = true;
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, (int) Math.min(max, 2L * size));
    }
    values[size++] = v;
  }

  boolean overflowed() {
    return overflowed;
  }

  int size() {
    return size;
  }

  /** The values, trimmed to size (a copy unless the array is exactly full). */
  double[] toArray() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }

  /** Drops the values (and their memory). */
  void clear() {
    values = new double[0];
    size = 0;
  }
}
