package dev.clinigate.internal.rollback;

import dev.clinigate.NumberText;
import dev.clinigate.internal.rollback.TriggerState.Bucket;
import dev.clinigate.internal.rollback.TriggerState.Fire;
import dev.clinigate.internal.rollback.TriggerState.Obs;
import dev.clinigate.BurnRateTrigger;
import dev.clinigate.CusumTrigger;
import dev.clinigate.InputException;
import dev.clinigate.MetricTrigger;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Problem;
import dev.clinigate.RollbackDecision;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.RollbackTrigger;
import dev.clinigate.RollbackVerdict;
import dev.clinigate.Severity;
import dev.clinigate.TriggerResult;
import dev.clinigate.TriggerStatus;
import dev.clinigate.Durations;
import dev.clinigate.internal.Numbers;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rollback state machine: one {@link #step} per window, a {@link #decision} at any point. The
 * stateless {@link RollbackPolicy#evaluate} folds it over a list; {@code CircuitBreaker} keeps one and
 * exports/imports its state as JSON, so both reach the same decision by construction and the property
 * test checks the export/import round trip on top.
 *
 * <p>Design notes. A trigger's counting resets when the model version changes (a new model is judged
 * afresh); once a trigger fires it stays fired for that version (a breaker stays open until the model is
 * replaced). Inconclusive windows (fewer cases than {@code minCases}, an undefined metric) neither extend
 * nor break a streak and are skipped by {@code failuresInLast}; they count toward the inconclusive limit.
 * A rollback firing within the cooldown after a rollback of an earlier model version (i.e. against the
 * version rolled back to) is SUPPRESSED: rolling back again is not allowed, and since the version rolled back
 * to also breaches, the verdict is DISABLE (fail closed: never HOLD); it stays so for that version like any
 * firing. Triggers that fire for the same version as the rollback are all FIRED.
 *
 * <p>Verdict precedence: a due rollback (FIRED or SUPPRESSED) gives ROLLBACK when a deployable last-known-good
 * exists and DISABLE when none does (none named, the version now deployed, or a version that itself fired a
 * rollback trigger in this sequence); else a REAPPROVE firing gives REAPPROVE; else HOLD. Not thread-safe: the
 * breaker synchronises.
 */
public final class RollbackEngine {
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  final RollbackPolicy policy;
  long count;
  String chain = EMPTY_SHA256;
  Instant firstStart;
  Instant lastStart;
  Instant lastEnd;
  String version;
  String evidenceLastKnownGood;
  int probationLeft;
  boolean probationActive;
  Instant cooldownUntil;
  long segment;
  long cooldownSegment = -1;
  TriggerState[] main;
  TriggerState[] probation;
  /** Model versions for which a rollback trigger fired (FIRED or SUPPRESSED), in order of first firing. */
  final List<String> breachedVersions = new ArrayList<>();

  /** A fresh engine (no windows seen). */
  public RollbackEngine(RollbackPolicy policy) {
    this.policy = policy;
    this.main = fresh(policy.triggers());
    this.probation = fresh(policy.probation().map(RollbackPolicy.Probation::triggers).orElse(List.of()));
  }

  private static TriggerState[] fresh(List<RollbackTrigger> ts) {
    TriggerState[] out = new TriggerState[ts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new TriggerState();
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------

  /**
   * Feeds one window.
   *
   * @throws InputException when it starts before the previous window ended, or ends after {@code at}
   */
  public void step(MonitoringWindow w, Optional<Instant> at) {
    if (lastEnd != null && w.start().isBefore(lastEnd)) {
      String what = w.start().isBefore(lastStart) ? "out of order" : "overlapping";
      throw new InputException(Problem.at("windows", 0, 0, "window " + (count + 1) + " (" + w.label() + ") is " + what
          + ": it starts at " + w.start() + ", before the previous window ends at " + lastEnd,
          "feed windows in time order; each must start at or after the previous one's end"));
    }
    if (at.isPresent() && w.end().isAfter(at.get())) {
      throw new InputException(Problem.at("windows", 0, 0, "window " + (count + 1) + " (" + w.label() + ") ends at "
          + w.end() + ", after the evaluation time " + at.get(), "evaluate at or after the end of the last window"));
    }
    checkCusumInputs(w);
    count++;
    chain = sha256Hex(chain + Json.canonical(w.toJson()));
    if (firstStart == null) {
      firstStart = w.start();
    }
    lastStart = w.start();
    lastEnd = w.end();
    w.lastKnownGood().ifPresent(v -> evidenceLastKnownGood = v);
    if (w.modelVersion().isPresent()) {
      String v = w.modelVersion().get();
      if (version != null && !version.equals(v)) {
        main = fresh(policy.triggers());
        probation = fresh(policy.probation().map(RollbackPolicy.Probation::triggers).orElse(List.of()));
        probationLeft = policy.probation().map(RollbackPolicy.Probation::windows).orElse(0);
        probationActive = probationLeft > 0;
        segment++;
      }
      version = v;
    }
    List<RollbackTrigger> ts = policy.triggers();
    for (int i = 0; i < ts.size(); i++) {
      judge(ts.get(i), main[i], w);
    }
    if (probationLeft > 0) {
      List<RollbackTrigger> ps = policy.probation().orElseThrow().triggers();
      for (int i = 0; i < ps.size(); i++) {
        judge(ps.get(i), probation[i], w);
      }
      probationLeft--;
    }
  }

  private void judge(RollbackTrigger t, TriggerState s, MonitoringWindow w) {
    if (s.fired != null) {
      return; // a fired trigger stays fired for this model version
    }
    boolean met;
    if (t instanceof MetricTrigger m) {
      Boolean r = judgeMetric(m, s, w);
      if (r == null) {
        inconclusive(t, s, w);
        return;
      }
      met = r;
    } else if (t instanceof CusumTrigger c) {
      Boolean r = judgeCusum(c, s, w);
      if (r == null) {
        inconclusive(t, s, w);
        return;
      }
      met = r;
    } else {
      Boolean r = judgeBurn((BurnRateTrigger) t, s, w);
      if (r == null) {
        inconclusive(t, s, w);
        return;
      }
      met = r;
    }
    s.judged = true;
    s.inconclusive = 0;
    s.inconclusiveWindows.clear();
    if (!met) {
      return;
    }
    fire(t, t.severity(), s, w, firingMessage(t, s), firingWindows(t, s), s.lastObserved);
  }

  private void inconclusive(RollbackTrigger t, TriggerState s, MonitoringWindow w) {
    s.inconclusive++;
    s.inconclusiveWindows.add(w.label());
    Optional<RollbackPolicy.InconclusiveLimit> limit = policy.inconclusiveLimit();
    if (limit.isPresent() && s.inconclusive >= limit.get().windows()) {
      int n = limit.get().windows();
      List<String> ws = s.inconclusiveWindows.subList(s.inconclusiveWindows.size() - n, s.inconclusiveWindows.size());
      fire(t, limit.get().severity(), s, w, subjectOf(t) + " could not be judged in " + n + " consecutive window"
          + (n == 1 ? "" : "s") + " (inconclusiveLimit " + n + "): " + s.note, ws, OptionalDouble.empty());
    }
  }

  private void fire(RollbackTrigger t, Severity severity, TriggerState s, MonitoringWindow w, String message,
      List<String> windows, OptionalDouble observed) {
    if (severity == Severity.ALERT || severity == Severity.REAPPROVE) {
      s.fired = new Fire(severity == Severity.ALERT ? TriggerStatus.ALERT : TriggerStatus.REAPPROVE, w.end(), message,
          List.copyOf(windows), observed);
      return;
    }
    if (version != null && !breachedVersions.contains(version)) {
      breachedVersions.add(version);
    }
    if (cooldownUntil != null && segment != cooldownSegment && !w.end().isAfter(cooldownUntil)) {
      s.fired = new Fire(TriggerStatus.SUPPRESSED, w.end(), message + " Not rolled back again: within the cooldown "
          + "until " + cooldownUntil + " after the previous rollback.", List.copyOf(windows), observed);
      return;
    }
    s.fired = new Fire(TriggerStatus.FIRED, w.end(), message, List.copyOf(windows), observed);
    if (policy.cooldown().isPresent()) {
      cooldownUntil = w.end().plus(policy.cooldown().get());
      cooldownSegment = segment;
    }
  }

  /** True: the trigger's condition holds; false: it does not; null: the window is inconclusive for it. */
  private Boolean judgeMetric(MetricTrigger m, TriggerState s, MonitoringWindow w) {
    if (policy.minCases() > 0) {
      // a cohort trigger counts the cohort's cases when the window reports them (n[site=east])
      OptionalDouble cohortCases = m.cohortCountKey().map(w::metric).orElse(OptionalDouble.empty());
      if (cohortCases.isPresent()) {
        long n = (long) cohortCases.getAsDouble();
        if (n < policy.minCases()) {
          s.note = "window " + w.label() + " has " + NumberText.count(n) + " cases in cohort " + m.cohort().orElseThrow()
              + ", fewer than minCases " + NumberText.count(policy.minCases()) + ".";
          return null;
        }
      } else if (w.cases().isEmpty()) {
        s.note = "window " + w.label() + " reports no case count (minCases " + policy.minCases() + ").";
        return null;
      } else if (w.cases().getAsLong() < policy.minCases()) {
        s.note = "window " + w.label() + " has " + NumberText.count(w.cases().getAsLong()) + " cases, fewer than minCases "
            + NumberText.count(policy.minCases()) + ".";
        return null;
      }
    }
    OptionalDouble v = w.metric(m.metric());
    Obs obs;
    if (v.isEmpty()) {
      String why = w.reported(m.metric()) ? " is undefined (null or NaN) in window " : " is missing from window ";
      if (m.onUndefined() == MetricTrigger.OnUndefined.INCONCLUSIVE) {
        s.note = m.metric() + why + w.label() + (w.reported(m.metric()) || m.cohort().isEmpty() ? "."
            : ": the cohort " + m.cohort().get() + " is absent, which is insufficient data, not a pass.");
        return null;
      }
      obs = new Obs(w.label(), OptionalDouble.empty(), true);
      s.lastObserved = OptionalDouble.empty();
    } else {
      obs = new Obs(w.label(), v, m.breaches(v.getAsDouble()));
      s.lastObserved = v;
    }
    if (m.failuresInLast()) {
      s.recent.addLast(obs);
      while (s.recent.size() > m.of()) {
        s.recent.removeFirst();
      }
      return breaches(s) >= m.k();
    }
    if (obs.breach()) {
      s.streak++;
      s.recent.addLast(obs);
      while (s.recent.size() > m.k()) {
        s.recent.removeFirst();
      }
    } else {
      s.streak = 0;
      s.recent.clear();
    }
    s.note = obs.label();
    return s.streak >= m.k();
  }

  private static int breaches(TriggerState s) {
    int n = 0;
    for (Obs o : s.recent) {
      if (o.breach()) {
        n++;
      }
    }
    return n;
  }

  private Boolean judgeBurn(BurnRateTrigger b, TriggerState s, MonitoringWindow w) {
    s.buckets.addLast(new Bucket(w.start(), w.end(), w.errors().orElse(-1), w.requests().orElse(-1)));
    Instant longFrom = w.end().minus(b.longWindow());
    while (!s.buckets.isEmpty() && !s.buckets.peekFirst().end().isAfter(longFrom)) {
      s.buckets.removeFirst();
    }
    Instant shortFrom = w.end().minus(b.shortWindow());
    long longErr = 0;
    long longReq = 0;
    long shortErr = 0;
    long shortReq = 0;
    for (Bucket k : s.buckets) {
      if (k.requests() < 0 || k.errors() < 0) {
        continue;
      }
      longErr += k.errors();
      longReq += k.requests();
      if (k.end().isAfter(shortFrom)) {
        shortErr += k.errors();
        shortReq += k.requests();
      }
    }
    if (shortReq == 0 || longReq == 0) {
      s.note = "no requests with error counts were reported within the " + Durations.format(
          shortReq == 0 ? b.shortWindow() : b.longWindow()) + " before the end of window " + w.label() + ".";
      return null;
    }
    double burnLong = ((double) longErr / longReq) / b.budget();
    double burnShort = ((double) shortErr / shortReq) / b.budget();
    s.lastObserved = OptionalDouble.of(Math.min(burnLong, burnShort));
    boolean met = burnLong >= b.rate() && burnShort >= b.rate();
    s.note = "the error budget (SLO " + NumberText.plain(b.objective() * 100) + "%) burned "
        + Numbers.observed(burnLong, b.rate()) + "x over " + Durations.format(b.longWindow()) + " and "
        + Numbers.observed(burnShort, b.rate()) + "x over " + Durations.format(b.shortWindow()) + " at the end of window "
        + w.label() + (met ? ", both at least " : ", not both at least ") + NumberText.plain(b.rate()) + "x ("
        + NumberText.count(longErr) + " errors in " + NumberText.count(longReq) + " requests over "
        + Durations.format(b.longWindow()) + ").";
    return met;
  }

  /**
   * Observed and expected events of CUSUM triggers must be non-negative whatever their keys are called
   * (the default keys {@code observed_events} and {@code expected_events} are checked with their line when
   * the windows are parsed): a negative count would pull the sum down and hide an excess of events.
   */
  private void checkCusumInputs(MonitoringWindow w) {
    List<RollbackTrigger> all = new ArrayList<>(policy.triggers());
    policy.probation().ifPresent(p -> all.addAll(p.triggers()));
    for (RollbackTrigger t : all) {
      if (t instanceof CusumTrigger c) {
        for (String key : List.of(c.observed(), c.expected())) {
          OptionalDouble v = w.metric(key);
          if (v.isPresent() && v.getAsDouble() < 0) {
            throw new InputException(Problem.at("windows", 0, 0, "window " + (count + 1) + " (" + w.label() + "): " + key
                + " is " + NumberText.plain(v.getAsDouble()) + ", outside its domain >= 0 (read by CUSUM trigger " + c.id()
                + ")", "observed and expected events cannot be negative; correct the job that wrote this window"));
          }
        }
      }
    }
  }

  /**
   * One CUSUM step: {@code S = max(0, S + O ln R - E (R - 1))}, kept in {@code lastObserved}; {@code recent}
   * holds the windows since {@code S} was last 0 (the run that an alarm reports), the latest 100 at most.
   */
  private Boolean judgeCusum(CusumTrigger c, TriggerState s, MonitoringWindow w) {
    OptionalDouble o = w.metric(c.observed());
    OptionalDouble e = w.metric(c.expected());
    if (o.isEmpty() || e.isEmpty()) {
      String key = o.isEmpty() ? c.observed() : c.expected();
      s.note = key + (w.reported(key) ? " is undefined (null or NaN) in window " : " is missing from window ")
          + w.label() + ".";
      return null;
    }
    double next = Math.max(0, s.lastObserved.orElse(0) + c.increment(o.getAsDouble(), e.getAsDouble()));
    s.lastObserved = OptionalDouble.of(next);
    boolean met = next > c.h();
    if (next == 0) {
      s.recent.clear();
    } else {
      s.recent.addLast(new Obs(w.label(), OptionalDouble.of(next), met));
      while (s.recent.size() > 100) {
        s.recent.removeFirst();
      }
    }
    s.note = "the CUSUM of " + c.observed() + " against " + c.expected() + " (odds ratio " + NumberText.plain(c.oddsRatio())
        + ") is " + Numbers.observed(next, c.h()) + " after window " + w.label() + " (O = " + NumberText.plain(o.getAsDouble())
        + ", E = " + NumberText.plain(e.getAsDouble()) + "), " + (met ? "above" : "not above") + " h = "
        + NumberText.plain(c.h()) + ".";
    return met;
  }

  private static String subjectOf(RollbackTrigger t) {
    if (t instanceof CusumTrigger c) {
      return "the CUSUM of " + c.observed() + " against " + c.expected();
    }
    return t instanceof MetricTrigger m ? m.metric() : "the error budget burn rate";
  }

  private static String boundPhrase(MetricTrigger m) {
    if (m.min().isPresent() && m.max().isPresent()) {
      return "outside [" + NumberText.plain(m.min().getAsDouble()) + ", " + NumberText.plain(m.max().getAsDouble()) + "]";
    }
    return m.max().isPresent() ? "above the maximum " + NumberText.plain(m.max().getAsDouble())
        : "below the minimum " + NumberText.plain(m.min().getAsDouble());
  }

  private static String values(MetricTrigger m, List<Obs> obs) {
    List<String> parts = new ArrayList<>();
    double[] bounds = m.min().isPresent() && m.max().isPresent()
        ? new double[] {m.min().getAsDouble(), m.max().getAsDouble()}
        : new double[] {m.min().orElse(m.max().orElse(0))};
    for (Obs o : obs) {
      parts.add((o.value().isPresent() ? Numbers.observed(o.value().getAsDouble(), bounds) : "undefined") + " ("
          + o.label() + ")");
    }
    return String.join(", ", parts);
  }

  private static List<Obs> breaching(TriggerState s) {
    return s.recent.stream().filter(Obs::breach).toList();
  }

  private static String firingMessage(RollbackTrigger t, TriggerState s) {
    if (t instanceof MetricTrigger m) {
      List<Obs> bad = breaching(s);
      if (m.failuresInLast()) {
        return m.metric() + " was " + boundPhrase(m) + " in " + bad.size() + " of the last " + s.recent.size()
            + " judged windows (failuresInLast " + m.k() + " of " + m.of() + "): " + values(m, bad) + ".";
      }
      return m.metric() + " was " + boundPhrase(m) + " in " + m.k() + " consecutive judged window"
          + (m.k() == 1 ? "" : "s") + ": " + values(m, bad) + ".";
    }
    if (t instanceof CusumTrigger c) {
      List<String> run = s.recent.stream()
          .map(o -> Numbers.observed(o.value().orElse(0), c.h()) + " (" + o.label() + ")").toList();
      return "CUSUM: " + s.note + " S since it was last 0: " + String.join(", ", run) + ".";
    }
    return "Burn rate: " + s.note;
  }

  private static List<String> firingWindows(RollbackTrigger t, TriggerState s) {
    if (t instanceof MetricTrigger) {
      return breaching(s).stream().map(Obs::label).toList();
    }
    if (t instanceof CusumTrigger) {
      return s.recent.stream().map(Obs::label).toList();
    }
    List<String> out = new ArrayList<>();
    BurnRateTrigger b = (BurnRateTrigger) t;
    Instant from = s.buckets.peekLast().end().minus(b.longWindow());
    for (Bucket k : s.buckets) {
      if (k.end().isAfter(from)) {
        out.add(k.start().toString());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------

  /** The decision after the windows fed so far. */
  public RollbackDecision decision(Optional<Instant> at) {
    List<TriggerResult> results = new ArrayList<>();
    List<RollbackTrigger> ts = policy.triggers();
    for (int i = 0; i < ts.size(); i++) {
      results.add(result(ts.get(i), ts.get(i).id(), main[i]));
    }
    if (probationActive) {
      // while probation lasts every probation trigger is reported; once its windows are over only a firing
      // is (it stays fired for the version), never a stale PASS or INCONCLUSIVE
      List<RollbackTrigger> ps = policy.probation().orElseThrow().triggers();
      for (int i = 0; i < ps.size(); i++) {
        if (probationLeft > 0 || probation[i].fired != null) {
          results.add(result(ps.get(i), "probation:" + ps.get(i).id(), probation[i]));
        }
      }
    }
    boolean suppressed = results.stream().anyMatch(r -> r.status() == TriggerStatus.SUPPRESSED);
    boolean due = suppressed || results.stream().anyMatch(r -> r.status() == TriggerStatus.FIRED);
    boolean inconclusive = count == 0
        || !due && results.stream().anyMatch(r -> r.status() == TriggerStatus.INCONCLUSIVE);
    Optional<String> to = Optional.empty();
    Optional<RollbackDecision.Disable> disable = Optional.empty();
    RollbackVerdict verdict = RollbackVerdict.HOLD;
    if (due) {
      Optional<String> lkg = evidenceLastKnownGood != null ? Optional.of(evidenceLastKnownGood) : policy.lastKnownGood();
      disable = disable(lkg, suppressed);
      to = disable.isPresent() ? Optional.empty() : lkg;
      verdict = disable.isPresent() ? RollbackVerdict.DISABLE : RollbackVerdict.ROLLBACK;
    } else if (results.stream().anyMatch(r -> r.status() == TriggerStatus.REAPPROVE)) {
      verdict = RollbackVerdict.REAPPROVE;
    }
    return new RollbackDecision(verdict, policy.metadata(), policy.sha256(), count, chain,
        Optional.ofNullable(firstStart), Optional.ofNullable(lastEnd), Optional.ofNullable(version), to, disable,
        inconclusive, at, results);
  }

  /**
   * Why a due rollback to {@code lkg} cannot be carried out, or empty when it can. The checks, in order: a
   * rollback within the cooldown (the version deployed by the previous rollback breaches too), no version
   * named, the version named is the one deployed, the version named fired a rollback trigger earlier in the
   * sequence.
   */
  private Optional<RollbackDecision.Disable> disable(Optional<String> lkg, boolean suppressed) {
    if (suppressed) { // only after a change of model version, so the version is known
      return Optional.of(new RollbackDecision.Disable(RollbackDecision.DisableReason.LAST_KNOWN_GOOD_BREACHES,
          Optional.of(version), "the last-known-good " + version + " deployed by the previous rollback also breaches, "
              + "within the cooldown until " + cooldownUntil + ", so it is not rolled back again."));
    }
    if (lkg.isEmpty()) {
      return Optional.of(new RollbackDecision.Disable(RollbackDecision.DisableReason.NO_LAST_KNOWN_GOOD, lkg,
          "a rollback is due but no last-known-good version is named (no window reports lastKnownGood and the "
              + "policy has no spec.lastKnownGood)."));
    }
    if (lkg.get().equals(version)) {
      return Optional.of(new RollbackDecision.Disable(RollbackDecision.DisableReason.SAME_VERSION, lkg,
          "a rollback is due but the last-known-good " + lkg.get() + " is the version now deployed, the one that breaches."));
    }
    if (breachedVersions.contains(lkg.get())) {
      return Optional.of(new RollbackDecision.Disable(RollbackDecision.DisableReason.LAST_KNOWN_GOOD_BREACHES, lkg,
          "a rollback is due but the last-known-good " + lkg.get() + " also breaches: a rollback trigger fired while it "
              + "was deployed earlier in these windows."));
    }
    return Optional.empty();
  }

  private TriggerResult result(RollbackTrigger t, String id, TriggerState s) {
    Optional<String> subject = t instanceof MetricTrigger m ? Optional.of(m.metric()) : Optional.empty();
    Fire f = s.fired;
    if (f != null) {
      return new TriggerResult(id, f.status(), t.severity(), f.observed(), t.bound(), subject, f.message(),
          Optional.of(f.at()), f.windows());
    }
    if (count == 0) {
      return new TriggerResult(id, TriggerStatus.INCONCLUSIVE, t.severity(), OptionalDouble.empty(), t.bound(), subject,
          "No monitoring windows were supplied: nothing to judge.", Optional.empty(), List.of());
    }
    if (s.inconclusive > 0 || !s.judged) {
      String note = s.note == null ? "no window of this model version was judged." : s.note;
      return new TriggerResult(id, TriggerStatus.INCONCLUSIVE, t.severity(), OptionalDouble.empty(), t.bound(), subject,
          "Inconclusive: " + note, Optional.empty(), s.inconclusiveWindows);
    }
    return new TriggerResult(id, TriggerStatus.PASS, t.severity(), s.lastObserved, t.bound(), subject, passMessage(t, s),
        Optional.empty(), List.of());
  }

  private static String passMessage(RollbackTrigger t, TriggerState s) {
    if (t instanceof MetricTrigger m) {
      List<Obs> bad = breaching(s);
      if (m.failuresInLast()) {
        return m.metric() + " was " + boundPhrase(m) + " in " + bad.size() + " of the last " + s.recent.size()
            + " judged windows; " + m.k() + " of " + m.of() + " fire" + (bad.isEmpty() ? "." : ": " + values(m, bad) + ".");
      }
      String last = s.lastObserved.isPresent() ? Numbers.observed(s.lastObserved.getAsDouble(),
          m.min().orElse(m.max().orElse(0))) : "undefined";
      return m.metric() + " is " + last + " in the latest judged window (" + s.note + "); " + s.streak
          + " consecutive breaching window" + (s.streak == 1 ? "" : "s") + " of the " + m.k() + " that fire.";
    }
    return s.note.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.note.substring(1);
  }

  // ---------------------------------------------------------------------------------------------------
  // state export / import (StateJson)

  /** The state as JSON (see {@code CircuitBreaker#exportState}). */
  public JsonObject exportState() {
    return StateJson.export(this);
  }

  /**
   * Restores an engine from {@link #exportState()}.
   *
   * @throws IllegalArgumentException when the state is malformed or was exported for another policy
   */
  public static RollbackEngine importState(RollbackPolicy policy, JsonObject state) {
    return StateJson.restore(policy, state);
  }

  private static String sha256Hex(String s) {
    return Json.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }
}
