package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Problem;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.TriggerResult;
import dev.clinigate.TriggerStatus;
import dev.clinigate.Suggest;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.CaseDecision;
import dev.clinigate.testkit.CaseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one case against a rollback policy: monitoring windows in (a JSON Lines file or a list, plus patches
 * whose pointers index the window list), {@code verdict}, {@code rollbackTo}, {@code inconclusive} and
 * per-trigger {@code triggers} expectations out.
 *
 * <p>Design note: an expected trigger id the policy does not have is an error of the case, as is a window that
 * does not parse or is out of time order (located in the windows file or in the suite when the case does not
 * patch the windows; named by its index in the list when it does). A {@code probation:<id>} trigger that has no
 * result (probation was not active) is a failure, with the reason.
 */
final class RollbackCase {
  private RollbackCase() {}

  /** Every trigger id the policy's decisions can carry, in policy order: triggers, then probation triggers. */
  static List<String> triggerIds(RollbackPolicy p) {
    List<String> ids = new ArrayList<>();
    p.triggers().forEach(t -> ids.add(t.id()));
    p.probation().ifPresent(pr -> pr.triggers().forEach(t -> ids.add("probation:" + t.id())));
    return ids;
  }

  static CaseResult run(CaseRun c, RollbackPolicy policy) {
    // 1. expectations name triggers that exist
    List<String> ids = triggerIds(policy);
    JsonArray triggers = c.expect.get("triggers").orElse(null) instanceof JsonArray a ? a : new JsonArray(List.of());
    List<String> errors = new ArrayList<>();
    for (JsonValue v : triggers.elements()) {
      String id = Suite.str((JsonObject) v, "id").orElseThrow();
      if (!ids.contains(id)) {
        String hint = Suggest.closest(id, ids).map(s -> "; did you mean \"" + s + "\"?").orElse("");
        errors.add("trigger \"" + id + "\" does not exist in policy " + policy.metadata().name() + " (triggers: "
            + String.join(", ", ids) + ")" + hint);
      }
    }
    if (!errors.isEmpty()) {
      return c.error(errors);
    }
    // 2. windows: the case's, else the suite's; then the patches
    Optional<CaseRun.Input> in = c.input("windows");
    if (in.isEmpty()) {
      return c.error(List.of("the case has no windows: give windows (a JSON Lines file or a list of windows) in "
          + "the case or in spec.windows"));
    }
    RollbackDecision d;
    try {
      d = policy.evaluate(windows(c, in.get()), c.at());
    } catch (CaseRun.CaseError e) {
      return c.error(e.messages());
    } catch (ClinigateException e) {
      return c.error(CaseRun.lines(e));
    }
    // 3. expectations
    List<String> failures = new ArrayList<>();
    if (c.expect.get("verdict").orElse(null) instanceof JsonString v) {
      RollbackVerdict want = RollbackVerdict.valueOf(v.value());
      if (d.verdict() != want) {
        failures.add("expected verdict " + want + ", got " + d.verdict() + why(d));
      }
    }
    if (c.expect.get("rollbackTo").orElse(null) instanceof JsonString v && !d.rollbackTo().equals(Optional.of(
        v.value()))) {
      failures.add("expected rollbackTo " + v.value() + ", got " + d.rollbackTo().orElse(
          "none (the verdict is " + d.verdict() + d.disable().map(x -> ": " + x.message()).orElse("") + ")"));
    }
    if (c.expect.get("disableReason").orElse(null) instanceof JsonString v
        && !d.disable().map(x -> x.reason().name()).equals(Optional.of(v.value()))) {
      failures.add("expected disableReason " + v.value() + ", got " + d.disable().map(x -> x.reason().name() + ": "
          + x.message()).orElse("none (the verdict is " + d.verdict() + ")"));
    }
    if (c.expect.get("inconclusive").orElse(null) instanceof JsonBoolean v && v.value() != d.inconclusive()) {
      failures.add(v.value() ? "expected an inconclusive decision, but it is conclusive (verdict " + d.verdict() + ")"
          : "expected a conclusive decision, but it is inconclusive: " + (d.windowCount() == 0 ? "no windows"
              : "not judged: " + String.join(", ", withStatus(d, TriggerStatus.INCONCLUSIVE))));
    }
    for (JsonValue v : triggers.elements()) {
      check(d, policy, (JsonObject) v, failures);
    }
    return c.result(failures, new CaseDecision.Rollback(d));
  }

  private static String why(RollbackDecision d) {
    return switch (d.verdict()) {
      case ROLLBACK -> "; fired: " + String.join(", ", withStatus(d, TriggerStatus.FIRED));
      case DISABLE -> "; " + d.disable().orElseThrow().message();
      case REAPPROVE -> ": no rollback trigger fired; reapprove: " + String.join(", ",
          withStatus(d, TriggerStatus.REAPPROVE));
      case HOLD -> whyHold(d);
    };
  }

  private static String whyHold(RollbackDecision d) {
    StringBuilder b = new StringBuilder(": no rollback trigger fired");
    List<String> alerts = withStatus(d, TriggerStatus.ALERT);
    List<String> suppressed = withStatus(d, TriggerStatus.SUPPRESSED);
    List<String> inconclusive = withStatus(d, TriggerStatus.INCONCLUSIVE);
    if (!alerts.isEmpty()) {
      b.append("; alerts: ").append(String.join(", ", alerts));
    }
    if (!suppressed.isEmpty()) {
      b.append("; suppressed by the cooldown: ").append(String.join(", ", suppressed));
    }
    if (!inconclusive.isEmpty()) {
      b.append("; inconclusive: ").append(String.join(", ", inconclusive));
    }
    return b.toString();
  }

  private static List<String> withStatus(RollbackDecision d, TriggerStatus s) {
    return d.triggers().stream().filter(t -> t.status() == s).map(TriggerResult::id).toList();
  }

  private static void check(RollbackDecision d, RollbackPolicy policy, JsonObject e, List<String> failures) {
    String id = Suite.str(e, "id").orElseThrow();
    Optional<TriggerResult> result = d.triggers().stream().filter(t -> t.id().equals(id)).findFirst();
    if (result.isEmpty()) {
      int n = policy.probation().map(RollbackPolicy.Probation::windows).orElse(0);
      failures.add("the decision has no result for trigger " + id + " (probation triggers are judged only in the "
          + "first " + n + " window" + (n == 1 ? "" : "s") + " of a model version that replaced another in the "
          + "window list)");
      return;
    }
    TriggerResult r = result.get();
    Optional<String> subject = Suite.str(e, "subject");
    if (subject.isPresent() && !r.subject().equals(subject)) {
      failures.add("trigger " + id + " judges " + r.subject().orElse("the error budget burn rate (no metric)")
          + ", not " + subject.get());
      return;
    }
    Optional<TriggerStatus> status = Suite.str(e, "status").map(TriggerStatus::valueOf);
    if (status.isPresent() && r.status() != status.get()) {
      failures.add(id + ": expected status " + status.get() + ", got " + r.status() + ": " + r.message());
    }
    Optional<String> contains = Suite.str(e, "messageContains");
    if (contains.isPresent() && !r.message().contains(contains.get())) {
      failures.add(id + ": message does not contain \"" + contains.get() + "\": " + r.message());
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // windows

  private static List<MonitoringWindow> windows(CaseRun c, CaseRun.Input in) {
    if (in.file().isPresent()) {
      Path p = c.file(in, "windows");
      String display = c.suite.displayOf(in.file().get());
      String text = c.read(p);
      if (!c.patched()) {
        try {
          return MonitoringWindow.parseJsonLines(text, display);
        } catch (ClinigateException e) {
          throw new CaseRun.CaseError(CaseRun.lines(e));
        }
      }
      return convert(c, c.patch(jsonLines(text, display), "window list"), Optional.empty());
    }
    JsonValue v = c.patched() ? c.patch(in.value(), "window list") : in.value();
    return convert(c, v, c.patched() ? Optional.empty() : Optional.of(in.path()));
  }

  /** The windows of a JSON Lines text as a list (blank lines and {@code #} comments skipped). */
  private static JsonArray jsonLines(String text, String display) {
    List<JsonValue> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      try {
        out.add(Json.parse(line, display).root());
      } catch (ClinigateException e) {
        for (Problem p : e.problems()) {
          errors.add(CaseRun.oneLine(new Problem(display, i + 1, p.column(), p.path(), p.message(), p.hint(), "")));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new CaseRun.CaseError(errors);
    }
    return new JsonArray(out);
  }

  /**
   * The windows of a list. With {@code at} (the list's path in the suite), problems are located in the suite;
   * without (the list was patched), they name the window's index.
   */
  private static List<MonitoringWindow> convert(CaseRun c, JsonValue list, Optional<String> at) {
    if (!(list instanceof JsonArray a)) {
      throw new CaseRun.CaseError("the windows must be a list of windows, found a " + kind(list));
    }
    List<MonitoringWindow> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String label = "windows[" + i + "]";
      JsonValue el = a.get(i);
      if (!(el instanceof JsonObject)) {
        errors.add(where(c, at, i, "$", "a window must be a mapping {start, end, ...}, found a " + kind(el), ""));
        continue;
      }
      MonitoringWindow w;
      try {
        w = MonitoringWindow.parse(Json.compact(el), label);
      } catch (ClinigateException e) {
        for (Problem p : e.problems()) {
          errors.add(where(c, at, i, p.path(), p.message(), p.hint()));
        }
        continue;
      }
      if (!out.isEmpty() && errors.isEmpty()) {
        MonitoringWindow prev = out.get(out.size() - 1);
        if (w.start().isBefore(prev.end())) {
          String what = w.start().isBefore(prev.start()) ? "out of order" : "overlapping";
          errors.add(where(c, at, i, "$.start", "window " + what + ": it starts at " + w.start() + ", before the "
              + "previous window (windows[" + (i - 1) + "]) ends at " + prev.end(), "sort windows by start time; "
              + "each window must start at or after the previous one's end"));
          continue;
        }
      }
      out.add(w);
    }
    if (!errors.isEmpty()) {
      throw new CaseRun.CaseError(errors);
    }
    return out;
  }

  /** A problem of window {@code i} at {@code path} (relative to the window), located where the list allows. */
  private static String where(CaseRun c, Optional<String> at, int i, String path, String message, String hint) {
    return c.locate(at.map(a -> a + "[" + i + "]"), "windows[" + i + "]", path, message, hint);
  }

  private static String kind(JsonValue v) {
    return v.kind().name().toLowerCase(Locale.ROOT);
  }
}
