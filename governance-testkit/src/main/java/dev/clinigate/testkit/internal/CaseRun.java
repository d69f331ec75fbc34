package dev.clinigate.testkit.internal;

import dev.clinigate.ClinigateException;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.testkit.CaseDecision;
import dev.clinigate.testkit.CaseResult;
import dev.clinigate.testkit.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One case of a suite being run: where it stands in the suite file, and the steps every kind shares (find the
 * input, read a file, apply the patches, build the result).
 *
 * <p>Design note: a step that cannot be carried out as written throws {@link CaseError}, which the kind's runner
 * turns into an {@code ERROR} result; nothing is skipped silently.
 */
final class CaseRun {
  /** Largest input file a case reads (64 MiB, the evidence limit). */

  final Suite suite;
  final String path;
  final String name;
  final int line;
  final int column;
  final JsonObject spec;
  final JsonObject expect;

  /** The case's input: its value and the JSON path where it is written in the suite. */
  record Input(JsonValue value, String path) {
    /** The file the input names, when it is a file name. */
    Optional<String> file() {
      return value instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }
  }

  /** Ends a case as an error with these messages. */
  static final class CaseError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> messages;

    CaseError(List<String> messages) {
      super(String.join("\n", messages));
      this.messages = List.copyOf(messages);
    }

    CaseError(String message) {
      this(List.of(message));
    }

    List<String> messages() {
      return messages;
    }
  }

  CaseRun(Suite suite, int index, JsonObject c) {
    this.suite = suite;
    this.path = "$.spec.cases[" + index + "]";
    int[] at = suite.doc().locations().getOrDefault(path, new int[] {0, 0});
    this.line = at[0];
    this.column = at[1];
    this.name = Suite.str(c, "name").orElseThrow();
    this.spec = c;
    this.expect = Suite.obj(c, "expect");
  }

  CaseResult error(List<String> messages) {
    return new CaseResult(name, line, column, Outcome.ERROR, messages, Optional.empty());
  }

  CaseResult result(List<String> failures, CaseDecision decision) {
    return new CaseResult(name, line, column, failures.isEmpty() ? Outcome.PASSED : Outcome.FAILED, failures,
        Optional.of(decision));
  }

  /** The evaluation time: the case's {@code at}, else the suite's. */
  Optional<Instant> at() {
    return Suite.str(spec, "at").or(() -> Suite.str(suite.spec(), "at")).map(Instant::parse);
  }

  /** The input under {@code key}: the case's, else the suite's. */
  Optional<Input> input(String key) {
    if (spec.has(key)) {
      return Optional.of(new Input(spec.get(key).orElseThrow(), path + "." + key));
    }
    return suite.spec().get(key).map(v -> new Input(v, "$.spec." + key));
  }

  /** Whether the case patches its input. */
  boolean patched() {
    return spec.get("patch").orElse(null) instanceof JsonArray a && a.size() > 0;
  }

  /** The case's patches applied in order to {@code root}; {@code what} names the document in messages. */
  JsonValue patch(JsonValue root, String what) {
    JsonValue out = root;
    if (!(spec.get("patch").orElse(null) instanceof JsonArray patches)) {
      return out;
    }
    for (int k = 0; k < patches.size(); k++) {
      JsonObject p = (JsonObject) patches.get(k);
      String op = Suite.str(p, "op").orElseThrow();
      String ptr = Suite.str(p, "path").orElseThrow();
      JsonValue value = p.get("value").orElse(null);
      if (value == null && !op.equals("remove")) {
        throw new CaseError("patch " + (k + 1) + " (" + op + " " + ptr + ") needs a value");
      }
      try {
        out = JsonPointerPatch.apply(out, op, ptr, value == null ? JsonNull.INSTANCE : value, what);
      } catch (JsonPointerPatch.PatchException e) {
        throw new CaseError("patch " + (k + 1) + " (" + op + "): " + e.getMessage());
      }
    }
    return out;
  }

  /** The file an input names, resolved against the suite's folder; a refused or missing file is an error at the input. */
  Path file(Input in, String what) {
    String relative = in.file().orElseThrow();
    try {
      return suite.resolve(relative);
    } catch (InputException e) {
      Problem why = e.problems().get(0);
      throw new CaseError(oneLine(suite.doc().problem(in.path(), "the " + what + " file " + relative + ": "
          + why.message(), "files are relative to the suite's folder; " + why.hint())));
    }
  }

  /** A file's text (UTF-8, at most {@link dev.clinigate.Limits#maxEvidenceBytes()} bytes); cached per suite. */
  String read(Path file) {
    String cached = suite.texts().get(file);
    if (cached != null) {
      return cached;
    }
    try {
      String text = suite.files().readText(file, suite.files().limits().maxEvidenceBytes(), "maxEvidenceBytes");
      suite.texts().put(file, text);
      return text;
    } catch (InputException e) {
      throw new CaseError(oneLine(e.problems().get(0)));
    }
  }

  /**
   * A problem at {@code path} (a JSON path relative to an input value, {@code $} for the value itself) on one
   * line. When the value stands in the suite at {@code at}, the problem is located there (at the offending member
   * when the suite has it); otherwise (the value was patched) it is named by {@code label}.
   */
  String locate(Optional<String> at, String label, String path, String message, String hint) {
    String rest = path.startsWith("$") ? path.substring(1) : path;
    String member = rest.startsWith(".") ? rest.substring(1) : rest;
    if (at.isPresent()) {
      Problem p = suite.doc().problem(at.get() + rest, message, hint);
      if (p.line() == 0) {
        p = suite.doc().problem(at.get(), (member.isEmpty() ? "" : member + ": ") + message, hint);
      }
      return oneLine(p);
    }
    return label + " (after the patches)" + (member.isEmpty() ? "" : " " + member) + ": " + message
        + (hint.isEmpty() ? "" : " (hint: " + hint + ")");
  }

  /** Every problem of an exception, one line each. */
  static List<String> lines(ClinigateException e) {
    List<String> out = new ArrayList<>();
    e.problems().forEach(p -> out.add(oneLine(p)));
    return out;
  }

  /** A problem on one line: {@code location: message (hint: ...)}, for case messages. */
  static String oneLine(Problem p) {
    StringBuilder b = new StringBuilder(p.location()).append(": ");
    if ((p.line() == 0 || p.sourceLine().isEmpty()) && !p.path().isEmpty() && !p.path().equals("$")) {
      b.append(p.path()).append(": ");
    }
    b.append(p.message());
    if (!p.hint().isEmpty()) {
      b.append(" (hint: ").append(p.hint()).append(')');
    }
    return b.toString();
  }
}
