package dev.clinigate.reports;

import dev.clinigate.Decision;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.RuleResult;
import dev.clinigate.SourceMap;
import dev.clinigate.SourcePosition;
import dev.clinigate.Status;
import dev.clinigate.TriggerResult;
import dev.clinigate.TriggerStatus;
import dev.clinigate.contracts.ContractResult;
import dev.clinigate.contracts.Violation;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.Coverage;
import dev.clinigate.testkit.Outcome;
import dev.clinigate.testkit.RuleCoverage;
import dev.clinigate.testkit.SuiteResult;
import dev.clinigate.testkit.TestRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Builds {@link Report}s from what clinigate produces: decisions, contract results and policy test runs.
 *
 * <pre>{@code
 * Decision d = policy.evaluate(evidence);
 * Files.writeString(Path.of("target/clinigate.sarif"), ReportFormat.SARIF.render(Reports.of(d, policy, Path.of("policy.yaml"))));
 * }</pre>
 */
public final class Reports {
  private Reports() {}

  /**
   * One item per rule result, located where the policy's {@link SourceMap} says the rule is written (a rule
   * inherited through {@code extends} in its base file): blocking results fail; advisory and waived failures warn;
   * non-blocking insufficient data is not judged.
   *
   * @param d the decision
   * @param policy the policy that made it (its source map locates the rules)
   * @param policyFile the policy's file as the report should name it (e.g. relative to the project); base files are
   *     named relative to it
   */
  public static Report of(Decision d, PromotionPolicy policy, Path policyFile) {
    Locations loc = new Locations(policy.sourceMap(), policyFile);
    String group = d.policy().name() + " v" + d.policy().version();
    List<ReportItem> items = new ArrayList<>();
    for (RuleResult r : d.rules()) {
      ReportItem.Outcome o = r.blocking() ? ReportItem.Outcome.FAIL
          : r.status() == Status.PASS ? ReportItem.Outcome.PASS
          : r.status() == Status.INSUFFICIENT_DATA ? ReportItem.Outcome.SKIP : ReportItem.Outcome.WARN;
      items.add(loc.item(group, r.label(), r.id(), o, r.status().name(), r.message(), loc.map().rule(r.id())));
    }
    long blocking = d.blocking().size();
    long pass = d.rules().stream().filter(r -> r.status() == Status.PASS).count();
    String summary = String.format(Locale.ROOT, "%d blocking, %d passed, %d not blocking (advisory, waived or "
        + "insufficient data)", blocking, pass, d.rules().size() - blocking - pass);
    return new Report(group + ": " + d.verdict().name() + (d.waived() ? " (with waivers)" : ""), summary, d.isGo(),
        items);
  }

  /**
   * One item per trigger result of a rollback decision, located at the trigger in the policy file (results of the
   * engine itself at the key behind them, else at {@code spec}): a fired rollback or reapprove trigger fails, and so
   * does a rollback suppressed by the cooldown (it disables the model); alerts warn; inconclusive triggers are not
   * judged.
   */
  public static Report of(RollbackDecision d, RollbackPolicy policy, Path policyFile) {
    Locations loc = new Locations(policy.sourceMap(), policyFile);
    String group = d.policy().name() + " v" + d.policy().version();
    List<ReportItem> items = new ArrayList<>();
    for (TriggerResult t : d.triggers()) {
      ReportItem.Outcome o = switch (t.status()) {
        case PASS -> ReportItem.Outcome.PASS;
        case FIRED, SUPPRESSED, REAPPROVE -> ReportItem.Outcome.FAIL;
        case ALERT -> ReportItem.Outcome.WARN;
        case INCONCLUSIVE -> ReportItem.Outcome.SKIP;
      };
      String name = t.subject().map(s -> t.id() + " [" + s + "]").orElse(t.id());
      SourceMap m = loc.map();
      items.add(loc.item(group, name, t.id(), o, t.status().name(), t.message(),
          m.rule(t.id()).or(() -> m.key("$.spec." + t.id())).or(() -> m.key("$.spec"))));
    }
    long fired = d.triggers().stream().filter(t -> t.status() == TriggerStatus.FIRED).count();
    String summary = String.format(Locale.ROOT, "%d windows, %d rollback trigger%s fired%s", d.windowCount(), fired,
        fired == 1 ? "" : "s", d.rollbackTo().map(v -> ", roll back to " + v)
            .or(() -> d.disable().map(x -> ", fall back to the non-AI workflow: " + x.message())).orElse(""));
    return new Report(group + ": " + d.verdict().name(), summary, d.verdict() == RollbackVerdict.HOLD, items);
  }

  /**
   * One failing item per contract violation, located at its feature (or table-level rule) in the contract
   * file, and one passing item per declared feature without violations.
   */
  public static Report of(ContractResult result, Path contractFile) {
    Locations loc = new Locations(result.contract().sourceMap(), contractFile);
    SourceMap m = loc.map();
    String group = "contract " + result.contract().name() + " v" + result.contract().version();
    List<ReportItem> items = new ArrayList<>();
    for (String feature : result.contract().featureNames()) {
      List<Violation> vs = result.violations().stream().filter(v -> v.column().equals(Optional.of(feature))).toList();
      if (vs.isEmpty()) {
        items.add(loc.item(group, "feature=" + feature, "feature", ReportItem.Outcome.PASS, "PASS",
            "Every rule of feature " + feature + " holds.", m.rule("feature:" + feature + ".name")));
      }
    }
    for (Violation v : result.violations()) {
      Optional<SourcePosition> at = v.column().isPresent()
          ? m.rule("feature:" + v.column().get() + "." + v.rule().id()).or(() -> m.rule("feature:" + v.column().get()))
          : Optional.empty();
      String id = v.rule().id();
      at = at.or(() -> m.key("$.spec." + id)).or(() -> m.key("$.spec"));
      String name = v.rule().id() + v.column().map(c -> " [" + c + "]").orElse("")
          + v.subject().filter(s -> !v.column().equals(Optional.of(s))).map(s -> " (" + s + ")").orElse("");
      items.add(loc.item(group, name, id, ReportItem.Outcome.FAIL, "FAIL", v.message(), at));
    }
    String summary = String.format(Locale.ROOT, "%d violations on %s (%d rows)", result.violations().size(),
        result.source(), result.rows());
    return new Report(group + ": " + result.status().name(), summary, result.passed(), items);
  }

  /**
   * One item per test case (located at the case in its suite), per suite-level failure or problem, per
   * untested policy when {@code requireTests}, and, when {@code coverageMin} is given, one coverage item per
   * policy (failing under the bar).
   */
  public static Report of(TestRun run, boolean requireTests, OptionalDouble coverageMin) {
    List<ReportItem> items = new ArrayList<>();
    for (SuiteResult s : run.suites()) {
      String group = s.name() + " (" + s.file() + ")";
      for (Problem p : s.problems()) {
        items.add(new ReportItem(group, "suite " + s.file(), "policy-test.invalid", ReportItem.Outcome.ERROR, "ERROR",
            p.message() + (p.hint().isEmpty() ? "" : " (hint: " + p.hint() + ")"), p.source(), p.line(), p.column()));
      }
      for (String f : s.failures()) {
        items.add(new ReportItem(group, "suite " + s.file(), "policy-test.suite", ReportItem.Outcome.FAIL, "FAIL", f,
            s.file(), 0, 0));
      }
      for (CaseResult c : s.cases()) {
        ReportItem.Outcome o = c.outcome() == Outcome.PASSED ? ReportItem.Outcome.PASS
            : c.outcome() == Outcome.FAILED ? ReportItem.Outcome.FAIL : ReportItem.Outcome.ERROR;
        String message = c.passed() ? "passed" : String.join("\n", c.messages());
        String ruleId = switch (c.outcome()) {
          case PASSED -> "policy-test.case";
          case FAILED -> "policy-test.failed";
          case ERROR -> "policy-test.error";
        };
        items.add(new ReportItem(group, c.name(), ruleId, o, c.outcome().name(), message, s.file(), c.line(),
            c.column()));
      }
    }
    for (String p : requireTests ? run.untestedPolicies() : List.<String>of()) {
      items.add(new ReportItem("untested policies", p, "policy-test.untested", ReportItem.Outcome.FAIL, "UNTESTED",
          "no PolicyTest suite tests this policy", p, 0, 0));
    }
    boolean coverageOk = true;
    if (coverageMin.isPresent()) {
      for (Coverage c : run.coverage()) {
        boolean ok = c.percent() >= coverageMin.getAsDouble();
        coverageOk &= ok;
        List<String> missing = new ArrayList<>();
        for (RuleCoverage r : c.uncovered()) {
          missing.add(r.label() + " (" + c.missing(r) + ")");
        }
        String message = String.format(Locale.ROOT, "coverage %s%% (%d of %d outcomes), minimum %s%%%s",
            dev.clinigate.json.Json.fixed(c.percent(), 1), c.coveredOutcomes(), c.totalOutcomes(), plain(coverageMin.getAsDouble()),
            missing.isEmpty() ? "" : "; uncovered: " + String.join(", ", missing));
        items.add(new ReportItem("coverage", "coverage " + c.policyName(), "policy-test.coverage",
            ok ? ReportItem.Outcome.PASS : ReportItem.Outcome.FAIL, ok ? "PASS" : "FAIL", message, c.policyFile(),
            0, 0));
      }
    }
    String summary = String.format(Locale.ROOT, "%d cases: %d passed, %d failed, %d errors", run.count(Outcome.PASSED)
        + run.count(Outcome.FAILED) + run.count(Outcome.ERROR), run.count(Outcome.PASSED), run.count(Outcome.FAILED),
        run.count(Outcome.ERROR)) + run.coveragePercent().stream().mapToObj(p -> "; coverage "
            + dev.clinigate.json.Json.fixed(p, 1) + "%").findFirst().orElse("");
    boolean passed = run.outcome() == Outcome.PASSED && (!requireTests || run.untestedPolicies().isEmpty())
        && coverageOk;
    return new Report("clinigate test: " + (passed ? "PASSED" : run.outcome() == Outcome.ERROR ? "ERROR" : "FAILED"),
        summary, passed, items);
  }

  /**
   * Names the files of source positions for a report: the main file as the caller names it, a base file relative to
   * it (as {@code extends} names it), so that SARIF paths stay relative when the policy was loaded by an absolute
   * path.
   */
  private record Locations(SourceMap map, Path file) {
    ReportItem item(String group, String name, String ruleId, ReportItem.Outcome o, String status, String message,
        Optional<SourcePosition> at) {
      if (at.isEmpty()) {
        return new ReportItem(group, name, ruleId, o, status, message, file.toString(), 0, 0);
      }
      SourcePosition p = at.get();
      return new ReportItem(group, name, ruleId, o, status, message, name(p.source()), p.line(), p.column());
    }

    private String name(String source) {
      Optional<String> main = map.value("$").map(SourcePosition::source);
      if (main.isEmpty() || main.get().equals(source)) {
        return file.toString();
      }
      Path mainDir = Path.of(main.get()).toAbsolutePath().normalize().getParent();
      Path relative = mainDir.relativize(Path.of(source).toAbsolutePath().normalize());
      return file.resolveSibling(relative).normalize().toString();
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : dev.clinigate.json.Json.number(d);
  }
}
