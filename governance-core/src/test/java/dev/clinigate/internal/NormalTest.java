package dev.clinigate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalTest {
  /** {z, R's sprintf("%.17g", pnorm(z, lower.tail = FALSE))}. */
  private static final double[][] R = {
      {-8.00, 0.99999999999999933}, {-5.00, 0.99999971334842808}, {-3.00, 0.9986501019683699},
      {-1.50, 0.93319279873114191}, {-0.50, 0.69146246127401301}, {0.00, 0.5}, {0.30, 0.38208857781104733},
      {1.00, 0.15865525393145705}, {1.96, 0.024997895148220428}, {2.50, 0.0062096653257761349},
      {3.70, 0.00010779973347738828}, {5.00, 2.8665157187919391e-07}, {6.50, 4.0160005838591178e-11},
      {8.00, 6.2209605742717849e-16}, {10.00, 7.6198530241605269e-24}, {20.00, 2.7536241186062337e-89}};

  @Test
  void upperTail_matchesRPnorm() {
    for (double[] r : R) {
      assertEquals(r[1], Normal.upperTail(r[0]), 1e-13 * r[1], "z=" + r[0]);
    }
  }
}
