package dev.clinigate.contracts.internal;

/**
 * A 128-bit hash of a char range: MurmurHash3's x64 128-bit mixing (Austin Appleby's public-domain
 * design), fed four chars per 64-bit word. Used to remember seen keys for {@code unique} and
 * {@code primaryKey} in 16 bytes each: two different keys collide with probability about 2^-128, so a
 * false "duplicate" among n keys has probability below n^2 / 2^129.
 *
 * <p>The result is left in {@link #h1} and {@link #h2}; an instance is reused by one thread.
 */
final class Hash128 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  long h1;
  long h2;

  /** Hashes {@code b[s, e)}. */
  void hash(char[] b, int s, int e) {
    long a = 0x9368e53c2f6af274L;
    long c = 0x586dcd208f7cd3fdL;
    int i = s;
    while (e - i >= 8) {
      long k1 = word(b, i);
      long k2 = word(b, i + 4);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      a ^= k1;
      a = Long.rotateLeft(a, 27);
      a += c;
      a = a * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      c ^= k2;
      c = Long.rotateLeft(c, 31);
      c += a;
      c = c * 5 + 0x38495ab5;
      i += 8;
    }
    long k1 = 0;
    long k2 = 0;
    int rest = e - i;
    for (int j = rest - 1; j >= 4; j--) {
      k2 = (k2 << 16) | b[i + j];
    }
    for (int j = Math.min(rest, 4) - 1; j >= 0; j--) {
      k1 = (k1 << 16) | b[i + j];
    }
    if (rest > 4) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      c ^= k2;
    }
    if (rest > 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      a ^= k1;
    }
    long len = 2L * (e - s);
    a ^= len;
    c ^= len;
    a += c;
    c += a;
    a = fmix(a);
    c = fmix(c);
    a += c;
    c += a;
    h1 = a;
    h2 = c;
  }

  private static long word(char[] b, int i) {
    return (long) b[i] | (long) b[i + 1] << 16 | (long) b[i + 2] << 32 | (long) b[i + 3] << 48;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
