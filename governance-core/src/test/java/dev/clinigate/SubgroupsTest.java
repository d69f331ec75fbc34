package dev.clinigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SubgroupsTest {

  @Test
  void rileyMinimumSize_matchesR() {
    // R: f <- function(phi, w) ceiling((1 - phi) / (phi * (asinh(w / 2) / qnorm(0.975))^2))
    assertEquals(386, Subgroups.rileyMinimumSize(0.5, 0.2));
    assertEquals(1538, Subgroups.rileyMinimumSize(0.5, 0.1));
    assertEquals(7324, Subgroups.rileyMinimumSize(0.05, 0.2));
    assertEquals(29220, Subgroups.rileyMinimumSize(0.05, 0.1));
    assertEquals(1993, Subgroups.rileyMinimumSize(308.0 / 1900, 0.2));
    assertEquals(19689, Subgroups.rileyMinimumSize(96.0 / 5000, 0.2));
    assertEquals(Long.MAX_VALUE, Subgroups.rileyMinimumSize(0.0, 0.2));
  }

  @Test
  void constructor_bothFixedAndRiley_rejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Subgroups(List.of("site"),
        OptionalLong.of(100), OptionalDouble.of(0.2), OptionalLong.empty()));
    assertEquals("minGroupSize is either a number or Riley's criterion, not both", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Subgroups(List.of("site"), OptionalLong.empty(),
        OptionalDouble.empty(), OptionalLong.of(0)));
    assertEquals("minEvents must be at least 1, found 0", e.getMessage());
  }
}
