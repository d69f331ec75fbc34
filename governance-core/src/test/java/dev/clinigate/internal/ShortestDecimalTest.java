package dev.clinigate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Canonical numbers are the same text on every JVM. The golden strings are what JDK 19+'s
 * {@code Double.toString} prints (Schubfach); JDK 17 prints some of them differently (noted), which is why
 * clinigate renders numbers itself. The exact search below is an independent reference that runs on any JDK.
 */
class ShortestDecimalTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "4950912855330343670|1.0E23",                  // 1e23; JDK 17: 9.999999999999999E22
      "4955416454957714166|2.0E23",                  // 2e23; JDK 17: 1.9999999999999998E23
      "4934958393344299186|8.41E21",                 // JDK 17: 8.409999999999999E21
      "4851147721297393604|2.109808898695963E16",    // JDK 17: 2.1098088986959632E16 (not shortest)
      "20|9.9E-323",                                 // 20 * MIN_VALUE; JDK 17: 1.0E-322
      "2|9.9E-324",                                  // 2 * MIN_VALUE; JDK 17: 1.0E-323
      "4|2.0E-323",                                  // 2e-323
      "3|1.5E-323",
      "1|4.9E-324",                                  // Double.MIN_VALUE (5e-324)
      "9218868437227405311|1.7976931348623157E308",  // Double.MAX_VALUE
      "4503599627370496|2.2250738585072014E-308",    // Double.MIN_NORMAL
      "4845873199050653696|9.007199254740992E15",    // 9007199254740993 rounds to 2^53
      "4845873199050653697|9.007199254740994E15",    // 2^53 + 2
      "4599075939470750516|0.30000000000000004",     // 0.1 + 0.2
      "4599075939470750515|0.3",
      "4532020583610935537|1.0E-5",
      "4547007122018943789|1.0E-4",
      "4562254508917369340|0.001",
      "4566758108544739836|0.002",
      "4636737291354636288|100.0",
      "4711630319722168320|1.0E7",
      "4698053236609777664|1234567.0",
      "4936209963552724370|1.0E22",
      "4862596447618666293|1.2345678901234568E17",
      "4607632778762754458|1.1",
      "4616583683022153318|4.35",
      "4607182418800017408|1.0",
      "0|0.0",
      "-9223372036854775808|-0.0",                   // Json.number(JsonNumber) never sees -0.0: JsonNumber stores 0.0
      "-4616189618054758400|-1.0",
      "9218868437227405312|Infinity",
      "-4503599627370496|-Infinity",
      "9221120237041090560|NaN"})
  void toString_trickyDoubles_printTheirGoldenText(long bits, String expected) {
    double d = Double.longBitsToDouble(bits);
    assertEquals(expected, ShortestDecimal.toString(d));
    if (Double.isFinite(d)) {
      assertEquals(d, Double.parseDouble(expected), "round trip");
      assertEquals(expected, Json.number(d));
    }
  }

  /** Golden strings: what String.format(Locale.ROOT, "%.4f" / "%.1f" / "%.4g") prints on JDK 19+. */
  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource(delimiter = '|', value = {
      "4950912855330343670|100000000000000000000000.0000|100000000000000000000000.0|1.000e+23", // JDK 17: 9999...
      "4955416454957714166|200000000000000000000000.0000|200000000000000000000000.0|2.000e+23",
      "4934958393344299186|8410000000000000000000.0000|8410000000000000000000.0|8.410e+21",
      "4599075939470750516|0.3000|0.3|0.3000",
      "4851147721297393604|21098088986959630.0000|21098088986959630.0|2.110e+16",
      "4593559930647147132|0.1235|0.1|0.1235",
      "4542503522391573293|0.0001|0.0|5.000e-05",
      "-4691351453243840271|-0.0000|-0.0|-1.000e-05",
      "-9223372036854775808|-0.0000|-0.0|-0.000",
      "0|0.0000|0.0|0.000",
      "4601899696437111816|0.4568|0.5|0.4568",
      "4681608017286791168|99995.0000|99995.0|1.000e+05",
      "20|0.0000|0.0|9.900e-323",
      "4547006753084062314|0.0001|0.0|0.0001000",
      "4584592363069127000|0.0310|0.0|0.03100",
      "4609434218613702656|1.5000|1.5|1.500"})
  void fixedAndSignificant_printAsJdk19FormatterOnEveryJvm(long bits, String f4, String f1, String g4) {
    double d = Double.longBitsToDouble(bits);
    assertEquals(f4, Json.fixed(d, 4));
    assertEquals(f1, Json.fixed(d, 1));
    assertEquals(g4, Json.significant(d, 4));
  }

  @Test
  void jsonNumber_negativeZero_rendersAsZero() {
    assertEquals("0.0", Json.canonical(JsonNumber.of(-0.0)));
    assertEquals(Json.sha256(JsonNumber.of(0.0)), Json.sha256(JsonNumber.of(-0.0)));
  }

  @Test
  void canonical_evidenceHolding1e23_hashesTheSameOnEveryJvm() {
    // the SHA-256 of {"x":1.0E23}: JDK 17's Double.toString would give {"x":9.999999999999999E22}
    String canonical = Json.canonical(Json.parse("{\"x\": 1e23, \"y\": 2e-323}", "t").root());
    assertEquals("{\"x\":1.0E23,\"y\":2.0E-323}", canonical);
  }

  @Test
  void floorLog10Pow2_isExactOverTheWholeExponentRange() {
    for (int q = -1100; q <= 1100; q++) {
      int k = ShortestDecimal.floorLog10Pow2(q);
      BigDecimal p = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(q)));
      BigDecimal twoQ = q >= 0 ? p : BigDecimal.ONE.divide(p);
      assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k).compareTo(twoQ) <= 0, "10^k <= 2^q at q=" + q);
      assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k + 1).compareTo(twoQ) > 0, "2^q < 10^(k+1) at q=" + q);
    }
  }

  @Test
  void toString_randomAndEdgeDoubles_matchAnExactSearch() {
    SplittableRandom r = new SplittableRandom(20261204);
    for (int i = 0; i < 6_000; i++) {
      double d = switch (i % 4) {
        case 0 -> Double.longBitsToDouble(r.nextLong());
        case 1 -> Double.longBitsToDouble(r.nextLong(1, 1L << 52));               // subnormal
        case 2 -> Double.parseDouble(r.nextInt(1, 100_000) + "E" + r.nextInt(-330, 310)); // short decimals
        default -> Double.longBitsToDouble((long) r.nextInt(1, 2047) << 52 | r.nextLong(0, 3)); // powers of two
      };
      if (Double.isFinite(d) && d != 0) {
        assertEquals(reference(Math.abs(d)), ShortestDecimal.toString(Math.abs(d)),
            "bits " + Double.doubleToRawLongBits(d));
      }
    }
    for (long t = 1; t < 300; t++) { // the smallest subnormals, where the 1-or-2-digit rule matters
      double d = Double.longBitsToDouble(t);
      assertEquals(reference(d), ShortestDecimal.toString(d), "subnormal " + t);
    }
  }

  /**
   * The specification, by brute force on exact decimals: the shortest decimals in the rounding interval
   * (1 or 2 digits when 1 digit suffices), the one closest to the double, an even last digit on a tie.
   */
  private static String reference(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int bq = (int) (bits >>> 52) & 0x7FF;
    long c = bq == 0 ? bits & ((1L << 52) - 1) : (1L << 52) | (bits & ((1L << 52) - 1));
    int q = bq == 0 ? -1074 : bq - 1075;
    BigDecimal x = new BigDecimal(v);
    BigDecimal quarter = q - 2 >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(q - 2))
        : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(2 - q)));
    long cl = c == (1L << 52) && bq > 1 ? 4 * c - 1 : 4 * c - 2;
    BigDecimal lo = quarter.multiply(BigDecimal.valueOf(cl));
    BigDecimal hi = quarter.multiply(BigDecimal.valueOf(4 * c + 2));
    boolean closed = (c & 1) == 0;
    BigDecimal best = null;
    for (int n = 1; n <= 17 && best == null; n++) {
      int digits = n == 1 ? 2 : n; // the 1-or-2-digit rule: length-1 decimals are also 2-digit ones
      boolean anyAtN = false;
      for (BigDecimal cand : new BigDecimal[] {
          x.round(new MathContext(n, RoundingMode.FLOOR)), x.round(new MathContext(n, RoundingMode.CEILING))}) {
        anyAtN |= inside(cand, lo, hi, closed);
      }
      if (!anyAtN) {
        continue;
      }
      for (BigDecimal cand : new BigDecimal[] {
          x.round(new MathContext(digits, RoundingMode.FLOOR)), x.round(new MathContext(digits, RoundingMode.CEILING))}) {
        if (!inside(cand, lo, hi, closed)) {
          continue;
        }
        if (best == null) {
          best = cand;
          continue;
        }
        int cmp = cand.subtract(x).abs().compareTo(best.subtract(x).abs());
        if (cmp < 0 || cmp == 0 && cand.unscaledValue().mod(BigInteger.TEN).intValue() % 2 == 0) {
          best = cand;
        }
      }
    }
    BigDecimal s = best.stripTrailingZeros();
    String digits = s.unscaledValue().toString();
    int exp = digits.length() - 1 - s.scale();
    if (exp >= -3 && exp < 7) {
      String plain = s.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    return digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "E" + exp;
  }

  private static boolean inside(BigDecimal d, BigDecimal lo, BigDecimal hi, boolean closed) {
    int a = d.compareTo(lo);
    int b = d.compareTo(hi);
    return closed ? a >= 0 && b <= 0 : a > 0 && b < 0;
  }
}
