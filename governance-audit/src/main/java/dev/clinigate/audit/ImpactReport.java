package dev.clinigate.audit;

import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new policy would have decided on the decisions already logged, decision by decision and rule by
 * rule.
 *
 * @param policy the new policy, as {@code name vVERSION}
 * @param policySha256 the new policy's SHA-256
 * @param source the log's name
 * @param decisions every re-evaluated decision, in log order (flipped or not)
 * @param skipped how many records were of other policies and left out
 * @param notReevaluated records that could not be re-evaluated, with the reason
 * @param notes remarks about the analysis (masked records, ...)
 */
public record ImpactReport(String policy, String policySha256, String source, List<DecisionImpact> decisions,
    long skipped, List<String> notReevaluated, List<String> notes) {

  /** Validates and copies. */
  public ImpactReport {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policySha256, "policySha256");
    Objects.requireNonNull(source, "source");
    decisions = List.copyOf(decisions);
    notReevaluated = List.copyOf(notReevaluated);
    notes = List.copyOf(notes);
  }

  /**
   * One logged decision under the new policy.
   *
   * @param seq the record's seq
   * @param evaluatedAt its evaluation time
   * @param loggedPolicy the policy it was logged under, {@code name vVERSION}
   * @param before the logged verdict
   * @param after the verdict under the new policy
   * @param changes the results whose status or blocking changed, in the new policy's order
   */
  public record DecisionImpact(long seq, Optional<Instant> evaluatedAt, String loggedPolicy, String before, String after,
      List<RuleChange> changes) {
    /** Validates and copies. */
    public DecisionImpact {
      Objects.requireNonNull(evaluatedAt, "evaluatedAt");
      changes = List.copyOf(changes);
    }

    /** Whether the verdict changed. */
    public boolean flipped() {
      return !before.equals(after);
    }
  }

  /**
   * One result that changed.
   *
   * @param rule the rule id, with its subject in brackets when it has one ({@code subgroup-calibration [site=east]})
   * @param before the logged status, or {@code ABSENT}
   * @param after the new status, or {@code ABSENT}
   * @param blockingBefore whether it blocked the logged decision
   * @param blockingAfter whether it blocks under the new policy
   * @param message the new result's message, or the logged one when the result is gone
   */
  public record RuleChange(String rule, String before, String after, boolean blockingBefore, boolean blockingAfter,
      String message) {}

  /** Decisions that flip from {@code from} to {@code to}. */
  public List<DecisionImpact> flips(String from, String to) {
    return decisions.stream().filter(d -> d.before().equals(from) && d.after().equals(to)).toList();
  }

  /** Whether any verdict changed. */
  public boolean anyFlip() {
    return decisions.stream().anyMatch(DecisionImpact::flipped);
  }

  /** The report for people (see docs/audit.md). */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("Impact of ").append(policy).append(" (sha256 ").append(policySha256, 0, 12).append("...) on ")
        .append(source).append('\n');
    b.append(String.format(Locale.ROOT, "%d decision%s re-evaluated, %d of other policies skipped, %d not "
        + "re-evaluated%n", decisions.size(), decisions.size() == 1 ? "" : "s", skipped, notReevaluated.size()));
    List<DecisionImpact> goToNoGo = flips("GO", "NO_GO");
    List<DecisionImpact> noGoToGo = flips("NO_GO", "GO");
    long unchanged = decisions.stream().filter(d -> !d.flipped()).count();
    b.append("  GO -> NO_GO  ").append(goToNoGo.size()).append(seqs(goToNoGo)).append('\n');
    b.append("  NO_GO -> GO  ").append(noGoToGo.size()).append(seqs(noGoToGo)).append('\n');
    b.append("  unchanged    ").append(unchanged).append('\n');
    for (DecisionImpact d : decisions) {
      if (!d.flipped()) {
        continue;
      }
      b.append('\n').append("seq ").append(d.seq()).append("  ")
          .append(d.evaluatedAt().map(Instant::toString).orElse("(no evaluation time)")).append("  logged under ")
          .append(d.loggedPolicy()).append(": ").append(d.before()).append(" -> ").append(d.after()).append('\n');
      int width = d.changes().stream().mapToInt(c -> c.rule().length()).max().orElse(0);
      for (RuleChange c : d.changes()) {
        b.append("  ").append(pad(c.rule(), width)).append("  ").append(c.before()).append(" -> ").append(c.after())
            .append("  ").append(c.message()).append('\n');
      }
    }
    Map<String, List<Long>> newly = new LinkedHashMap<>();
    Map<String, List<Long>> noLonger = new LinkedHashMap<>();
    for (DecisionImpact d : decisions) {
      for (RuleChange c : d.changes()) {
        newly.computeIfAbsent(c.rule(), k -> new ArrayList<>());
        noLonger.computeIfAbsent(c.rule(), k -> new ArrayList<>());
        if (!c.blockingBefore() && c.blockingAfter()) {
          newly.get(c.rule()).add(d.seq());
        } else if (c.blockingBefore() && !c.blockingAfter()) {
          noLonger.get(c.rule()).add(d.seq());
        }
      }
    }
    if (!newly.isEmpty()) {
      b.append('\n').append("Rule by rule:\n");
      int width = newly.keySet().stream().mapToInt(String::length).max().orElse(0);
      for (String rule : newly.keySet()) {
        List<Long> n = newly.get(rule);
        List<Long> l = noLonger.get(rule);
        b.append("  ").append(pad(rule, width)).append("  newly blocking in ").append(n.size()).append(seqList(n))
            .append(", no longer blocking in ").append(l.size()).append(seqList(l)).append('\n');
      }
    }
    for (String n : notReevaluated) {
      b.append("not re-evaluated: ").append(n).append('\n');
    }
    for (String n : notes) {
      b.append("note: ").append(n).append('\n');
    }
    return b.toString();
  }

  private static String seqs(List<DecisionImpact> ds) {
    List<Long> s = new ArrayList<>();
    ds.forEach(d -> s.add(d.seq()));
    return s.isEmpty() ? "" : "  (seq " + join(s) + ")";
  }

  private static String seqList(List<Long> s) {
    return s.isEmpty() ? "" : " (seq " + join(s) + ")";
  }

  private static String join(List<Long> s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(s.get(i));
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** As JSON, for tools. */
  public JsonObject toJson() {
    List<JsonValue> ds = new ArrayList<>();
    for (DecisionImpact d : decisions) {
      List<JsonValue> cs = new ArrayList<>();
      for (RuleChange c : d.changes()) {
        cs.add(JsonObject.builder().put("rule", c.rule()).put("before", c.before()).put("after", c.after())
            .put("blockingBefore", c.blockingBefore()).put("blockingAfter", c.blockingAfter())
            .put("message", c.message()).build());
      }
      ds.add(JsonObject.builder().put("seq", d.seq()).put("evaluatedAt", d.evaluatedAt().map(Instant::toString)
          .orElse(null)).put("loggedPolicy", d.loggedPolicy()).put("before", d.before()).put("after", d.after())
          .put("changes", new JsonArray(cs)).build());
    }
    return JsonObject.builder().put("policy", policy).put("sha256", policySha256).put("source", source)
        .put("decisions", new JsonArray(ds)).put("skipped", skipped)
        .put("notReevaluated", JsonArray.ofStrings(notReevaluated)).put("notes", JsonArray.ofStrings(notes)).build();
  }
}
