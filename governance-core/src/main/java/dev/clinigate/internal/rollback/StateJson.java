package dev.clinigate.internal.rollback;

import dev.clinigate.RollbackPolicy;
import dev.clinigate.TriggerStatus;
import dev.clinigate.internal.rollback.TriggerState.Bucket;
import dev.clinigate.internal.rollback.TriggerState.Fire;
import dev.clinigate.internal.rollback.TriggerState.Obs;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A {@link RollbackEngine}'s state as JSON ({@code clinigate-circuit-breaker/v1}), and back: what a
 * {@code CircuitBreaker} exports between windows and imports again, so that a host can keep it across
 * restarts. Import validates the format and the policy's SHA-256 and restores every field; export then
 * import is the identity (a property test checks it).
 */
final class StateJson {
  private StateJson() {}

  /** The engine's state as JSON (see {@code CircuitBreaker#exportState}). */
  static JsonObject export(RollbackEngine e) {
    JsonObject.Builder b = JsonObject.builder()
        .put("format", "clinigate-circuit-breaker/v1")
        .put("policySha256", e.policy.sha256())
        .put("count", e.count)
        .put("windowsSha256", e.chain)
        .put("firstStart", str(e.firstStart))
        .put("lastStart", str(e.lastStart))
        .put("lastEnd", str(e.lastEnd))
        .put("modelVersion", JsonValue.of(e.version))
        .put("lastKnownGood", JsonValue.of(e.evidenceLastKnownGood))
        .put("probationLeft", e.probationLeft)
        .put("probationActive", e.probationActive)
        .put("cooldownUntil", str(e.cooldownUntil))
        .put("segment", e.segment)
        .put("cooldownSegment", e.cooldownSegment)
        .put("breachedVersions", JsonArray.ofStrings(e.breachedVersions));
    b.put("triggers", states(e.main));
    b.put("probationTriggers", states(e.probation));
    return b.build();
  }

  private static JsonValue str(Instant t) {
    return t == null ? JsonNull.INSTANCE : new JsonString(t.toString());
  }

  private static JsonArray states(TriggerState[] ss) {
    List<JsonValue> out = new ArrayList<>();
    for (TriggerState s : ss) {
      List<JsonValue> recent = new ArrayList<>();
      for (Obs o : s.recent) {
        recent.add(JsonObject.builder().put("label", o.label()).put("value", num(o.value()))
            .put("breach", o.breach()).build());
      }
      List<JsonValue> buckets = new ArrayList<>();
      for (Bucket k : s.buckets) {
        buckets.add(JsonObject.builder().put("start", k.start().toString()).put("end", k.end().toString())
            .put("errors", k.errors()).put("requests", k.requests()).build());
      }
      out.add(JsonObject.builder()
          .put("streak", s.streak)
          .put("recent", new JsonArray(recent))
          .put("buckets", new JsonArray(buckets))
          .put("inconclusive", s.inconclusive)
          .put("inconclusiveWindows", JsonArray.ofStrings(s.inconclusiveWindows))
          .put("note", JsonValue.of(s.note))
          .put("lastObserved", num(s.lastObserved))
          .put("judged", s.judged)
          .put("fired", fire(s.fired))
          .build());
    }
    return new JsonArray(out);
  }

  private static JsonValue num(OptionalDouble v) {
    return v.isPresent() ? JsonNumber.of(v.getAsDouble()) : JsonNull.INSTANCE;
  }

  private static JsonValue fire(Fire f) {
    if (f == null) {
      return JsonNull.INSTANCE;
    }
    return JsonObject.builder().put("status", f.status().name()).put("at", f.at().toString())
        .put("message", f.message()).put("windows", JsonArray.ofStrings(f.windows()))
        .put("observed", num(f.observed())).build();
  }

  /**
   * Restores an engine from {@link #export}.
   *
   * @throws IllegalArgumentException when the state is malformed or was exported for another policy
   */
  static RollbackEngine restore(RollbackPolicy policy, JsonObject state) {
    try {
      if (!"clinigate-circuit-breaker/v1".equals(text(state, "format"))) {
        throw new IllegalArgumentException("not a clinigate circuit breaker state (format clinigate-circuit-breaker/v1)");
      }
      if (!policy.sha256().equals(text(state, "policySha256"))) {
        throw new IllegalArgumentException("the state was exported for policy sha256 " + text(state, "policySha256")
            + ", not this policy's " + policy.sha256());
      }
      RollbackEngine e = new RollbackEngine(policy);
      e.count = ((JsonNumber) state.get("count").orElseThrow()).longValue();
      e.chain = text(state, "windowsSha256");
      e.firstStart = instant(state, "firstStart");
      e.lastStart = instant(state, "lastStart");
      e.lastEnd = instant(state, "lastEnd");
      e.version = text(state, "modelVersion");
      e.evidenceLastKnownGood = text(state, "lastKnownGood");
      e.probationLeft = (int) ((JsonNumber) state.get("probationLeft").orElseThrow()).longValue();
      e.probationActive = ((JsonBoolean) state.get("probationActive").orElseThrow()).value();
      e.cooldownUntil = instant(state, "cooldownUntil");
      e.segment = ((JsonNumber) state.get("segment").orElseThrow()).longValue();
      e.cooldownSegment = ((JsonNumber) state.get("cooldownSegment").orElseThrow()).longValue();
      // absent from states exported before DISABLE existed: no version had breached then as far as they record
      for (JsonValue v : ((JsonArray) state.get("breachedVersions").orElse(JsonArray.of())).elements()) {
        e.breachedVersions.add(((JsonString) v).value());
      }
      restore(e.main, (JsonArray) state.get("triggers").orElseThrow());
      restore(e.probation, (JsonArray) state.get("probationTriggers").orElseThrow());
      if (e.chain == null || e.count < 0) {
        throw new IllegalArgumentException("count and windowsSha256 are required");
      }
      return e;
    } catch (ClassCastException | java.util.NoSuchElementException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("malformed circuit breaker state: " + e.getMessage(), e);
    }
  }

  private static void restore(TriggerState[] ss, JsonArray a) {
    if (a.size() != ss.length) {
      throw new IllegalArgumentException("the state has " + a.size() + " trigger states, the policy " + ss.length);
    }
    for (int i = 0; i < ss.length; i++) {
      JsonObject o = (JsonObject) a.get(i);
      TriggerState s = ss[i];
      s.streak = (int) ((JsonNumber) o.get("streak").orElseThrow()).longValue();
      for (JsonValue v : ((JsonArray) o.get("recent").orElseThrow()).elements()) {
        JsonObject r = (JsonObject) v;
        s.recent.addLast(new Obs(text(r, "label"), optional(r, "value"),
            ((JsonBoolean) r.get("breach").orElseThrow()).value()));
      }
      for (JsonValue v : ((JsonArray) o.get("buckets").orElseThrow()).elements()) {
        JsonObject r = (JsonObject) v;
        s.buckets.addLast(new Bucket(instant(r, "start"), instant(r, "end"),
            ((JsonNumber) r.get("errors").orElseThrow()).longValue(), ((JsonNumber) r.get("requests").orElseThrow()).longValue()));
      }
      s.inconclusive = (int) ((JsonNumber) o.get("inconclusive").orElseThrow()).longValue();
      for (JsonValue v : ((JsonArray) o.get("inconclusiveWindows").orElseThrow()).elements()) {
        s.inconclusiveWindows.add(((JsonString) v).value());
      }
      s.note = text(o, "note");
      s.lastObserved = optional(o, "lastObserved");
      s.judged = ((JsonBoolean) o.get("judged").orElseThrow()).value();
      s.fired = fireOf(o.get("fired").orElseThrow());
      if (s.fired == null) { // states exported before a suppressed firing became sticky kept it apart
        s.fired = fireOf(o.get("suppressed").orElse(JsonNull.INSTANCE));
      }
    }
  }

  private static Fire fireOf(JsonValue v) {
    if (!(v instanceof JsonObject o)) {
      return null;
    }
    List<String> ws = new ArrayList<>();
    for (JsonValue x : ((JsonArray) o.get("windows").orElseThrow()).elements()) {
      ws.add(((JsonString) x).value());
    }
    return new Fire(TriggerStatus.valueOf(text(o, "status")), instant(o, "at"), text(o, "message"), List.copyOf(ws),
        optional(o, "observed"));
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key).orElseThrow();
    return v instanceof JsonString s ? s.value() : null;
  }

  private static Instant instant(JsonObject o, String key) {
    String s = text(o, key);
    return s == null ? null : Instant.parse(s);
  }

  private static OptionalDouble optional(JsonObject o, String key) {
    JsonValue v = o.get(key).orElseThrow();
    return v instanceof JsonNumber n ? OptionalDouble.of(n.value()) : OptionalDouble.empty();
  }
}
