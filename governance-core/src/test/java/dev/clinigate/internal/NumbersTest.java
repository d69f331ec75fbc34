package dev.clinigate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void observed_threeSignificantDigits() {
    assertEquals("0.146", Numbers.observed(0.14612, 0.08));
    assertEquals("0.781", Numbers.observed(0.7809, 0.75));
  }

  @Test
  void observed_neverPrintsEqualToADifferentBound() {
    assertEquals("0.0804", Numbers.observed(0.0804, 0.08));
    assertEquals("0.07996", Numbers.observed(0.07996, 0.08));
    assertEquals("0.08", Numbers.observed(0.08, 0.08));
  }

  @Test
  void count_groupsThousandsWithoutLocale() {
    assertEquals("7,968", Numbers.count(7968));
    assertEquals("40,000", Numbers.count(40000));
    assertEquals("1,000,000", Numbers.count(1_000_000));
    assertEquals("62", Numbers.count(62));
  }

  @Test
  void plain_shortestDecimal() {
    assertEquals("0.05", Numbers.plain(0.05));
    assertEquals("100", Numbers.plain(100.0));
    assertEquals("0.00001", Numbers.plain(1e-5));
  }

  @Test
  void decimalDifference_isExactOnPrintedDecimals() {
    assertEquals(0.02, Numbers.decimalDifference(0.05, 0.03));
    assertEquals(0.016, Numbers.decimalDifference(0.781, 0.765));
  }
}
