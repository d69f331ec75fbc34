package dev.clinigate.spark.internal;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigInteger;

/**
 * An exact, order-independent sum of doubles: a fixed-point accumulator spanning every finite double
 * (2^-1074 to 2^1024) in 32-bit limbs, rounded to the nearest double only when read.
 *
 * <p>Design note: the distributed metrics must not depend on how Spark partitioned the cells, so partial
 * sums cannot be floating-point sums (their rounding depends on the order of the terms). Every term is
 * added exactly here, partial accumulators merge exactly, and {@link #value()} rounds the exact total
 * once (to nearest, ties to even): the result is a function of the multiset of terms alone. Compared with
 * the metrics module's compensated (Neumaier) sums the result differs by at most about one rounding of
 * the total. A term adds its 53-bit significand to three limbs; limbs are signed 64-bit and carries are
 * propagated every 2^29 additions, before any limb can overflow. Non-finite terms make the sum their
 * IEEE sum (NaN or an infinity). Serialized compactly: only the non-zero limbs travel.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int LIMBS = 68; // 68 * 32 = 2176 bits: 2^-1074 .. 2^1102 with room for carries
  private static final long MASK = 0xFFFFFFFFL;
  private static final int NORMALIZE_EVERY = 1 << 29;

  private transient long[] limb = new long[LIMBS];
  private transient int pending;
  private transient double special; // IEEE sum of the non-finite terms
  private transient boolean nonFinite;

  /** Adds a term. */
  public void add(double x) {
    if (x == 0.0) {
      return;
    }
    if (!Double.isFinite(x)) {
      special += x;
      nonFinite = true;
      return;
    }
    long bits = Double.doubleToRawLongBits(x);
    int exp = (int) ((bits >>> 52) & 0x7FF);
    long mant = bits & 0xFFFFFFFFFFFFFL;
    if (exp == 0) {
      exp = 1; // subnormal
    } else {
      mant |= 1L << 52;
    }
    int off = exp - 1; // |x| = mant * 2^(off - 1074)
    int i = off >>> 5;
    int sh = off & 31;
    long low = (mant & MASK) << sh; // < 2^63
    long high = (mant >>> 32) << sh; // < 2^52
    long l0 = low & MASK;
    long l1 = (low >>> 32) + (high & MASK);
    long l2 = high >>> 32;
    if (bits < 0) {
      limb[i] -= l0;
      limb[i + 1] -= l1;
      limb[i + 2] -= l2;
    } else {
      limb[i] += l0;
      limb[i + 1] += l1;
      limb[i + 2] += l2;
    }
    if (++pending >= NORMALIZE_EVERY) {
      normalize();
    }
  }

  /** Adds another accumulator's total exactly ({@code other} is unchanged). */
  public void add(ExactSum other) {
    for (int i = 0; i < LIMBS; i++) {
      limb[i] += other.limb[i];
    }
    if (other.nonFinite) {
      special += other.special;
      nonFinite = true;
    }
    pending += other.pending + 1;
    normalize();
  }

  private void normalize() {
    for (int i = 0; i < LIMBS - 1; i++) {
      long carry = limb[i] >> 32; // floor division by 2^32
      limb[i] -= carry << 32;
      limb[i + 1] += carry;
    }
    pending = 0;
  }

  /** The exact total rounded to the nearest double (ties to even). */
  public double value() {
    if (nonFinite) {
      return special;
    }
    normalize();
    BigInteger total = BigInteger.ZERO;
    for (int i = LIMBS - 1; i >= 0; i--) {
      total = total.shiftLeft(32).add(BigInteger.valueOf(limb[i]));
    }
    int sign = total.signum();
    if (sign == 0) {
      return 0.0;
    }
    BigInteger abs = total.abs();
    int length = abs.bitLength();
    double magnitude;
    if (length <= 53) {
      magnitude = Math.scalb((double) abs.longValue(), -1074); // exact: k * 2^-1074 with k < 2^53
    } else {
      int shift = length - 60;
      long top = abs.shiftRight(shift).longValue();
      if (abs.getLowestSetBit() < shift) {
        top |= 1L; // sticky bit: the dropped bits are not all zero
      }
      magnitude = Math.scalb((double) top, shift - 1074); // one rounding of 60 bits to 53, exact scaling
    }
    return sign < 0 ? -magnitude : magnitude;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    normalize();
    int lo = 0;
    while (lo < LIMBS && limb[lo] == 0) {
      lo++;
    }
    int hi = LIMBS - 1;
    while (hi >= lo && limb[hi] == 0) {
      hi--;
    }
    out.writeBoolean(nonFinite);
    out.writeDouble(special);
    out.writeInt(lo);
    out.writeInt(hi);
    for (int i = lo; i <= hi; i++) {
      out.writeLong(limb[i]);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException {
    limb = new long[LIMBS];
    nonFinite = in.readBoolean();
    special = in.readDouble();
    int lo = in.readInt();
    int hi = in.readInt();
    if (lo < 0 || hi >= LIMBS) {
      throw new IOException("corrupt ExactSum limbs [" + lo + ", " + hi + "]");
    }
    for (int i = lo; i <= hi; i++) {
      limb[i] = in.readLong();
    }
  }
}
