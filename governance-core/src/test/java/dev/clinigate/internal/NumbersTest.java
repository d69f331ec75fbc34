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
  void decimalDifference_isExactOnPrintedDecimals() {
    assertEquals(0.02, Numbers.decimalDifference(0.05, 0.03));
    assertEquals(0.016, Numbers.decimalDifference(0.781, 0.765));
  }
}
