package dev.clinigate;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a policy against evidence: a verdict and one result per rule (and subject),
 * in policy order.
 *
 * <p>{@link #toJson()} is deterministic: the same policy and evidence give byte-identical
 * {@link #toCanonicalJson()} on every JVM, thread, locale and time zone. It carries the SHA-256 of the
 * canonical policy and evidence, the library version and the evaluation time when one was supplied.
 *
 * @param verdict GO when no result blocks
 * @param kind the kind of policy evaluated
 * @param policy the policy's metadata
 * @param policySha256 SHA-256 of the canonical policy
 * @param evidenceSha256 SHA-256 of the canonical evidence
 * @param evidenceSubjectSha256 SHA-256 of the canonical evidence without its approvals and waivers: what
 *     approvers sign ({@link Evidence#subjectSha256()})
 * @param evaluatedAt the evaluation time supplied by the caller (never read from the wall clock)
 * @param rules one result per rule and subject, in policy order
 */
public record Decision(Verdict verdict, Policy.Kind kind, PolicyMetadata policy, String policySha256,
    String evidenceSha256, String evidenceSubjectSha256, Optional<Instant> evaluatedAt, List<RuleResult> rules) {

  /** Validates that the verdict agrees with the results. */
  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policySha256, "policySha256");
    Objects.requireNonNull(evidenceSha256, "evidenceSha256");
    Objects.requireNonNull(evidenceSubjectSha256, "evidenceSubjectSha256");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    rules = List.copyOf(rules);
    boolean blocked = rules.stream().anyMatch(RuleResult::blocking);
    if (blocked != (verdict == Verdict.NO_GO)) {
      throw new IllegalArgumentException("verdict " + verdict + " disagrees with the results (blocking: " + blocked + ")");
    }
  }

  /** Whether the verdict is GO. */
  public boolean isGo() {
    return verdict == Verdict.GO;
  }

  /** Whether any result was waived (then a GO holds only because of the waivers). */
  public boolean waived() {
    return rules.stream().anyMatch(r -> r.status() == Status.WAIVED);
  }

  /** The results that block, in policy order. */
  public List<RuleResult> blocking() {
    return rules.stream().filter(RuleResult::blocking).toList();
  }

  /**
   * The decision as a JSON object: {@code verdict}, {@code waived}, {@code policy {kind, name, version,
   * sha256}}, {@code evidence {sha256, subjectSha256}}, {@code evaluatedAt}, {@code clinigate {version}},
   * {@code rules [...]}.
   */
  public JsonObject toJson() {
    List<JsonValue> rs = new ArrayList<>(rules.size());
    for (RuleResult r : rules) {
      rs.add(r.toJson());
    }
    JsonObject.Builder b = JsonObject.builder()
        .put("verdict", verdict.name())
        .put("waived", waived())
        .put("evidence", JsonObject.builder().put("sha256", evidenceSha256)
            .put("subjectSha256", evidenceSubjectSha256).build());
    return DecisionText.provenance(b, policy, kind.yamlName(), policySha256, evaluatedAt)
        .put("rules", new JsonArray(rs))
        .build();
  }

  /** Canonical JSON (sorted keys, no whitespace): the form to hash, store and compare. */
  public String toCanonicalJson() {
    return Json.canonical(toJson());
  }

  /** Indented JSON with sorted keys, for people and files. */
  public String toPrettyJson() {
    return Json.pretty(toJson());
  }

  /**
   * A plain-text explanation for people: the verdict first, then every result with blocking results
   * first and waived results next, then provenance (including the subject SHA-256 that approvers sign),
   * and, when the verdict is not GO, a "To reach GO:" list of every blocking result and what would
   * satisfy it.
   */
  public String explain() {
    StringBuilder b = new StringBuilder();
    long blockingCount = rules.stream().filter(RuleResult::blocking).count();
    long waivedCount = rules.stream().filter(r -> r.status() == Status.WAIVED).count();
    b.append(verdict.name()).append(DecisionText.titlePolicy(policy, kind.yamlName()));
    if (blockingCount > 0) {
      b.append(String.format(Locale.ROOT, ", %d blocking result%s", blockingCount, blockingCount == 1 ? "" : "s"));
    }
    if (waivedCount > 0) {
      b.append(String.format(Locale.ROOT, ", %d WAIVED result%s", waivedCount, waivedCount == 1 ? "" : "s"));
    }
    b.append('\n').append('\n');
    List<RuleResult> ordered = new ArrayList<>(rules);
    ordered.sort(Comparator.comparingInt(Decision::rank)); // stable: policy order within a rank
    DecisionText.table(b, ordered.stream()
        .map(r -> new DecisionText.Row(r.status().name(), r.label(), r.message())).toList());
    long pass = rules.stream().filter(r -> r.status() == Status.PASS).count();
    long nonBlocking = rules.size() - pass - blockingCount;
    b.append('\n').append(String.format(Locale.ROOT, "%d passed, %d blocking, %d not blocking (advisory, "
        + "waived or insufficient data)%n", pass, blockingCount, nonBlocking));
    DecisionText.hashes(b, List.of(new DecisionText.Hash("policy", policySha256),
        new DecisionText.Hash("evidence", evidenceSha256),
        new DecisionText.Hash("subject", evidenceSubjectSha256, " (approvals sign this)")), evaluatedAt);
    if (blockingCount > 0) {
      b.append('\n').append("To reach GO:\n");
      for (RuleResult r : rules) {
        if (r.blocking()) {
          b.append("  - ").append(r.label()).append(": ")
              .append(r.remedy().isEmpty() ? "resolve: " + r.message() : r.remedy()).append('\n');
        }
      }
    }
    return b.toString();
  }

  private static int rank(RuleResult r) {
    if (r.blocking()) {
      return 0;
    }
    if (r.status() == Status.WAIVED) {
      return 1;
    }
    return r.status() == Status.PASS ? 3 : 2;
  }
}
