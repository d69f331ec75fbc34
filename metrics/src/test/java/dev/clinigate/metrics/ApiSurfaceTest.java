package dev.clinigate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API (root package) never exposes implementation types from {@code .internal}. */
class ApiSurfaceTest {
  static final List<Class<?>> PUBLIC_TYPES = List.of(BinaryMetrics.class, BinaryMetrics.Builder.class,
      MetricsReport.class, SubsetMetrics.class, MetricValue.class, MetricValue.Defined.class,
      MetricValue.Undefined.class, MetricsOptions.class, ThresholdMetrics.class, Calibration.class,
      CalibrationBin.class, Interval.class, GroupColumn.class, GroupMetrics.class, MetricsComparison.class,
      MetricsComparison.Builder.class, MetricDifference.class, StreamingMetricsState.class,
      ExactMetricsState.class, EstimatedPerformance.class, EstimatedPerformance.AtThreshold.class, Curves.class,
      Curves.Point.class, Curves.NetBenefit.class, DriftBins.class);

  @Test
  void publicSignatures_mentionNoInternalType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : PUBLIC_TYPES) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          check(c.getSimpleName() + "." + m.getName(), m.getGenericReturnType(), leaks);
          for (Type t : m.getGenericParameterTypes()) {
            check(c.getSimpleName() + "." + m.getName(), t, leaks);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(c.getSimpleName() + ".<init>", t, leaks);
          }
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  private static void check(String where, Type t, List<String> leaks) {
    if (t.getTypeName().contains(".internal.")) {
      leaks.add(where + ": " + t.getTypeName());
    }
  }
}
