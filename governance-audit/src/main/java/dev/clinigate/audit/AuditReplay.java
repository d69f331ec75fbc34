package dev.clinigate.audit;

import dev.clinigate.ClinigateException;
import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Policy;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.PhiMask;
import dev.clinigate.audit.internal.JsonPaths;
import dev.clinigate.audit.internal.JsonDiff;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-evaluates logged decisions of every kind from their stored policy and input (evidence, windows document,
 * inference) and checks that the result is byte-identical to what was logged; for a review record, the
 * {@code review} member (the clinician's action, reason code, final label, explanation hash) too.
 *
 * <pre>{@code
 * ReplayReport r = AuditReplay.replay(FileAuditLog.open(log).records(), "decisions.jsonl",
 *     ContentStore.at(policiesDir), ContentStore.at(evidenceDir), PhiMask.none());
 * System.out.print(r.render());
 * }</pre>
 *
 * <p>What is compared (design note): the canonical JSON of the replayed decision, masked with the given
 * mask, against the logged decision. One thing is set aside and reported: when the library version differs
 * from the logged {@code clinigate.version}, the version is not compared (outcome
 * {@link ReplayResult.Outcome#IDENTICAL_EXCEPT_VERSION}). When the log was masked and no mask is given, the
 * masked paths (listed in each record) are left out of the comparison on both sides and the detail says how
 * many; give the same mask (the same key) to compare every byte. A masked path that decides the verdict
 * ({@code verdict}, {@code waived}, or a rule's {@code status}, {@code blocking}, {@code enforcement},
 * {@code id}, {@code waiver}, or an ancestor of one) is never set aside silently: clinigate's masking never
 * hides these unless a decision path names them, and a record rewritten to flip its verdict could list them
 * as masked to escape the comparison, so such a record is {@link ReplayResult.Outcome#UNCONFIRMED} without the
 * mask. The evaluation time is the logged {@code evaluatedAt}, so time-dependent rules (waiver expiry) replay
 * as they were.
 */
public final class AuditReplay {
  /** Most differences listed per record. */
  public static final int MAX_DIFFERENCES = 10;

  private AuditReplay() {}

  /** Replays every record. */
  public static ReplayReport replay(List<AuditRecord> records, String source, ContentStore policies,
      ContentStore evidence, PhiMask mask) {
    List<ReplayResult> out = new ArrayList<>();
    for (AuditRecord r : records) {
      out.add(replay(r, policies, evidence, mask));
    }
    return new ReplayReport(source, out);
  }

  /** The re-evaluated decision of a record, and what its mask needs. */
  private record Fresh(JsonObject decision, Optional<JsonObject> review, JsonObject evidence, String policySha256) {}

  /** Re-evaluates a record from the stores; a {@link ReplayResult} when it cannot be. */
  private static Object fresh(AuditRecord record, ContentStore policies, ContentStore inputs) {
    long seq = record.seq();
    try {
      Policy p = policies.policy(record.policy().sha256());
      if (p.kind() != record.kind().policyKind()) {
        return notReplayable(seq, "the stored policy is a " + p.kind().yamlName() + ", but the record is a "
            + record.kind().jsonName() + " decision, which a " + record.kind().policyKind().yamlName() + " makes");
      }
      Optional<java.time.Instant> at = record.evaluatedAt();
      if (p instanceof PromotionPolicy pp) {
        Evidence ev = inputs.evidence(record.evidenceSha256());
        return new Fresh(evaluate(pp, ev, record).toJson(), Optional.empty(), ev.json(), pp.sha256());
      }
      if (p instanceof RollbackPolicy rp) {
        List<MonitoringWindow> ws = inputs.windows(record.evidenceSha256());
        return new Fresh(rp.evaluate(ws, at).toJson(), Optional.empty(),
            JsonObject.builder().put("windows", ContentStore.windowsDocument(ws)).build(), rp.sha256());
      }
      ReviewPolicy vp = (ReviewPolicy) p;
      Inference in = inputs.inference(record.evidenceSha256());
      return new Fresh(vp.evaluate(in, at).toJson(), Optional.of(AuditChain.reviewMember(in)), in.toJson(),
          vp.sha256());
    } catch (ClinigateException e) {
      return notReplayable(seq, e.problems().get(0).render().replace('\n', ' '));
    }
  }

  /** Replays one record. */
  public static ReplayResult replay(AuditRecord record, ContentStore policies, ContentStore evidence, PhiMask mask) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(mask, "mask");
    long seq = record.seq();
    Object f = fresh(record, policies, evidence);
    if (f instanceof ReplayResult notReplayable) {
      return notReplayable;
    }
    Fresh fresh = (Fresh) f;
    // a review record's review member is compared with the decision: one document {decision, review}
    boolean review = record.kind() == AuditRecord.Kind.REVIEW;
    JsonObject replayed = fresh.decision();
    JsonObject logged = record.decision();
    Optional<JsonObject> replayedReview = fresh.review();
    Optional<JsonObject> loggedReview = record.review();
    List<String> masked = decisionPaths(record.masked());
    String note = "";
    List<String> verdictHiding = List.of();
    if (!mask.isEmpty()) {
      AuditChain.Masked m = AuditChain.mask(mask, replayed, replayedReview, fresh.evidence());
      replayed = m.decision();
      replayedReview = m.review();
      if (!m.masked().equals(record.masked())) {
        return new ReplayResult(seq, ReplayResult.Outcome.DIFFERENT, "the mask hides other paths than the logged "
            + "record lists: " + decisionPaths(m.masked()) + " instead of " + masked + " (a different mask?)",
            List.of());
      }
    } else if (!masked.isEmpty()) {
      verdictHiding = masked.stream().filter(p -> decidesVerdict(record.kind(), p)).toList();
      for (String p : masked) {
        if (p.startsWith("$.review")) {
          String inner = "$" + p.substring("$.review".length());
          loggedReview = loggedReview.map(x -> (JsonObject) JsonPaths.remove(x, inner));
          replayedReview = replayedReview.map(x -> (JsonObject) JsonPaths.remove(x, inner));
          continue;
        }
        logged = (JsonObject) JsonPaths.remove(logged, p);
        replayed = (JsonObject) JsonPaths.remove(replayed, p);
      }
      note = "; " + masked.size() + " masked value" + (masked.size() == 1 ? "" : "s")
          + " not compared (give the log's mask to compare them)";
    }
    String loggedVersion = version(logged);
    String replayedVersion = version(replayed);
    boolean versionDiffers = !loggedVersion.equals(replayedVersion);
    if (versionDiffers) {
      replayed = withVersion(replayed, loggedVersion);
    }
    String what = record.policy().name() + " v" + record.policy().versionText() + ", "
        + (record.kind() == AuditRecord.Kind.PROMOTION ? "" : record.kind().jsonName() + " ") + record.verdict()
        + record.evaluatedAt().map(t -> ", evaluated at " + t).orElse(", no evaluation time");
    boolean reviewSame = loggedReview.equals(replayedReview);
    if (Json.canonical(replayed).equals(Json.canonical(logged)) && reviewSame) {
      if (!verdictHiding.isEmpty()) {
        return new ReplayResult(seq, ReplayResult.Outcome.UNCONFIRMED, what + ": every compared field is identical, "
            + "but the record masks " + String.join(", ", verdictHiding) + ", which decides the verdict; give the "
            + "log's mask to confirm it", List.of());
      }
      if (versionDiffers) {
        return new ReplayResult(seq, ReplayResult.Outcome.IDENTICAL_EXCEPT_VERSION, what + ": identical except "
            + "clinigate.version (logged " + loggedVersion + ", replayed with " + replayedVersion + ")" + note, List.of());
      }
      return new ReplayResult(seq, ReplayResult.Outcome.IDENTICAL, what + note, List.of());
    }
    List<String> diffs = new ArrayList<>();
    for (JsonDiff.Difference d : JsonDiff.between(logged, replayed, MAX_DIFFERENCES)) {
      diffs.add(d.render());
    }
    if (review && !reviewSame && diffs.size() < MAX_DIFFERENCES) {
      JsonValue a = loggedReview.map(x -> (JsonValue) x).orElse(dev.clinigate.json.JsonNull.INSTANCE);
      JsonValue b = replayedReview.map(x -> (JsonValue) x).orElse(dev.clinigate.json.JsonNull.INSTANCE);
      for (JsonDiff.Difference d : JsonDiff.between(a, b, MAX_DIFFERENCES - diffs.size())) {
        // the record's path: $.review.action: "approve" -> "override"
        diffs.add("$.review" + d.path().substring(1) + ": " + d.before() + " -> " + d.after());
      }
    }
    String why = fresh.policySha256().equals(record.policy().sha256()) ? ""
        : "; this version writes the stored policy's canonical document differently (sha256 now "
            + fresh.policySha256() + ")";
    return new ReplayResult(seq, ReplayResult.Outcome.DIFFERENT, what + ": the replayed decision differs (logged "
        + "value first)" + why + note, diffs);
  }

  /** Evaluates {@code policy} on {@code evidence} at the record's evaluation time. */
  static Decision evaluate(PromotionPolicy policy, Evidence evidence, AuditRecord record) {
    return record.evaluatedAt().map(t -> policy.evaluate(evidence, Clock.fixed(t, ZoneOffset.UTC)))
        .orElseGet(() -> policy.evaluate(evidence));
  }

  /** Whether masking {@code decisionPath} could hide what decides a promotion verdict (it or one of its ancestors). */
  static boolean decidesVerdict(String decisionPath) {
    return decidesVerdict(AuditRecord.Kind.PROMOTION, decisionPath);
  }

  /**
   * Whether masking {@code path} (a decision path, or a record path under {@code $.review}) could hide what
   * decides the outcome of a record of this kind.
   */
  static boolean decidesVerdict(AuditRecord.Kind kind, String path) {
    if (path.startsWith("$.review")) {
      return false; // the review member is compared in full with the mask; without it, its free strings are set aside
    }
    String shape = JsonPaths.shape(path);
    List<String> fields = switch (kind) {
      case PROMOTION -> VERDICT_FIELDS;
      case ROLLBACK -> ROLLBACK_FIELDS;
      case REVIEW -> REVIEW_FIELDS;
    };
    for (String field : fields) {
      if (field.equals(shape) || field.startsWith(shape.equals("$") ? "$" : shape + ".")
          || field.startsWith(shape + "[") || shape.startsWith(field + ".") || shape.startsWith(field + "[")) {
        return true;
      }
    }
    return false;
  }

  private static final List<String> VERDICT_FIELDS = List.of("$.verdict", "$.waived", "$.rules[*].status",
      "$.rules[*].blocking", "$.rules[*].enforcement", "$.rules[*].id", "$.rules[*].waiver");
  private static final List<String> ROLLBACK_FIELDS = List.of("$.verdict", "$.rollbackTo", "$.inconclusive",
      "$.fired", "$.rules[*].status", "$.rules[*].id", "$.rules[*].severity");
  private static final List<String> REVIEW_FIELDS = List.of("$.route", "$.proceed", "$.reason", "$.rule.id",
      "$.rule.route");

  /** Record paths ({@code $.decision.rules[3].message}) as decision paths ({@code $.rules[3].message}). */
  static List<String> decisionPaths(List<String> recordPaths) {
    List<String> out = new ArrayList<>();
    for (String p : recordPaths) {
      out.add(p.startsWith("$.decision") ? "$" + p.substring("$.decision".length()) : p);
    }
    return out;
  }

  private static ReplayResult notReplayable(long seq, String why) {
    return new ReplayResult(seq, ReplayResult.Outcome.NOT_REPLAYABLE, why, List.of());
  }

  private static String version(JsonObject decision) {
    return decision.get("clinigate").filter(c -> c instanceof JsonObject).flatMap(c -> ((JsonObject) c).get("version"))
        .map(v -> v instanceof JsonString s ? s.value() : v.toString()).orElse("");
  }

  private static JsonObject withVersion(JsonObject decision, String version) {
    Map<String, JsonValue> m = new LinkedHashMap<>(decision.members());
    m.put("clinigate", JsonObject.builder().put("version", version).build());
    return new JsonObject(m);
  }
}
