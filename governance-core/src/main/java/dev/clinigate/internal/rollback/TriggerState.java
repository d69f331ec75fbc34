package dev.clinigate.internal.rollback;

import dev.clinigate.TriggerStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The mutable state of one trigger inside a {@link RollbackEngine}: its streak, recent windows and firing. */
final class TriggerState {
  int streak;
  final ArrayDeque<Obs> recent = new ArrayDeque<>();
  final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
  int inconclusive;
  final List<String> inconclusiveWindows = new ArrayList<>();
  String note; // why the latest window was not judged, or the latest judged summary
  OptionalDouble lastObserved = OptionalDouble.empty();
  boolean judged;
  Fire fired; // FIRED, SUPPRESSED, REAPPROVE or ALERT: sticky for the model version

  /** One judged window of a metric trigger (value empty: undefined, counted as a breach). */
  record Obs(String label, OptionalDouble value, boolean breach) {}

  /** Request and error counts of one window, for burn rates ({@code -1}: not reported). */
  record Bucket(Instant start, Instant end, long errors, long requests) {}

  /** A firing. */
  record Fire(TriggerStatus status, Instant at, String message, List<String> windows, OptionalDouble observed) {}
}
