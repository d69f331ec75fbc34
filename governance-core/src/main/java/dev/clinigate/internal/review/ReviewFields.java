package dev.clinigate.internal.review;

import dev.clinigate.NumberText;
import dev.clinigate.Inference;
import dev.clinigate.ReviewerDecision;
import dev.clinigate.internal.expr.Compiled;
import dev.clinigate.internal.expr.ExprException;
import dev.clinigate.internal.expr.Reference;
import dev.clinigate.internal.expr.Resolver;
import dev.clinigate.internal.expr.Type;
import dev.clinigate.internal.expr.Value;
import dev.clinigate.internal.expr.Vocabulary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names review conditions may use, for type checking ({@link Vocabulary}), compiling
 * ({@link Compiled.Binder}) and explaining ({@link #resolver(Inference)}).
 *
 * <pre>
 * score                      number   the model's score (undefined when absent)
 * threshold[name]            number   a number from the policy's thresholds
 * output[label]              bool     the model's output is label (undefined when absent)
 * context[key]               number   a numeric context value (undefined when absent or not a number)
 * context[key=value]         bool     a text context value equals value (undefined when absent)
 * reviewed                   bool     a clinician has acted
 * decision[approve|override|reject|defer]  bool  the reviewer's decision (false when not reviewed)
 * role[name]                 bool     the reviewer's role (false when not reviewed)
 * rationale[code]            bool     the rationale's code (false when none)
 * </pre>
 *
 * Design note: review facts are false, not undefined, before a review, so that "decision[reject]" can
 * be tested on an unreviewed inference; model and context facts are undefined when absent, so that a rule
 * that needs them fails closed (BLOCK).
 */
public final class ReviewFields implements Vocabulary, Compiled.Binder<Inference> {
  /** Every name, for "did you mean". */
  public static final List<String> NAMES = List.of("score", "threshold", "output", "context", "reviewed", "decision",
      "role", "rationale");

  private final Map<String, Double> thresholds;

  /** Fields with the policy's thresholds. */
  public ReviewFields(Map<String, Double> thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public Type typeOf(Reference ref) {
    if (ref.at().isPresent() || ref.qualifier().isPresent()) {
      throw new ExprException(-1, "\"" + ref.text() + "\" is not a review field", "review fields take no '@' or '.'");
    }
    String name = ref.name();
    Optional<String> sel = ref.selector();
    switch (name) {
      case "score", "reviewed" -> {
        if (sel.isPresent()) {
          throw new ExprException(-1, name + " takes no selector", "write " + name);
        }
        return name.equals("score") ? Type.NUMBER : Type.BOOLEAN;
      }
      case "threshold" -> {
        String t = need(ref, "threshold[urgent]");
        if (!thresholds.containsKey(t)) {
          throw ExprException.unknownName(-1, "unknown threshold \"" + t + "\"", thresholds.isEmpty()
              ? "declare it under spec.thresholds" : "thresholds: " + String.join(", ", thresholds.keySet()), t);
        }
        return Type.NUMBER;
      }
      case "decision" -> {
        String d = need(ref, "decision[reject]");
        if (ReviewerDecision.parse(d).isEmpty()) {
          throw new ExprException(-1, "unknown decision \"" + d + "\"", "decisions: approve, override, reject, defer");
        }
        return Type.BOOLEAN;
      }
      case "output", "role", "rationale" -> {
        need(ref, name + "[...]");
        return Type.BOOLEAN;
      }
      case "context" -> {
        String s = need(ref, "context[age] or context[setting=ED]");
        return s.contains("=") ? Type.BOOLEAN : Type.NUMBER;
      }
      default -> throw ExprException.unknownName(-1, "unknown review field \"" + name + "\"",
          "review fields: " + String.join(", ", NAMES), name);
    }
  }

  private static String need(Reference ref, String example) {
    if (ref.selector().isEmpty() || ref.selector().get().isBlank()) {
      throw new ExprException(-1, ref.name() + " needs a selector", "write " + example);
    }
    return ref.selector().get();
  }

  @Override
  public void checkGroup(String function, Reference metric, String column) {
    throw new ExprException(-1, function + "(...) is not available in review conditions", "");
  }

  @Override
  public boolean isBoolean(Reference ref) {
    return typeOf(ref) == Type.BOOLEAN;
  }

  @Override
  public java.util.Optional<dev.clinigate.Domain> domain(Reference ref) {
    return ref.name().equals("score") && ref.selector().isEmpty() ? java.util.Optional.of(dev.clinigate.Domain.UNIT)
        : java.util.Optional.empty();
  }

  @Override
  public Compiled.Num<Inference> number(Reference ref) {
    if (ref.name().equals("score")) {
      return Inference::scoreOrNaN;
    }
    if (ref.name().equals("threshold")) {
      double v = thresholds.get(ref.selector().orElseThrow());
      return in -> v;
    }
    String key = ref.selector().orElseThrow().strip();
    return in -> {
      int i = in.contextIndex(key);
      return i < 0 ? Double.NaN : in.contextNumberAt(i);
    };
  }

  @Override
  public Compiled.Bool<Inference> bool(Reference ref) {
    String sel = ref.selector().map(String::strip).orElse("");
    switch (ref.name()) {
      case "reviewed" -> {
        return in -> in.reviewed() ? 1 : 0;
      }
      case "output" -> {
        return in -> {
          String o = in.outputOrNull();
          return o == null ? -1 : o.equals(sel) ? 1 : 0;
        };
      }
      case "decision" -> {
        ReviewerDecision d = ReviewerDecision.parse(sel).orElseThrow();
        return in -> in.review().isPresent() && in.review().get().decision().orElse(null) == d ? 1 : 0;
      }
      case "role" -> {
        return in -> in.review().isPresent() && sel.equals(in.review().get().role().orElse(null)) ? 1 : 0;
      }
      case "rationale" -> {
        return in -> in.review().isPresent() && in.review().get().rationale().isPresent()
            && in.review().get().rationale().get().code().equals(sel) ? 1 : 0;
      }
      default -> {
        int eq = sel.indexOf('=');
        String key = sel.substring(0, eq).strip();
        String want = sel.substring(eq + 1).strip();
        return in -> {
          int i = in.contextIndex(key);
          if (i < 0) {
            return -1;
          }
          String t = in.contextTextAt(i);
          if (t == null) {
            return NumberText.plain(in.contextNumberAt(i)).equals(want) ? 1 : 0;
          }
          return t.equals(want) ? 1 : 0;
        };
      }
    }
  }

  /** Values for explanations (the slow path). */
  public Resolver resolver(Inference in) {
    return new Resolver() {
      @Override
      public Value value(Reference ref) {
        if (isBoolean(ref)) {
          int v = bool(ref).test(in);
          return v < 0 ? Value.undefined(ref.text() + " is missing from the inference") : Value.of(v == 1);
        }
        double d = number(ref).value(in);
        return Double.isNaN(d) ? Value.undefined(ref.text() + " is missing from the inference") : Value.of(d);
      }

      @Override
      public Value group(String function, Reference metric, String column) {
        return Value.undefined(function + "(...) is not available");
      }
    };
  }
}
