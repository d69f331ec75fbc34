package dev.clinigate.internal.expr;

/**
 * The variables a host offers to conditions, checked when a condition is compiled. A promotion policy
 * offers metrics; a review policy would offer the fields of one inference.
 */
public interface Vocabulary {
  /**
   * The type of a reference.
   *
   * @throws ExprException (offset -1) naming what is wrong, e.g. an unknown metric
   */
  Type typeOf(Reference ref);

  /**
   * Checks a group aggregate such as {@code worst(ece by site)}; its type is always a number.
   *
   * @param function {@code worst} or {@code best}
   * @throws ExprException (offset -1) when the metric cannot be aggregated
   */
  void checkGroup(String function, Reference metric, String column);

  /**
   * The domain of a numeric reference, if it has one (a score or an AUROC lies in [0, 1]): a comparison
   * with a literal outside it is a load error, because it would hold for every input or for none.
   */
  default java.util.Optional<dev.clinigate.Domain> domain(Reference ref) {
    return java.util.Optional.empty();
  }
}
