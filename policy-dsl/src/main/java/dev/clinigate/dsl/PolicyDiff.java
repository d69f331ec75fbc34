package dev.clinigate.dsl;

import dev.clinigate.Durations;
import dev.clinigate.Policy;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.dsl.internal.LifecycleDiff;
import dev.clinigate.dsl.PolicyChange.Effect;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Every difference between two policies, classified as tightening, loosening or neutral, so that a review
 * process can demand extra sign-off for loosening.
 *
 * <pre>{@code
 * PolicyDiff d = PolicyDiff.between(PolicyYaml.loadPromotion(oldFile), PolicyYaml.loadPromotion(newFile));
 * System.out.print(d.render());
 * if (d.loosens() || d.needsReview()) requireSecondSignOff();
 * }</pre>
 *
 * <p>It compares the canonical policy documents (defaults explicit, {@code extends} merged), key by key, and
 * is generic over keys so that it keeps working as the policy language grows (design note):
 * <ul>
 *   <li>Gates are matched by {@code id}. A new gate is tightening, a removed one loosening (an advisory gate:
 *       neutral, it never blocks).</li>
 *   <li>A number under a key starting with {@code min} is stricter when higher ({@code min}, {@code minDays},
 *       {@code minApprovers}); under a key starting with {@code max}, or ending in {@code Margin}, stricter when
 *       lower ({@code max}, {@code maxDrop}, {@code maxGap}, {@code maxRelativeDrop}, {@code maxDays},
 *       {@code nonInferiorityMargin}). Durations ({@code 30d}, {@code 24h}, {@code P30D}) compare the same way.
 *       A new such bound is tightening, a removed one loosening.</li>
 *   <li>{@code minGroupSize} is stricter when higher only with {@code onInsufficientData: fail}; otherwise a higher
 *       floor leaves more subgroups unjudged, which is looser.</li>
 *   <li>{@code enforcement}: advisory &lt; mandatory &lt; hard. {@code onInsufficientData}: report &lt; fail.
 *       {@code bound}: for a minimum, upper95 &lt; point &lt; lower95 in strictness; for a maximum the reverse.
 *       {@code separationOfDuties}: true is stricter. {@code riskTier}: low &lt; medium &lt; high.</li>
 *   <li>Lists of requirements ({@code roles}, {@code artifacts}, {@code contracts}, {@code by}): an added element is
 *       tightening (a new required role), a removed one loosening. Lists of allowances ({@code approvedSources},
 *       and everything under {@code waivers}: {@code waivers.allow} entries, matched by {@code role}, and the rules
 *       they may waive): the reverse. {@code waivers.maxDuration} and {@code approvals.maxAge} are durations.</li>
 *   <li>{@code metadata.name}, {@code version}, {@code owner}, {@code description}: neutral.</li>
 *   <li>Anything else ({@code metric}, {@code baseline}, {@code when}, {@code transition}, {@code stages}, a key this version
 *       does not know): neutral, flagged for review, and the reason says so.</li>
 * </ul>
 */
public final class PolicyDiff {
  private static final Set<String> REQUIREMENT_LISTS = Set.of("roles", "artifacts", "contracts", "by",
      "requiredRoles");
  private static final Set<String> ALLOWANCE_LISTS = Set.of("approvedSources", "allowedSources", "allowed");
  private static final Set<String> NEUTRAL_KEYS = Set.of("name", "version", "owner", "description", "title");
  private static final Set<String> STRICT_WHEN_TRUE = Set.of("separationOfDuties", "requireRationale",
      "requirePinnedVersion");

  private final String from;
  private final String to;
  private final List<PolicyChange> changes;

  private PolicyDiff(String from, String to, List<PolicyChange> changes) {
    this.from = from;
    this.to = to;
    this.changes = List.copyOf(changes);
  }

  /** The differences between two compiled promotion policies. */
  public static PolicyDiff between(PromotionPolicy before, PromotionPolicy after) {
    return between(before.toJson(), after.toJson());
  }

  /**
   * The differences between two compiled policies of the same kind (promotion, rollback or review).
   *
   * @throws IllegalArgumentException when the kinds differ, or the kind has no canonical document to compare
   */
  public static PolicyDiff between(Policy before, Policy after) {
    return between(document(before), document(after));
  }

  private static JsonObject document(Policy p) {
    if (p instanceof PromotionPolicy x) {
      return x.toJson();
    }
    if (p instanceof RollbackPolicy x) {
      return x.toJson();
    }
    if (p instanceof ReviewPolicy x) {
      return x.toJson();
    }
    throw new IllegalArgumentException("a " + p.kind().yamlName() + " cannot be diffed: diff compares promotion, "
        + "rollback and review policies");
  }

  /**
   * The differences between two canonical policy documents of the same kind.
   *
   * @throws IllegalArgumentException when their kinds differ: a rollback policy is not a version of a review
   *     policy, so no classification would mean anything
   */
  public static PolicyDiff between(JsonObject before, JsonObject after) {
    String a = kindOf(Objects.requireNonNull(before, "before"));
    String b = kindOf(Objects.requireNonNull(after, "after"));
    if (!a.equals(b)) {
      throw new IllegalArgumentException("cannot diff a " + a + " against a " + b + ": diff compares two versions of "
          + "one kind of policy");
    }
    Walker w = new Walker();
    w.document(Objects.requireNonNull(before, "before"), Objects.requireNonNull(after, "after"));
    return new PolicyDiff(label(before), label(after), w.changes);
  }

  /** The document's kind, e.g. {@code RollbackPolicy}; {@code (no kind)} when it has none. */
  static String kindOf(JsonObject doc) {
    return doc.get("kind").map(PolicyDiff::plain).orElse("(no kind)");
  }

  private static String label(JsonObject doc) {
    JsonObject meta = doc.get("metadata").filter(m -> m instanceof JsonObject).map(m -> (JsonObject) m)
        .orElse(JsonObject.empty());
    String name = meta.get("name").map(PolicyDiff::plain).orElse("(unnamed)");
    String version = meta.get("version").map(PolicyDiff::plain).orElse("?");
    return name + " v" + version + " (sha256 " + Json.sha256(doc).substring(0, 12) + "...)";
  }

  private static String plain(JsonValue v) {
    return v instanceof JsonString s ? s.value() : Json.canonical(v);
  }

  /** Every change, in document order (gates in the new policy's order, removed gates last). */
  public List<PolicyChange> changes() {
    return changes;
  }

  /** Whether any change is loosening. */
  public boolean loosens() {
    return changes.stream().anyMatch(c -> c.effect() == Effect.LOOSENING);
  }

  /** Whether any change needs a person to judge it. */
  public boolean needsReview() {
    return changes.stream().anyMatch(PolicyChange::review);
  }

  /** The diff for people: one line per change, then a summary line. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("Policy diff: ").append(from).append(" -> ").append(to).append('\n');
    if (changes.isEmpty()) {
      return b.append("no changes: the canonical policies are identical\n").toString();
    }
    int lw = 0;
    int pw = 0;
    int vw = 0;
    for (PolicyChange c : changes) {
      lw = Math.max(lw, c.label().length());
      pw = Math.max(pw, c.path().length());
      vw = Math.max(vw, c.values().length());
    }
    for (PolicyChange c : changes) {
      b.append(pad(c.label(), lw)).append("  ").append(pad(c.path(), pw)).append("  ").append(pad(c.values(), vw))
          .append("  ").append(c.reason()).append('\n');
    }
    long t = changes.stream().filter(c -> c.effect() == Effect.TIGHTENING).count();
    long l = changes.stream().filter(c -> c.effect() == Effect.LOOSENING).count();
    long r = changes.stream().filter(PolicyChange::review).count();
    long n = changes.size() - t - l - r;
    b.append('\n').append(String.format(Locale.ROOT, "%d change%s: %d tightening, %d loosening, %d neutral, %d to "
        + "review%n", changes.size(), changes.size() == 1 ? "" : "s", t, l, n, r));
    return b.toString();
  }

  /** As JSON: {@code {"from", "to", "loosens", "needsReview", "changes": [{path, effect, review, before, after, reason}]}}. */
  public JsonObject toJson() {
    List<JsonValue> cs = new ArrayList<>();
    for (PolicyChange c : changes) {
      JsonObject.Builder o = JsonObject.builder().put("path", c.path()).put("effect", c.effect().name())
          .put("review", c.review()).put("reason", c.reason());
      c.before().ifPresent(v -> o.put("before", v));
      c.after().ifPresent(v -> o.put("after", v));
      cs.add(o.build());
    }
    return JsonObject.builder().put("from", from).put("to", to).put("loosens", loosens())
        .put("needsReview", needsReview()).put("changes", new JsonArray(cs)).build();
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** Walks two documents and collects changes. */
  private static final class Walker {
    final List<PolicyChange> changes = new ArrayList<>();

    void add(String path, Effect effect, boolean review, Optional<JsonValue> before, Optional<JsonValue> after,
        String reason) {
      changes.add(new PolicyChange(path, effect, review, before, after, reason));
    }

    void review(String path, Optional<JsonValue> before, Optional<JsonValue> after, String reason) {
      add(path, Effect.NEUTRAL, true, before, after, reason);
    }

    void document(JsonObject a, JsonObject b) {
      for (String k : keys(a, b)) {
        Optional<JsonValue> x = a.get(k);
        Optional<JsonValue> y = b.get(k);
        if (x.equals(y)) {
          continue;
        }
        switch (k) {
          case "metadata" -> metadata(withTier(a, obj(x)), withTier(b, obj(y)));
          case "spec" -> {
            switch (kindOf(a)) {
              case "RollbackPolicy" -> changes.addAll(LifecycleDiff.rollback(obj(x), obj(y)));
              case "ReviewPolicy" -> changes.addAll(LifecycleDiff.review(obj(x), obj(y)));
              default -> spec(obj(x), obj(y));
            }
          }
          case "apiVersion", "kind" -> review(k, x, y, "a different " + k + ": review by hand");
          default -> value(k, k, x, y, false, Optional.empty());
        }
      }
    }

    /** A promotion policy's metadata with its risk tier explicit: no riskTier is the same as riskTier: medium. */
    static JsonObject withTier(JsonObject doc, JsonObject meta) {
      boolean promotion = doc.get("kind").map(v -> v.equals(JsonValue.of("PromotionPolicy"))).orElse(false);
      if (!promotion || meta.has("riskTier")) {
        return meta;
      }
      JsonObject.Builder m = JsonObject.builder();
      meta.members().forEach(m::put);
      return m.put("riskTier", "medium").build();
    }

    void metadata(JsonObject a, JsonObject b) {
      if (a.equals(b)) {
        return;
      }
      for (String k : keys(a, b)) {
        Optional<JsonValue> x = a.get(k);
        Optional<JsonValue> y = b.get(k);
        if (x.equals(y)) {
          continue;
        }
        String path = "metadata." + k;
        if (k.equals("riskTier")) {
          ranked(path, x, y, List.of("low", "medium", "high"), "a higher risk tier brings stricter defaults",
              "a lower risk tier brings looser defaults");
        } else if (NEUTRAL_KEYS.contains(k)) {
          add(path, Effect.NEUTRAL, false, x, y, "identity, not a gate");
        } else {
          review(path, x, y, "unknown key \"" + k + "\": its effect cannot be classified; review by hand");
        }
      }
    }

    void spec(JsonObject a, JsonObject b) {
      for (String k : keys(a, b)) {
        Optional<JsonValue> x = a.get(k);
        Optional<JsonValue> y = b.get(k);
        if (x.equals(y)) {
          continue;
        }
        if (k.equals("gates") && x.orElse(JsonArray.of()) instanceof JsonArray ga
            && y.orElse(JsonArray.of()) instanceof JsonArray gb) {
          gates(ga, gb);
        } else if (k.equals("transition")) {
          review(k, x, y, "a different stage transition: review by hand");
        } else if (k.equals("waivers") && (x.isEmpty() || y.isEmpty())) {
          // the section is the allowance: without it nothing may be waived
          add(k, x.isEmpty() ? Effect.LOOSENING : Effect.TIGHTENING, false, x, y,
              x.isEmpty() ? "waivers are allowed where none were" : "no waivers are allowed any more");
        } else if (k.equals("stages")) {
          review(k, x, y, "a different list of stages: review by hand");
        } else {
          value(k, k, x, y, k.equals("waivers"), Optional.empty());
        }
      }
    }

    void gates(JsonArray a, JsonArray b) {
      Map<String, JsonObject> before = byId(a);
      Map<String, JsonObject> after = byId(b);
      if (before == null || after == null) {
        review("gates", Optional.of(a), Optional.of(b), "gates without ids cannot be matched: review by hand");
        return;
      }
      for (Map.Entry<String, JsonObject> e : after.entrySet()) {
        String path = "gates[" + e.getKey() + "]";
        JsonObject g = e.getValue();
        JsonObject old = before.get(e.getKey());
        if (old == null) {
          if (advisory(g)) {
            add(path, Effect.NEUTRAL, false, Optional.empty(), Optional.of(g), "a new advisory rule (reported, never blocks)");
          } else {
            add(path, Effect.TIGHTENING, false, Optional.empty(), Optional.of(g), "a new rule that can block");
          }
          continue;
        }
        for (String k : keys(old, g)) {
          Optional<JsonValue> x = old.get(k);
          Optional<JsonValue> y = g.get(k);
          if (!x.equals(y)) {
            gateKey(path + "." + k, k, x, y, old, g);
          }
        }
      }
      for (Map.Entry<String, JsonObject> e : before.entrySet()) {
        if (!after.containsKey(e.getKey())) {
          String path = "gates[" + e.getKey() + "]";
          if (advisory(e.getValue())) {
            add(path, Effect.NEUTRAL, false, Optional.of(e.getValue()), Optional.empty(),
                "a removed advisory rule (it never blocked)");
          } else {
            add(path, Effect.LOOSENING, false, Optional.of(e.getValue()), Optional.empty(),
                "a removed rule no longer blocks");
          }
        }
      }
      List<String> common = new ArrayList<>(after.keySet());
      common.retainAll(before.keySet());
      List<String> oldOrder = new ArrayList<>(before.keySet());
      oldOrder.retainAll(after.keySet());
      if (!common.equals(oldOrder)) {
        add("gates", Effect.NEUTRAL, false, Optional.of(JsonArray.ofStrings(oldOrder)),
            Optional.of(JsonArray.ofStrings(common)), "rules reordered: results are reported in the new order");
      }
    }

    void gateKey(String path, String key, Optional<JsonValue> x, Optional<JsonValue> y, JsonObject oldGate,
        JsonObject newGate) {
      boolean blocks = !advisory(newGate) || !advisory(oldGate);
      switch (key) {
        case "enforcement" -> ranked(path, x, y, "mandatory", List.of("advisory", "mandatory", "hard"),
            "stricter enforcement", "looser enforcement");
        case "onInsufficientData" -> ranked(path, x, y, List.of("report", "fail"),
            "too-small subgroups now block", "too-small subgroups no longer block");
        case "bound" -> bound(path, x, y, newGate);
        case "minGroupSize", "minEvents" -> minGroupSize(path, x, y, newGate);
        case "metric" -> review(path, x, y, "a different metric: review by hand");
        case "baseline" -> review(path, x, y, "a different baseline: review by hand");
        case "when" -> review(path, x, y, "a changed condition: its effect cannot be classified; review by hand");
        case "description" -> add(path, Effect.NEUTRAL, false, x, y, "description only");
        default -> {
          if (!blocks && !key.equals("enforcement")) {
            add(path, Effect.NEUTRAL, false, x, y, "the rule is advisory: it never blocks");
          } else {
            value(path, key, x, y, false, Optional.of(newGate));
          }
        }
      }
    }

    /** Any other value: objects recurse, lists compare as sets, scalars by their key's meaning. */
    void value(String path, String key, Optional<JsonValue> x, Optional<JsonValue> y, boolean allowance,
        Optional<JsonObject> gate) {
      JsonValue a = x.orElse(null);
      JsonValue b = y.orElse(null);
      if ((a == null || a instanceof JsonObject) && (b == null || b instanceof JsonObject)) {
        JsonObject oa = a == null ? JsonObject.empty() : (JsonObject) a;
        JsonObject ob = b == null ? JsonObject.empty() : (JsonObject) b;
        for (String k : keys(oa, ob)) {
          if (!oa.get(k).equals(ob.get(k))) {
            value(path + "." + k, k, oa.get(k), ob.get(k), allowance || k.equals("waivers"), gate);
          }
        }
        return;
      }
      if ((a == null || a instanceof JsonArray) && (b == null || b instanceof JsonArray)) {
        list(path, key, a == null ? JsonArray.of() : (JsonArray) a, b == null ? JsonArray.of() : (JsonArray) b,
            allowance);
        return;
      }
      scalar(path, key, x, y);
    }

    void list(String path, String key, JsonArray a, JsonArray b, boolean allowance) {
      Map<String, JsonObject> ia = byId(a);
      Map<String, JsonObject> ib = byId(b);
      boolean objects = a.elements().stream().anyMatch(v -> v instanceof JsonObject)
          || b.elements().stream().anyMatch(v -> v instanceof JsonObject);
      if (objects && ia != null && ib != null) {
        for (String id : union(ia.keySet(), ib.keySet())) {
          JsonValue x = ia.get(id);
          JsonValue y = ib.get(id);
          if (x != null && y != null) {
            value(path + "[" + id + "]", key, Optional.of(x), Optional.of(y), allowance, Optional.empty());
          } else if (!Objects.equals(x, y)) {
            element(path + "[" + id + "]", key, Optional.ofNullable(x), Optional.ofNullable(y), allowance);
          }
        }
        return;
      }
      if (objects) {
        review(path, Optional.of(a), Optional.of(b), "a list of entries without ids changed: review by hand");
        return;
      }
      Set<JsonValue> sa = new LinkedHashSet<>(a.elements());
      Set<JsonValue> sb = new LinkedHashSet<>(b.elements());
      for (JsonValue v : sb) {
        if (!sa.contains(v)) {
          element(path, key, Optional.empty(), Optional.of(v), allowance);
        }
      }
      for (JsonValue v : sa) {
        if (!sb.contains(v)) {
          element(path, key, Optional.of(v), Optional.empty(), allowance);
        }
      }
      if (sa.equals(sb) && !a.equals(b)) {
        add(path, Effect.NEUTRAL, false, Optional.of(a), Optional.of(b), "same entries, new order");
      }
    }

    void element(String path, String key, Optional<JsonValue> x, Optional<JsonValue> y, boolean allowance) {
      boolean added = x.isEmpty();
      String noun = noun(key);
      if (allowance || ALLOWANCE_LISTS.contains(key)) {
        add(path, added ? Effect.LOOSENING : Effect.TIGHTENING, false, x, y,
            added ? "a new allowance (" + noun + ")" : "an allowance withdrawn (" + noun + ")");
      } else if (REQUIREMENT_LISTS.contains(key)) {
        add(path, added ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
            added ? "a new required " + noun : "a required " + noun + " removed");
      } else if (path.startsWith("expectedGroups.")) {
        // an expected group the evidence lacks is MISSING: expecting one more is stricter
        add(path, added ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
            added ? "a new expected group (its absence blocks)" : "an expected group removed");
      } else {
        review(path, x, y, "unknown list \"" + key + "\": its effect cannot be classified; review by hand");
      }
    }

    void scalar(String path, String key, Optional<JsonValue> x, Optional<JsonValue> y) {
      int sense = sense(key);
      if (sense != 0) {
        OptionalDouble a = magnitude(x);
        OptionalDouble b = magnitude(y);
        boolean comparable = (x.isEmpty() || a.isPresent()) && (y.isEmpty() || b.isPresent());
        if (comparable) {
          if (x.isEmpty()) {
            add(path, Effect.TIGHTENING, false, x, y, "a new " + key + " bound");
          } else if (y.isEmpty()) {
            add(path, Effect.LOOSENING, false, x, y, "the " + key + " bound is removed");
          } else {
            boolean higher = b.getAsDouble() > a.getAsDouble();
            boolean stricter = higher == (sense > 0);
            add(path, stricter ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
                "a " + (higher ? "higher " : "lower ") + key + " is " + (stricter ? "stricter" : "looser"));
          }
          return;
        }
      }
      if (STRICT_WHEN_TRUE.contains(key) && (x.isEmpty() || bool(x).isPresent()) && (y.isEmpty() || bool(y).isPresent())) {
        boolean on = bool(y).orElse(false); // absent is off
        add(path, on ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y, key + (on ? " switched on" : " switched off"));
        return;
      }
      if (key.equals("enforcement")) {
        ranked(path, x, y, "mandatory", List.of("advisory", "mandatory", "hard"), "stricter enforcement",
            "looser enforcement");
        return;
      }
      if (NEUTRAL_KEYS.contains(key)) {
        add(path, Effect.NEUTRAL, false, x, y, "identity, not a gate");
        return;
      }
      review(path, x, y, "unknown key \"" + key + "\": its effect cannot be classified; review by hand");
    }

    void ranked(String path, Optional<JsonValue> x, Optional<JsonValue> y, List<String> order, String up,
        String down) {
      ranked(path, x, y, null, order, up, down);
    }

    /** Classifies by rank in {@code order}; an absent value ranks as {@code absent} (its default), if given. */
    void ranked(String path, Optional<JsonValue> x, Optional<JsonValue> y, String absent, List<String> order,
        String up, String down) {
      int a = x.map(v -> order.indexOf(plain(v))).orElse(absent == null ? -1 : order.indexOf(absent));
      int b = y.map(v -> order.indexOf(plain(v))).orElse(absent == null ? -1 : order.indexOf(absent));
      if (a < 0 || b < 0) {
        review(path, x, y, "a value outside " + order + ": review by hand");
      } else if (b > a) {
        add(path, Effect.TIGHTENING, false, x, y, up);
      } else {
        add(path, Effect.LOOSENING, false, x, y, down);
      }
    }

    void bound(String path, Optional<JsonValue> x, Optional<JsonValue> y, JsonObject gate) {
      boolean lower = gate.has("min") && !gate.has("max");
      boolean upper = gate.has("max") && !gate.has("min");
      if (lower) {
        ranked(path, x, y, "point", List.of("upper95", "point", "lower95"),
            "a more conservative statistic for a minimum", "a less conservative statistic for a minimum");
      } else if (upper) {
        ranked(path, x, y, "point", List.of("lower95", "point", "upper95"),
            "a more conservative statistic for a maximum", "a less conservative statistic for a maximum");
      } else {
        review(path, x, y, "a different statistic on a two-sided bound: review by hand");
      }
    }

    void minGroupSize(String path, Optional<JsonValue> x, Optional<JsonValue> y, JsonObject gate) {
      if (x.orElse(null) instanceof JsonObject || y.orElse(null) instanceof JsonObject) {
        if (!x.equals(y)) {
          review(path, x, y, "a changed sample-size criterion (Riley): review by hand");
        }
        return;
      }
      boolean fail = gate.get("onInsufficientData").map(PolicyDiff::plain).orElse("report").equals("fail");
      double a = magnitude(x).orElse(0);
      double b = magnitude(y).orElse(0);
      boolean higher = b > a;
      boolean stricter = higher == fail;
      add(path, stricter ? Effect.TIGHTENING : Effect.LOOSENING, false, x, y,
          (higher ? "a higher" : "a lower") + " minimum group size " + (fail
              ? (higher ? "blocks more subgroups (onInsufficientData: fail)" : "blocks fewer subgroups")
              : (higher ? "leaves more subgroups unjudged" : "judges more subgroups")));
    }
  }

  /** +1 when higher is stricter, -1 when lower is stricter, 0 when the key says neither. */
  static int sense(String key) {
    if (key.equals("min") || (key.startsWith("min") && key.length() > 3 && Character.isUpperCase(key.charAt(3)))) {
      return 1;
    }
    if (key.equals("max") || (key.startsWith("max") && key.length() > 3 && Character.isUpperCase(key.charAt(3)))
        || key.endsWith("Margin")) {
      return -1;
    }
    return 0;
  }

  /**
   * A number, or a duration in seconds: the policy language's {@link Durations} ({@code 30d}, {@code 24h},
   * {@code 2w}), or ISO-8601 ({@code P30D}).
   */
  static OptionalDouble magnitude(Optional<JsonValue> v) {
    if (v.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (v.get() instanceof JsonNumber n) {
      return OptionalDouble.of(n.value());
    }
    if (v.get() instanceof JsonString s) {
      Optional<Duration> d = Durations.parse(s.value());
      if (d.isPresent()) {
        return OptionalDouble.of(d.get().getSeconds());
      }
      try {
        return OptionalDouble.of(Duration.parse(s.value()).toMillis() / 1000.0);
      } catch (DateTimeParseException e) {
        return OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }

  private static Optional<Boolean> bool(Optional<JsonValue> v) {
    return v.filter(x -> x instanceof JsonBoolean).map(x -> ((JsonBoolean) x).value());
  }

  private static boolean advisory(JsonObject gate) {
    return gate.get("enforcement").map(PolicyDiff::plain).orElse("mandatory").equals("advisory");
  }

  private static String noun(String key) {
    return switch (key) {
      case "roles", "requiredRoles" -> "role";
      case "artifacts" -> "artifact";
      case "contracts" -> "contract";
      case "by" -> "subgroup column";
      case "approvedSources", "allowedSources" -> "source";
      default -> key;
    };
  }

  private static JsonObject obj(Optional<JsonValue> v) {
    return v.filter(x -> x instanceof JsonObject).map(x -> (JsonObject) x).orElse(JsonObject.empty());
  }

  /** Keys of {@code a} in order, then the new keys of {@code b}. */
  private static List<String> keys(JsonObject a, JsonObject b) {
    return new ArrayList<>(union(a.members().keySet(), b.members().keySet()));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    LinkedHashSet<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return s;
  }

  /**
   * Elements by their {@code id} (or {@code rule}, {@code name}, {@code role}: a waiver allowance is one role's),
   * or null when some element has none or two share one.
   */
  private static Map<String, JsonObject> byId(JsonArray a) {
    Map<String, JsonObject> m = new LinkedHashMap<>();
    for (JsonValue v : a.elements()) {
      if (!(v instanceof JsonObject o)) {
        return null;
      }
      Optional<String> id = idOf(o);
      if (id.isEmpty() || m.containsKey(id.get())) {
        return null;
      }
      m.put(id.get(), o);
    }
    return m;
  }

  private static Optional<String> idOf(JsonObject o) {
    for (String k : List.of("id", "rule", "name", "role")) {
      Optional<JsonValue> v = o.get(k);
      if (v.isPresent() && v.get() instanceof JsonString s) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }
}
