package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberTextTest {
  @Test
  void plain_shortestRoundTripDecimal() {
    assertEquals("0.05", NumberText.plain(0.05));
    assertEquals("100", NumberText.plain(100));
    assertEquals("0.00001", NumberText.plain(0.00001));
    assertEquals("NaN", NumberText.plain(Double.NaN));
  }

  @Test
  void significant_halfEvenFromTheShortestDecimal() {
    assertEquals("0.1464", NumberText.significant(0.14637, 4));
    assertEquals("48.7", NumberText.significant(48.7012, 4));
    // 0.0825 is the decimal 0.0825 here, not the binary value just below it
    assertEquals("0.082", NumberText.significant(0.0825, 2));
    assertEquals("0.084", NumberText.significant(0.0835, 2));
    assertEquals("-0.3112", NumberText.significant(-0.31119, 4));
    assertEquals("0", NumberText.significant(0.0, 3));
  }

  @Test
  void count_thousandsSeparatorsWhateverTheLocale() {
    assertEquals("7,968", NumberText.count(7968));
    assertEquals("-1,200", NumberText.count(-1200));
    assertEquals("999", NumberText.count(999));
    assertEquals("40,000", NumberText.count(40000));
    assertEquals("1,000,000", NumberText.count(1_000_000));
  }
}
