package dev.clinigate.dsl.internal;

import dev.clinigate.Durations;
import dev.clinigate.dsl.PolicyChange;
import dev.clinigate.dsl.PolicyChange.Effect;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code spec} changes of the two post-deployment policy kinds, classified for {@code PolicyDiff}.
 *
 * <p>Design note. "Looser" means the policy acts in fewer situations. For a {@code RollbackPolicy} that is
 * a trigger that fires later or never (a higher maximum for an upper bound, more windows needed, a longer
 * burn-rate window, a higher CUSUM {@code h}, a lower severity, a removed trigger, a higher {@code minCases}
 * that leaves more windows unjudged). For a {@code ReviewPolicy} it is less human oversight: a required field
 * removed, a route with less oversight (AUTO &lt; REVIEW &lt; SECONDARY_REVIEW &lt; BLOCK), more roles allowed to
 * approve, or a threshold change that widens a rule whose route has less oversight than every route after it
 * (the first rule that holds decides, so a widened rule takes inferences only from the rules after it and the
 * default). Where the effect depends on more than the documents say (a changed condition or metric, reordered
 * rules, a new rule before others, a different version to roll back to) the change is neutral and flagged for
 * review.
 */
public final class LifecycleDiff {
  private static final List<String> SEVERITIES = List.of("alert", "reapprove", "rollback");
  private static final List<String> ROUTES = List.of("AUTO", "REVIEW", "SECONDARY_REVIEW", "BLOCK");

  private final List<PolicyChange> changes = new ArrayList<>();

  private LifecycleDiff() {}

  /** The changes between the {@code spec} objects of two canonical rollback policies, in document order. */
  public static List<PolicyChange> rollback(JsonObject a, JsonObject b) {
    LifecycleDiff d = new LifecycleDiff();
    changed(a, b, (k, x, y) -> {
      switch (k) {
        case "triggers" -> d.triggers("triggers", arr(x), arr(y));
        case "probation" -> d.probation(x, y);
        case "minCases" -> d.number(k, x, y, -1, "leaves more small windows unjudged",
            "judges more small windows");
        case "inconclusiveLimit" -> d.inconclusiveLimit(x, y);
        case "cooldown" -> d.add(k, Effect.NEUTRAL, false, x, y, "a breach of the version rolled back to within the "
            + "cooldown disables the model instead of rolling back again: both act");
        case "lastKnownGood" -> d.review(k, x, y, "a different version to roll back to: check that it was approved");
        default -> d.review(k, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
      }
    });
    return d.changes;
  }

  /** The changes between the {@code spec} objects of two canonical review policies, in document order. */
  public static List<PolicyChange> review(JsonObject a, JsonObject b) {
    LifecycleDiff d = new LifecycleDiff();
    changed(a, b, (k, x, y) -> {
      switch (k) {
        case "require", "requireWhenReviewed" -> d.fields(k, arr(x), arr(y));
        case "thresholds" -> d.thresholds(obj(x), obj(y), a, b);
        case "rules" -> d.reviewRules(arr(x), arr(y), a, b);
        case "default" -> d.ranked(k, x, y, ROUTES, "the default route has more oversight",
            "the default route has less oversight");
        case "defaultApprovers" -> d.approvers(k, arr(x), arr(y), b.get("default").map(LifecycleDiff::plain).orElse(""));
        default -> d.review(k, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
      }
    });
    return d.changes;
  }

  // ------------------------------------------------------------------------------------------------------
  // rollback policies

  private void triggers(String path, JsonArray a, JsonArray b) {
    Map<String, JsonObject> before = byId(a);
    Map<String, JsonObject> after = byId(b);
    for (Map.Entry<String, JsonObject> e : after.entrySet()) {
      String p = path + "[" + e.getKey() + "]";
      JsonObject t = e.getValue();
      JsonObject old = before.get(e.getKey());
      if (old == null) {
        String sev = severity(t);
        if (sev.equals("alert")) {
          add(p, Effect.NEUTRAL, false, Optional.empty(), Optional.of(t), "a new alert (it notifies, never acts)");
        } else {
          add(p, Effect.TIGHTENING, false, Optional.empty(), Optional.of(t), sev.equals("reapprove")
              ? "a new trigger that can force re-approval" : "a new trigger that can roll back");
        }
      } else if (!old.equals(t)) {
        trigger(p, old, t);
      }
    }
    for (Map.Entry<String, JsonObject> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        String p = path + "[" + e.getKey() + "]";
        if (severity(e.getValue()).equals("alert")) {
          add(p, Effect.NEUTRAL, false, Optional.of(e.getValue()), Optional.empty(), "a removed alert (it never acted)");
        } else {
          add(p, Effect.LOOSENING, false, Optional.of(e.getValue()), Optional.empty(), "a removed trigger no longer acts");
        }
      }
    }
    List<String> common = new ArrayList<>(after.keySet());
    common.retainAll(before.keySet());
    List<String> oldOrder = new ArrayList<>(before.keySet());
    oldOrder.retainAll(after.keySet());
    if (!common.equals(oldOrder)) {
      add(path, Effect.NEUTRAL, false, Optional.of(JsonArray.ofStrings(oldOrder)), Optional.of(JsonArray.ofStrings(common)),
          "triggers reordered: results are reported in the new order");
    }
  }

  private void trigger(String path, JsonObject a, JsonObject b) {
    boolean alertOnly = severity(a).equals("alert") && severity(b).equals("alert");
    changed(a, b, (k, x, y) -> {
      String p = path + "." + k;
      if (k.equals("severity")) {
        ranked(p, x, y, SEVERITIES, "a firing now does more (alert < reapprove < rollback)",
            "a firing now does less (alert < reapprove < rollback)");
      } else if (k.equals("metric")) {
        review(p, x, y, "a different metric: review by hand");
      } else if (alertOnly) {
        add(p, Effect.NEUTRAL, false, x, y, "the trigger is an alert: it notifies, never acts");
      } else {
        switch (k) {
          case "min" -> bound(p, x, y, 1);
          case "max" -> bound(p, x, y, -1);
          case "consecutiveWindows", "failuresInLast" -> {
            if (x.isEmpty() || y.isEmpty()) {
              review(p, x, y, "a different way of counting breaching windows: review by hand");
            } else if (k.equals("consecutiveWindows")) {
              number(p, x, y, -1, "needs more breaching windows in a row to fire", "fires after fewer breaching windows");
            } else {
              JsonObject fa = obj(x);
              JsonObject fb = obj(y);
              if (!fa.get("k").equals(fb.get("k"))) {
                number(p + ".k", fa.get("k"), fb.get("k"), -1, "needs more breaching windows to fire",
                    "fires after fewer breaching windows");
              }
              if (!fa.get("of").equals(fb.get("of"))) {
                number(p + ".of", fa.get("of"), fb.get("of"), 1, "counts breaches over more windows",
                    "counts breaches over fewer windows");
              }
            }
          }
          case "onUndefined" -> ranked(p, x, y, List.of("inconclusive", "breach"),
              "an undefined value now counts as a breach (fail closed)", "an undefined value no longer counts as a breach");
          case "burnRate" -> burnRate(p, obj(x), obj(y));
          case "cusum" -> cusum(p, obj(x), obj(y));
          default -> review(p, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
        }
      }
    });
  }

  private void bound(String path, Optional<JsonValue> x, Optional<JsonValue> y, int sense) {
    String key = sense > 0 ? "min" : "max";
    if (x.isEmpty()) {
      add(path, Effect.TIGHTENING, false, x, y, "a new " + key + " bound");
    } else if (y.isEmpty()) {
      add(path, Effect.LOOSENING, false, x, y, "the " + key + " bound is removed");
    } else {
      number(path, x, y, sense, "a higher " + key + " fires " + (sense > 0 ? "sooner" : "later"),
          "a lower " + key + " fires " + (sense > 0 ? "later" : "sooner"));
    }
  }

  private void burnRate(String path, JsonObject a, JsonObject b) {
    changed(a, b, (k, x, y) -> {
      String p = path + "." + k;
      switch (k) {
        case "objective" -> number(p, x, y, 1, "a higher objective leaves a smaller error budget",
            "a lower objective leaves a larger error budget");
        case "rate" -> number(p, x, y, -1, "a higher burn rate is needed to fire", "a lower burn rate fires");
        case "long", "short" -> number(p, x, y, -1, "a longer window dilutes a burst of errors",
            "a shorter window reacts to a burst of errors sooner");
        default -> review(p, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
      }
    });
  }

  private void cusum(String path, JsonObject a, JsonObject b) {
    changed(a, b, (k, x, y) -> {
      String p = path + "." + k;
      if (k.equals("h")) {
        number(p, x, y, -1, "a higher h needs more excess events to fire", "a lower h fires on fewer excess events");
      } else {
        review(p, x, y, "a different " + k + " changes what the CUSUM detects: review by hand");
      }
    });
  }

  private void probation(Optional<JsonValue> x, Optional<JsonValue> y) {
    if (x.isEmpty() || y.isEmpty()) {
      add("probation", x.isEmpty() ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
          x.isEmpty() ? "a new version is judged by stricter triggers first" : "no probation for a new version any more");
      return;
    }
    JsonObject a = obj(x);
    JsonObject b = obj(y);
    if (!a.get("windows").equals(b.get("windows"))) {
      number("probation.windows", a.get("windows"), b.get("windows"), 1, "a longer probation",
          "a shorter probation");
    }
    if (!a.get("triggers").equals(b.get("triggers"))) {
      triggers("probation.triggers", arr(a.get("triggers")), arr(b.get("triggers")));
    }
  }

  private void inconclusiveLimit(Optional<JsonValue> x, Optional<JsonValue> y) {
    if (x.isEmpty() || y.isEmpty()) {
      add("inconclusiveLimit", x.isEmpty() ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
          x.isEmpty() ? "windows that cannot be judged now fire" : "windows that cannot be judged no longer fire");
      return;
    }
    JsonObject a = obj(x);
    JsonObject b = obj(y);
    if (!a.get("windows").equals(b.get("windows"))) {
      number("inconclusiveLimit.windows", a.get("windows"), b.get("windows"), -1,
          "more unjudged windows in a row are needed to fire", "fewer unjudged windows in a row fire");
    }
    if (!a.get("severity").equals(b.get("severity"))) {
      ranked("inconclusiveLimit.severity", a.get("severity"), b.get("severity"), SEVERITIES,
          "a firing now does more (alert < reapprove < rollback)", "a firing now does less (alert < reapprove < rollback)");
    }
  }

  private static String severity(JsonObject t) {
    return t.get("severity").map(LifecycleDiff::plain).orElse("rollback");
  }

  // ------------------------------------------------------------------------------------------------------
  // review policies

  private void fields(String key, JsonArray a, JsonArray b) {
    Set<JsonValue> sa = new LinkedHashSet<>(a.elements());
    Set<JsonValue> sb = new LinkedHashSet<>(b.elements());
    for (JsonValue v : sb) {
      if (!sa.contains(v)) {
        add(key, Effect.TIGHTENING, false, Optional.empty(), Optional.of(v), "a new required field (its absence blocks)");
      }
    }
    for (JsonValue v : sa) {
      if (!sb.contains(v)) {
        add(key, Effect.LOOSENING, false, Optional.of(v), Optional.empty(), "a required field removed (its absence no "
            + "longer blocks)");
      }
    }
    if (sa.equals(sb)) {
      add(key, Effect.NEUTRAL, false, Optional.of(a), Optional.of(b), "same fields, new order");
    }
  }

  private void approvers(String path, JsonArray a, JsonArray b, String route) {
    if (route.equals("AUTO") || route.equals("BLOCK")) {
      add(path, Effect.NEUTRAL, false, Optional.of(a), Optional.of(b), "approvers do not apply to route " + route);
      return;
    }
    if (a.elements().isEmpty() || b.elements().isEmpty()) {
      boolean narrowed = a.elements().isEmpty();
      add(path, narrowed ? Effect.TIGHTENING : Effect.LOOSENING, false, Optional.of(a), Optional.of(b), narrowed
          ? "only the named roles may approve (any role could)" : "any role may approve now");
      return;
    }
    for (JsonValue v : b.elements()) {
      if (!a.elements().contains(v)) {
        add(path, Effect.LOOSENING, false, Optional.empty(), Optional.of(v), "a new role may approve");
      }
    }
    for (JsonValue v : a.elements()) {
      if (!b.elements().contains(v)) {
        add(path, Effect.TIGHTENING, false, Optional.of(v), Optional.empty(), "a role may no longer approve");
      }
    }
    if (new LinkedHashSet<>(a.elements()).equals(new LinkedHashSet<>(b.elements()))) {
      add(path, Effect.NEUTRAL, false, Optional.of(a), Optional.of(b), "same roles, new order");
    }
  }

  private void reviewRules(JsonArray a, JsonArray b, JsonObject specA, JsonObject specB) {
    Map<String, JsonObject> before = byId(a);
    Map<String, JsonObject> after = byId(b);
    List<String> newIds = new ArrayList<>(after.keySet());
    List<String> oldIds = new ArrayList<>(before.keySet());
    for (Map.Entry<String, JsonObject> e : after.entrySet()) {
      String p = "rules[" + e.getKey() + "]";
      JsonObject r = e.getValue();
      JsonObject old = before.get(e.getKey());
      if (old == null) {
        boolean last = newIds.indexOf(e.getKey()) == newIds.size() - 1;
        String dflt = specB.get("default").map(LifecycleDiff::plain).orElse("REVIEW");
        byRank(p, Optional.empty(), Optional.of(r), last, route(r), dflt, "a new last rule routes inferences that reached the "
            + "default (" + dflt + ") to " + route(r), "a new rule before others: the first rule that holds decides, so its "
            + "effect depends on the rules after it; review by hand");
        continue;
      }
      changed(old, r, (k, x, y) -> {
        String kp = p + "." + k;
        switch (k) {
          case "route" -> ranked(kp, x, y, ROUTES, "the rule routes to more oversight", "the rule routes to less oversight");
          case "approvers" -> approvers(kp, arr(x), arr(y), route(r));
          case "when" -> review(kp, x, y, "a changed condition: its effect cannot be classified; review by hand");
          default -> review(kp, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
        }
      });
    }
    for (Map.Entry<String, JsonObject> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        String p = "rules[" + e.getKey() + "]";
        boolean last = oldIds.indexOf(e.getKey()) == oldIds.size() - 1;
        String dflt = specA.get("default").map(LifecycleDiff::plain).orElse("REVIEW");
        // removing the rule hands its inferences to the default: the reverse of adding it
        byRank(p, Optional.of(e.getValue()), Optional.empty(), last, dflt, route(e.getValue()), "a removed last rule "
            + "hands its inferences (" + route(e.getValue()) + ") to the default (" + dflt + ")", "a removed rule before "
            + "others: its inferences go to the rules after it; review by hand");
      }
    }
    List<String> common = new ArrayList<>(newIds);
    common.retainAll(before.keySet());
    List<String> oldOrder = new ArrayList<>(oldIds);
    oldOrder.retainAll(after.keySet());
    if (!common.equals(oldOrder)) {
      review("rules", Optional.of(JsonArray.ofStrings(oldOrder)), Optional.of(JsonArray.ofStrings(common)),
          "rules reordered: the first rule that holds decides, so routes may change; review by hand");
    }
  }

  /** Classifies moving inferences from route {@code from} to route {@code to}, when {@code exact}; else review. */
  private void byRank(String path, Optional<JsonValue> x, Optional<JsonValue> y, boolean exact, String to, String from,
      String reason, String reviewReason) {
    int delta = ROUTES.indexOf(to) - ROUTES.indexOf(from);
    if (!exact || ROUTES.indexOf(to) < 0 || ROUTES.indexOf(from) < 0) {
      review(path, x, y, reviewReason);
    } else {
      add(path, delta > 0 ? Effect.TIGHTENING : delta < 0 ? Effect.LOOSENING : Effect.NEUTRAL, false, x, y,
          reason + (delta > 0 ? ": more oversight" : delta < 0 ? ": less oversight" : ": the same route"));
    }
  }

  private void thresholds(JsonObject a, JsonObject b, JsonObject specA, JsonObject specB) {
    changed(a, b, (name, x, y) -> {
      String p = "thresholds." + name;
      if (x.isEmpty() || y.isEmpty()) {
        boolean read = readers(x.isEmpty() ? specB : specA, name) > 0;
        if (read) {
          review(p, x, y, "a threshold " + (x.isEmpty() ? "added" : "removed") + " with changed rules: review by hand");
        } else {
          add(p, Effect.NEUTRAL, false, x, y, "a threshold no rule reads");
        }
        return;
      }
      threshold(p, name, x, y, specB);
    });
  }

  private static int readers(JsonObject spec, String name) {
    int n = 0;
    for (JsonValue v : arr(spec.get("rules")).elements()) {
      if (v instanceof JsonObject r && reference(name).matcher(r.get("when").map(LifecycleDiff::plain).orElse("")).find()) {
        n++;
      }
    }
    return n;
  }

  private static Pattern reference(String name) {
    return Pattern.compile("threshold\\[\\s*" + Pattern.quote(name) + "\\s*\\]");
  }

  /**
   * A changed threshold, classified from the new policy's rules: each rule that compares the score with it
   * ({@code score >= threshold[t]} covers scores above it, {@code score < threshold[t]} below) widens or narrows;
   * a widened rule takes inferences from the rules after it and the default only, so its effect is known when its
   * route has at least as much (or at most as much) oversight as every one of them.
   */
  private void threshold(String path, String name, Optional<JsonValue> x, Optional<JsonValue> y, JsonObject spec) {
    double a = ((JsonNumber) x.get()).value();
    double b = ((JsonNumber) y.get()).value();
    boolean lower = b < a;
    Pattern ref = reference(name);
    String t = ref.pattern();
    Pattern above = Pattern.compile("score\\s*(>=|>)\\s*" + t + "|" + t + "\\s*(<=|<)\\s*score");
    Pattern below = Pattern.compile("score\\s*(<=|<)\\s*" + t + "|" + t + "\\s*(>=|>)\\s*score");
    List<JsonObject> rules = new ArrayList<>();
    arr(spec.get("rules")).elements().forEach(v -> rules.add((JsonObject) v));
    String dflt = spec.get("default").map(LifecycleDiff::plain).orElse("REVIEW");
    int effect = 0;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String when = rules.get(i).get("when").map(LifecycleDiff::plain).orElse("");
      int refs = count(ref, when);
      if (refs == 0) {
        continue;
      }
      int up = count(above, when);
      int down = count(below, when);
      if (up + down != refs || up > 0 && down > 0 || Pattern.compile("!\\s*\\(").matcher(when).find()) {
        review(path, x, y, "rule " + rules.get(i).get("id").map(LifecycleDiff::plain).orElse("?") + " reads threshold["
            + name + "] in a way whose effect cannot be classified; review by hand");
        return;
      }
      boolean widens = lower == (up > 0);
      int own = ROUTES.indexOf(route(rules.get(i)));
      int max = ROUTES.indexOf(dflt);
      int min = max;
      for (int j = i + 1; j < rules.size(); j++) {
        int r = ROUTES.indexOf(route(rules.get(j)));
        max = Math.max(max, r);
        min = Math.min(min, r);
      }
      int e;
      if (own >= max) {
        e = own == min ? 0 : widens ? 1 : -1; // more of them reach this rule's oversight, or fewer
      } else if (own <= min) {
        e = widens ? -1 : 1;
      } else {
        review(path, x, y, "rule " + rules.get(i).get("id").map(LifecycleDiff::plain).orElse("?") + " ("
            + route(rules.get(i)) + ") takes inferences from rules after it with more and with less oversight; review by hand");
        return;
      }
      if (e != 0 && effect != 0 && e != effect) {
        review(path, x, y, "rules reading threshold[" + name + "] move inferences both ways; review by hand");
        return;
      }
      effect = e == 0 ? effect : e;
      ids.add(rules.get(i).get("id").map(LifecycleDiff::plain).orElse("?") + " (" + route(rules.get(i)) + ")");
    }
    String reason = ids.isEmpty() ? "a threshold no rule reads" : "a " + (lower ? "lower" : "higher") + " threshold["
        + name + "]: " + (effect > 0 ? "more inferences get more oversight" : effect < 0
            ? "more inferences get less oversight" : "the routes stay the same") + " (rule " + String.join(", ", ids) + ")";
    add(path, effect > 0 ? Effect.TIGHTENING : effect < 0 ? Effect.LOOSENING : Effect.NEUTRAL, false, x, y, reason);
  }

  private static int count(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String route(JsonObject rule) {
    return rule.get("route").map(LifecycleDiff::plain).orElse("");
  }

  // ------------------------------------------------------------------------------------------------------

  private void add(String path, Effect effect, boolean review, Optional<JsonValue> before, Optional<JsonValue> after,
      String reason) {
    changes.add(new PolicyChange(path, effect, review, before, after, reason));
  }

  private void review(String path, Optional<JsonValue> before, Optional<JsonValue> after, String reason) {
    add(path, Effect.NEUTRAL, true, before, after, reason);
  }

  /**
   * A number or a duration compared by magnitude: {@code sense} +1 when higher is stricter, -1 when higher is
   * looser; {@code up} and {@code down} say what a higher and a lower value does.
   */
  private void number(String path, Optional<JsonValue> x, Optional<JsonValue> y, int sense, String up, String down) {
    OptionalDouble a = magnitude(x);
    OptionalDouble b = magnitude(y);
    if (a.isEmpty() || b.isEmpty()) {
      review(path, x, y, "a value that cannot be compared: review by hand");
      return;
    }
    boolean higher = b.getAsDouble() > a.getAsDouble();
    add(path, higher == (sense > 0) ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y, higher ? up : down);
  }

  private void ranked(String path, Optional<JsonValue> x, Optional<JsonValue> y, List<String> order, String up,
      String down) {
    int a = x.map(v -> order.indexOf(plain(v))).orElse(-1);
    int b = y.map(v -> order.indexOf(plain(v))).orElse(-1);
    if (a < 0 || b < 0) {
      review(path, x, y, "a value outside " + order + ": review by hand");
    } else {
      add(path, b > a ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y, b > a ? up : down);
    }
  }

  /** A number, or a duration ({@link Durations}) in seconds. */
  private static OptionalDouble magnitude(Optional<JsonValue> v) {
    if (v.isPresent() && v.get() instanceof JsonNumber n) {
      return OptionalDouble.of(n.value());
    }
    if (v.isPresent() && v.get() instanceof JsonString s) {
      Optional<Duration> d = Durations.parse(s.value());
      if (d.isPresent()) {
        return OptionalDouble.of(d.get().getSeconds());
      }
    }
    return OptionalDouble.empty();
  }

  private static String plain(JsonValue v) {
    return v instanceof JsonString s ? s.value() : Json.canonical(v);
  }

  private static JsonObject obj(Optional<JsonValue> v) {
    return v.filter(x -> x instanceof JsonObject).map(x -> (JsonObject) x).orElse(JsonObject.empty());
  }

  private static JsonArray arr(Optional<JsonValue> v) {
    return v.filter(x -> x instanceof JsonArray).map(x -> (JsonArray) x).orElse(JsonArray.of());
  }

  /** Entries by {@code id}, in order (compiled policies have unique ids). */
  private static Map<String, JsonObject> byId(JsonArray a) {
    Map<String, JsonObject> m = new LinkedHashMap<>();
    for (JsonValue v : a.elements()) {
      JsonObject o = (JsonObject) v;
      m.put(o.get("id").map(LifecycleDiff::plain).orElseThrow(), o);
    }
    return m;
  }

  /** What to do with one key whose value differs between two objects. */
  private interface Change {
    void at(String key, Optional<JsonValue> before, Optional<JsonValue> after);
  }

  /** Calls {@code change} for every key whose value differs, in {@link #keys} order. */
  private static void changed(JsonObject a, JsonObject b, Change change) {
    for (String k : keys(a, b)) {
      Optional<JsonValue> x = a.get(k);
      Optional<JsonValue> y = b.get(k);
      if (!x.equals(y)) {
        change.at(k, x, y);
      }
    }
  }

  private static List<String> keys(JsonObject a, JsonObject b) {
    LinkedHashSet<String> s = new LinkedHashSet<>(a.members().keySet());
    s.addAll(b.members().keySet());
    return new ArrayList<>(s);
  }
}
