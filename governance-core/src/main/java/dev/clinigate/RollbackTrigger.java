package dev.clinigate;

import dev.clinigate.json.JsonObject;

/** One trigger of a {@link RollbackPolicy}: a metric bound counted over windows, an SLO burn rate, or a risk-adjusted CUSUM. */
public sealed interface RollbackTrigger permits MetricTrigger, BurnRateTrigger, CusumTrigger {
  /** The trigger id, unique in its policy. */
  String id();

  /** What firing does. */
  Severity severity();

  /** The bound as JSON, as decisions report it. */
  JsonObject bound();
}
