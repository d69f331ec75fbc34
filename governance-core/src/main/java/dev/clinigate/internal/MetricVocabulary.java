package dev.clinigate.internal;

import dev.clinigate.Direction;
import dev.clinigate.MetricRef;
import dev.clinigate.internal.expr.ExprException;
import dev.clinigate.internal.expr.Reference;
import dev.clinigate.internal.expr.Type;
import dev.clinigate.internal.expr.Vocabulary;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The variables of promotion-policy conditions: every metric of the evidence, as
 * {@code name[@t][[column=value] | [feature]][.point|.lower95|.upper95]}, and the group aggregates
 * {@code worst(metric by column)} and {@code best(metric by column)}.
 */
public final class MetricVocabulary implements Vocabulary {
  /** The one instance. */
  public static final MetricVocabulary INSTANCE = new MetricVocabulary();

  private MetricVocabulary() {}

  /**
   * A reference resolved to a metric and, for {@code ece[site=east]}, the group.
   *
   * @param metric the metric (a drift metric carries its feature)
   * @param column the group column, when the reference selects a group
   * @param group the group value, when the reference selects a group
   */
  public record Target(MetricRef metric, Optional<String> column, Optional<String> group) {}

  /**
   * Resolves a reference.
   *
   * @throws ExprException (offset -1) naming what is wrong
   */
  public static Target target(Reference ref) {
    if (!MetricRef.allNames().contains(ref.name())) {
      throw ExprException.unknownName(-1, "unknown metric \"" + ref.name() + "\"", "known metrics: "
          + String.join(", ", MetricRef.allNames()), ref.name());
    }
    OptionalDouble threshold = OptionalDouble.empty();
    if (ref.at().isPresent()) {
      threshold = OptionalDouble.of(Double.parseDouble(ref.at().get()));
    }
    Optional<String> feature = Optional.empty();
    Optional<String> column = Optional.empty();
    Optional<String> group = Optional.empty();
    if (ref.selector().isPresent()) {
      String sel = ref.selector().get();
      int eq = sel.indexOf('=');
      if (eq >= 0) {
        String c = sel.substring(0, eq).strip();
        String g = sel.substring(eq + 1).strip();
        if (c.isEmpty() || g.isEmpty()) {
          throw new ExprException(-1, "selector [" + sel + "] needs a column and a group", "write e.g. ece[site=east]");
        }
        column = Optional.of(c);
        group = Optional.of(g);
      } else {
        feature = Optional.of(sel);
      }
    }
    MetricRef.Statistic statistic = MetricRef.Statistic.POINT;
    if (ref.qualifier().isPresent()) {
      statistic = switch (ref.qualifier().get()) {
        case "point" -> MetricRef.Statistic.POINT;
        case "lower95" -> MetricRef.Statistic.LOWER95;
        case "upper95" -> MetricRef.Statistic.UPPER95;
        default -> throw new ExprException(-1, "unknown statistic \"." + ref.qualifier().get() + "\" in "
            + ref.text(), "write .point, .lower95 or .upper95");
      };
    }
    MetricRef metric;
    try {
      metric = new MetricRef(ref.name(), threshold, feature, statistic);
    } catch (IllegalArgumentException e) {
      String hint = MetricRef.THRESHOLD_METRICS.contains(ref.name()) && threshold.isEmpty()
          ? "write " + ref.name() + "@0.5 (the decision threshold in [0, 1])"
          : feature.isPresent() ? "select a group with [column=value], e.g. " + ref.name() + "[site=east]" : "";
      throw new ExprException(-1, e.getMessage(), hint);
    }
    if (metric.isDriftMetric() && column.isPresent()) {
      throw new ExprException(-1, "drift metrics are per feature and have no groups", "write e.g. "
          + ref.name() + "[creatinine]");
    }
    if (metric.isDriftMetric() && feature.isEmpty()) {
      throw new ExprException(-1, ref.name() + " needs a feature in a condition", "write e.g. " + ref.name()
          + "[creatinine]");
    }
    return new Target(metric, column, group);
  }

  @Override
  public Type typeOf(Reference ref) {
    target(ref);
    return Type.NUMBER;
  }

  @Override
  public java.util.Optional<dev.clinigate.Domain> domain(Reference ref) {
    return dev.clinigate.Domain.ofMetric(target(ref).metric().name());
  }

  @Override
  public void checkGroup(String function, Reference metric, String column) {
    Target t = target(metric);
    if (t.column().isPresent() || t.metric().feature().isPresent()) {
      throw new ExprException(-1, function + "(...) takes a metric without a selector", "write " + function + "("
          + metric.name() + " by " + column + ")");
    }
    if (Direction.of(t.metric().name()) == Direction.NONE) {
      throw new ExprException(-1, function + "(...) needs a metric where higher or lower is better, and "
          + t.metric().name() + " is neither", "use min/max over groups explicitly, e.g. max("
          + metric.name() + "[site=east], " + metric.name() + "[site=west])");
    }
  }
}
