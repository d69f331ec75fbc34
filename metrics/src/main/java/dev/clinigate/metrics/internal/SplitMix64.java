package dev.clinigate.metrics.internal;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), written out here so that bootstrap intervals do not depend on the JDK's implementation
 * of {@code java.util.SplittableRandom}: the same seed gives the same stream on every JVM.
 *
 * <p>Design note: the state advances by the odd constant {@code GAMMA} and each output is the
 * {@link #mix64} finaliser of the state. Replicate {@code r} of a bootstrap seeded with {@code seed}
 * uses the stream whose initial state is {@code mix64(seed + (r + 1) * GAMMA)}: distinct replicates
 * start at distinct, scattered points of the 2^64 cycle, and replicates can be computed in any order.
 * Bounded integers use Lemire's multiply-and-reject method on 32-bit halves of the outputs (high half,
 * then low half), so they are exactly uniform.
 */
public final class SplitMix64 {
  /** The golden-ratio increment. */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;
  private long half;
  private boolean hasHalf;

  /** A generator whose first output is {@code mix64(initialState + GAMMA)}. */
  public SplitMix64(long initialState) {
    this.state = initialState;
  }

  /** The generator for bootstrap replicate {@code replicate} of a run seeded with {@code seed}. */
  public static SplitMix64 forReplicate(long seed, long replicate) {
    return new SplitMix64(mix64(seed + (replicate + 1) * GAMMA));
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += GAMMA;
    return mix64(state);
  }

  /**
   * A uniform integer in [0, bound), {@code bound >= 1}. Each 64-bit output supplies two 32-bit
   * halves (high half first), so most calls cost half a generator step.
   */
  public int nextInt(int bound) {
    // Lemire (2019): multiply 32 random bits by the bound and reject the few biased low products
    long m = next32() * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = next32() * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  private long next32() {
    if (hasHalf) {
      hasHalf = false;
      return half;
    }
    long r = nextLong();
    half = r & 0xFFFFFFFFL;
    hasHalf = true;
    return r >>> 32;
  }

  /** Stafford's "Mix13" finaliser used by SplitMix64: a bijection on 64-bit values. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
