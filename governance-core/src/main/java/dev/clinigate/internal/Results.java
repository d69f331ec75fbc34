package dev.clinigate.internal;

import dev.clinigate.Enforcement;
import dev.clinigate.RuleResult;
import dev.clinigate.Status;
import dev.clinigate.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Makes rule results, applying enforcement in one place. Design note: {@code FAIL} and {@code MISSING}
 * block unless the rule is advisory, in which case they become {@code ADVISORY} (never blocking); the
 * remedy is kept only on blocking results, where the "To reach GO" list shows it.
 */
final class Results {
  private Results() {}

  static RuleResult of(String id, Enforcement enforcement, Status status, OptionalDouble observed, JsonObject bound,
      Optional<String> subject, String message, String remedy) {
    if (status == Status.FAIL && enforcement == Enforcement.ADVISORY) {
      return new RuleResult(id, Status.ADVISORY, observed, bound, subject, message + " Advisory: does not block.",
          enforcement, false);
    }
    boolean blocking = status == Status.FAIL;
    return new RuleResult(id, status, observed, bound, subject, message, enforcement, blocking, Optional.empty(),
        blocking ? remedy : "");
  }

  static RuleResult missing(String id, Enforcement enforcement, JsonObject bound, Optional<String> subject,
      String message, String remedy) {
    if (enforcement == Enforcement.ADVISORY) {
      return new RuleResult(id, Status.ADVISORY, OptionalDouble.empty(), bound, subject,
          message.replace("; the rule fails closed.", ".") + " Advisory: does not block.", enforcement, false);
    }
    return new RuleResult(id, Status.MISSING, OptionalDouble.empty(), bound, subject, message, enforcement, true,
        Optional.empty(), remedy);
  }

  static RuleResult insufficient(String id, Enforcement enforcement, boolean failOnInsufficient, JsonObject bound,
      Optional<String> subject, String message, String remedy) {
    boolean blocks = failOnInsufficient && enforcement != Enforcement.ADVISORY;
    String m = blocks ? message + " The rule treats insufficient data as a failure." : message;
    return new RuleResult(id, Status.INSUFFICIENT_DATA, OptionalDouble.empty(), bound, subject, m, enforcement,
        blocks, Optional.empty(), blocks ? remedy : "");
  }

  /** The first 12 hex digits of a SHA-256, for messages. */
  static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
