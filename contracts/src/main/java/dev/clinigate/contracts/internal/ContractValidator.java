package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import dev.clinigate.metrics.DriftMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The semantic checks of a data contract, beyond what its JSON Schema can say: cross-references
 * between keys and combinations that cannot be evaluated. Every finding carries the JSON path of the
 * offending key, so that a YAML loader can locate it at {@code file:line:col}; all are collected.
 */
public final class ContractValidator {
  private ContractValidator() {}

  /**
   * One problem in a contract.
   *
   * @param path JSON path of the offending key, e.g. {@code $.spec.features[2].drift.method}
   * @param message what is wrong
   * @param hint what to do, or ""
   */
  public record Finding(String path, String message, String hint) {}

  /** Path of feature {@code i}. */
  public static String featurePath(int i) {
    return "$.spec.features[" + i + "]";
  }

  /** Every semantic problem of the given contract parts, in declaration order. */
  public static List<Finding> check(List<Feature> features, List<String> primaryKey,
      Optional<DataContract.Freshness> freshness) {
    List<Finding> out = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      Integer first = index.putIfAbsent(f.name(), i);
      if (first != null) {
        out.add(new Finding(featurePath(i) + ".name", "feature \"" + f.name() + "\" is declared twice (features["
            + first + "] and features[" + i + "])", "remove or rename one of them"));
      } else {
        names.add(f.name());
      }
    }
    for (int i = 0; i < features.size(); i++) {
      checkFeature(features.get(i), featurePath(i), index, names, features, out);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < primaryKey.size(); i++) {
      String c = primaryKey.get(i);
      String path = "$.spec.primaryKey[" + i + "]";
      if (!seen.add(c)) {
        out.add(new Finding(path, "primary key column \"" + c + "\" is listed twice", "list each column once"));
      } else if (!index.containsKey(c)) {
        out.add(new Finding(path, "primary key column \"" + c + "\" is not a declared feature",
            Hints.didYouMean(c, names)));
      }
    }
    freshness.ifPresent(fr -> {
      Integer i = index.get(fr.column());
      if (i == null) {
        out.add(new Finding("$.spec.freshness.column", "freshness column \"" + fr.column()
            + "\" is not a declared feature", Hints.didYouMean(fr.column(), names)));
      } else {
        Type t = features.get(i).type();
        if (t != Type.DATE && t != Type.TIMESTAMP) {
          out.add(new Finding("$.spec.freshness.column", "freshness column \"" + fr.column() + "\" is "
              + t.yamlName() + ", but freshness needs a date or timestamp column",
              "declare the column with type: timestamp or type: date"));
        }
      }
    });
    return out;
  }

  private static void checkFeature(Feature f, String path, Map<String, Integer> index, List<String> names,
      List<Feature> features, List<Finding> out) {
    String quoted = "\"" + f.name() + "\"";
    if (f.range().isPresent() && !f.numeric()) {
      out.add(new Finding(path + ".range", "range applies to integer and number features, but " + quoted + " is "
          + f.type().yamlName(), "remove range, or declare type: number"));
    }
    if (f.numeric() || f.type() == Type.BOOLEAN) {
      for (int j = 0; j < f.allowed().size(); j++) {
        String v = f.allowed().get(j);
        boolean ok = f.numeric() ? !Double.isNaN(Numbers.parseDouble(v)) : Values.parseBoolean(v) >= 0;
        if (ok && f.type() == Type.INTEGER) {
          ok = Numbers.isInteger(v.toCharArray(), 0, v.length());
        }
        if (!ok) {
          out.add(new Finding(path + ".allowed[" + j + "]", "allowed value \"" + v + "\" is not " + article(f.type())
              + ", but " + quoted + " is " + f.type().yamlName(), "list values of the feature's type"));
        }
      }
    }
    f.pattern().ifPresent(p -> {
      try {
        Pattern.compile(p);
        int nested = PatternSafety.nestedRepetition(p);
        if (nested >= 0) {
          out.add(new Finding(path + ".pattern", "pattern nests a repetition inside a repeated group (near index "
              + nested + "), which can take exponential time on long values",
              "rewrite it without the nesting, e.g. (a+)+ as a+ and (\\d+,?)* as [\\d,]*"));
        }
      } catch (PatternSyntaxException e) {
        out.add(new Finding(path + ".pattern", "invalid pattern: " + e.getDescription()
            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
            "patterns are Java regular expressions matched against the whole value, e.g. \"[A-Z]{3}-[0-9]+\""));
      }
    });
    f.drift().ifPresent(d -> checkDrift(f, d, path + ".drift", quoted, out));
    f.maxMissingBy().ifPresent(m -> {
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < m.columns().size(); j++) {
        String c = m.columns().get(j);
        String p = path + ".maxMissingBy.column[" + j + "]";
        Integer gi = index.get(c);
        if (!seen.add(c)) {
          out.add(new Finding(p, "grouping column \"" + c + "\" is listed twice", "list each column once"));
        } else if (gi == null) {
          out.add(new Finding(p, "grouping column \"" + c + "\" is not a declared feature", Hints.didYouMean(c, names)));
        } else if (c.equals(f.name())) {
          out.add(new Finding(p, quoted + " cannot be grouped by itself: its missing rows have no group",
              "group by another column, e.g. site"));
        } else if (features.get(gi).phi()) {
          out.add(new Finding(p, "grouping column \"" + c + "\" is phi: its values would name the groups in reports",
              "group by a column that is not phi"));
        }
      }
    });
  }

  private static void checkDrift(Feature f, Feature.Drift d, String path, String quoted, List<Finding> out) {
    Type t = f.type();
    boolean numeric = f.numeric();
    boolean categorical = t == Type.CATEGORY || t == Type.BOOLEAN;
    if (f.phi()) {
      out.add(new Finding(path, "drift is not allowed on the phi column " + quoted
          + ": its reference profile would store the column's values", "remove drift, or phi if the column is not PHI"));
    } else if (!numeric && !categorical) {
      out.add(new Finding(path, "drift needs a numeric or categorical feature, but " + quoted + " is " + t.yamlName(),
          "declare type: number, integer, category or boolean"));
    } else if (numeric && d.method() == DriftMethod.CHI2) {
      out.add(new Finding(path + ".method", d.method().id() + " applies to categorical features, but " + quoted
          + " is " + t.yamlName(), "use psi, ks, wasserstein or js_distance for a numeric feature"));
    } else if (categorical && (d.method() == DriftMethod.KS || d.method() == DriftMethod.WASSERSTEIN)) {
      out.add(new Finding(path + ".method", d.method().id() + " applies to numeric features, but " + quoted
          + " is " + t.yamlName(), "use psi, js_distance or chi2 for a categorical feature"));
    } else if (d.bins().isPresent() && !(numeric && (d.method() == DriftMethod.PSI
        || d.method() == DriftMethod.JS_DISTANCE))) {
      out.add(new Finding(path + ".bins", "bins applies to psi and js_distance on numeric features",
          "remove bins: categories are their own bins, and " + d.method().id() + " does not bin"));
    }
  }

  private static String article(Type t) {
    switch (t) {
      case INTEGER:
        return "an integer";
      case BOOLEAN:
        return "a boolean";
      default:
        return "a number";
    }
  }
}
