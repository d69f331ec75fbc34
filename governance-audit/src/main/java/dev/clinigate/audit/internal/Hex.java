package dev.clinigate.audit.internal;

import java.util.HexFormat;

/** Lower-case hexadecimal ({@link HexFormat}), and the check of a SHA-256 written in it. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Lower-case hex of some bytes. */
  public static String of(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Whether {@code s} is 64 lower-case hex digits (a SHA-256). */
  public static boolean isSha256(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!HexFormat.isHexDigit(c) || Character.isUpperCase(c)) {
        return false;
      }
    }
    return true;
  }
}
