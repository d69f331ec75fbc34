package dev.clinigate.audit.internal;

/** Lower-case hexadecimal. */
public final class Hex {
  private Hex() {}

  /** Lower-case hex of some bytes. */
  public static String of(byte[] bytes) {
    StringBuilder b = new StringBuilder(bytes.length * 2);
    for (byte x : bytes) {
      b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return b.toString();
  }

  /** Whether {@code s} is 64 lower-case hex digits (a SHA-256). */
  public static boolean isSha256(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
