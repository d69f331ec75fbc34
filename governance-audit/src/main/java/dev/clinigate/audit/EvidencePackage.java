package dev.clinigate.audit;

import dev.clinigate.ClinigateException;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.AuditVerifier;
import dev.clinigate.audit.PhiMask;
import dev.clinigate.audit.Verification;
import dev.clinigate.audit.internal.LogLines;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything an auditor needs about one logged decision, in one folder or ZIP: the log record, the decision,
 * the policy and evidence it was made on (the stored, content-addressed files), approvals, waivers and
 * contract results drawn from them, the verification of the log and the replay of the decision, the log up
 * to the record (to verify independently), a Markdown summary, and {@code SHA256SUMS}.
 *
 * <pre>{@code
 * EvidencePackage p = EvidencePackage.build(Path.of("decisions.jsonl"), "3f5a09c1", policies, evidence,
 *     AuditVerifier.standard(), PhiMask.none());
 * p.writeTo(Path.of("package.zip"));   // or a directory
 * }</pre>
 *
 * <p>The package is deterministic: the same log, stores and mask give byte-identical files (and ZIP entries
 * with a fixed time). If the record was masked and no mask is given, the evidence is withheld (it may hold
 * what the log masked); with the mask, a masked copy is included as {@code evidence.masked.json}.
 */
public final class EvidencePackage {
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

  /**
   * One file of the package.
   *
   * @param name file name
   * @param bytes content
   */
  public record Entry(String name, byte[] bytes) {
    /** Validates. */
    public Entry {
      Objects.requireNonNull(name, "name");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** SHA-256 of the content. */
    public String sha256() {
      return Json.sha256Hex(bytes);
    }
  }

  private final AuditRecord record;
  private final Verification verification;
  private final ReplayResult replay;
  private final List<Entry> entries;

  private EvidencePackage(AuditRecord record, Verification verification, ReplayResult replay, List<Entry> entries) {
    this.record = record;
    this.verification = verification;
    this.replay = replay;
    this.entries = List.copyOf(entries);
  }

  /**
   * Builds the package of the record whose {@code hash} is or starts with {@code decision} (at least 8 hex
   * digits).
   *
   * @throws InputException when the log cannot be read or no single record matches
   */
  public static EvidencePackage build(Path log, String decision, ContentStore policies, ContentStore evidence,
      AuditVerifier verifier, PhiMask mask) {
    byte[] content = SourceFiles.besideFile(log).readBytes(log, Limits.defaults().maxAuditLogBytes(),
        "maxAuditLogBytes");
    return build(content, log.toString(), decision, policies, evidence, verifier, mask);
  }

  /** Builds the package from a log's bytes; see {@link #build(Path, String, ContentStore, ContentStore, AuditVerifier, PhiMask)}. */
  public static EvidencePackage build(byte[] log, String source, String decision, ContentStore policies,
      ContentStore evidence, AuditVerifier verifier, PhiMask mask) {
    if (!decision.matches("[0-9a-f]{8,64}")) {
      throw new InputException(Problem.at(source, 0, 0, "--decision must be a record hash or its first 8 or more "
          + "lower-case hex digits, found \"" + decision + "\"", "copy it from 'clinigate audit verify' or the log"));
    }
    Verification v = verifier.verify(log, source);
    LogLines.Split split = LogLines.split(log);
    List<AuditRecord> matches = new ArrayList<>();
    List<Integer> lineIndex = new ArrayList<>();
    for (int i = 0; i < split.lines().size(); i++) {
      Optional<String> text = LogLines.utf8(split.lines().get(i));
      if (text.isEmpty()) {
        continue;
      }
      try {
        AuditRecord r = AuditRecord.parse(text.get(), source, i + 1L);
        if (r.hash().startsWith(decision)) {
          matches.add(r);
          lineIndex.add(i);
        }
      } catch (InputException e) {
        // a malformed line is reported by the verification; it cannot be the record asked for
      }
    }
    if (matches.size() != 1) {
      throw new InputException(Problem.at(source, 0, 0, matches.isEmpty() ? "no record's hash starts with " + decision
          : matches.size() + " records' hashes start with " + decision, matches.isEmpty()
              ? "give the \"hash\" of a record in this log" : "give more hex digits"));
    }
    AuditRecord r = matches.get(0);
    int index = lineIndex.get(0);
    ReplayResult replay = AuditReplay.replay(r, policies, evidence, mask);
    return new EvidencePackage(r, v, replay, entries(r, index, split, v, replay, policies, evidence, mask));
  }

  /** The packaged record. */
  public AuditRecord record() {
    return record;
  }

  /** The verification of the whole log. */
  public Verification verification() {
    return verification;
  }

  /** The replay of the packaged decision. */
  public ReplayResult replay() {
    return replay;
  }

  /** The files, sorted by name. */
  public List<Entry> entries() {
    return entries;
  }

  /** Whether the log verified and the decision replayed. */
  public boolean sound() {
    return verification.valid() && replay.reproduced();
  }

  /**
   * Writes the package: a ZIP when the path ends in {@code .zip}, else a directory (created; it must be empty
   * or absent).
   *
   * @throws InputException when the target cannot be written
   */
  public void writeTo(Path target) {
    try {
      if (target.getFileName() != null && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
          for (Entry e : entries) {
            ZipEntry z = new ZipEntry(e.name());
            z.setTimeLocal(ZIP_TIME);
            zip.putNextEntry(z);
            zip.write(e.bytes);
            zip.closeEntry();
          }
        }
        return;
      }
      Files.createDirectories(target);
      try (var s = Files.list(target)) {
        if (s.findAny().isPresent()) {
          throw new InputException(Problem.at(target.toString(), 0, 0, "the directory is not empty",
              "give a new directory, or a path ending in .zip"));
        }
      }
      for (Entry e : entries) {
        Files.write(target.resolve(e.name()), e.bytes);
      }
    } catch (IOException e) {
      throw new InputException(Problem.at(target.toString(), 0, 0, "cannot write the package: " + e.getMessage(), ""),
          e);
    }
  }

  private static List<Entry> entries(AuditRecord r, int index, LogLines.Split split, Verification v,
      ReplayResult replay, ContentStore policies, ContentStore evidenceStore, PhiMask mask) {
    List<Entry> out = new ArrayList<>();
    out.add(text("record.jsonl", r.line() + "\n"));
    out.add(text("decision.json", Json.pretty(r.decision()) + "\n"));
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i <= index; i++) {
      chain.append(new String(split.lines().get(i), StandardCharsets.UTF_8)).append('\n');
    }
    out.add(text("chain.jsonl", chain.toString()));
    List<String> notes = new ArrayList<>();
    try {
      out.add(new Entry("policy.json", policies.bytes(r.policy().sha256())));
    } catch (ClinigateException e) {
      notes.add("The policy is not in the package: " + e.problems().get(0).message() + ".");
    }
    if (r.kind() != AuditRecord.Kind.PROMOTION) {
      return otherKind(r, out, notes, v, replay, evidenceStore, mask);
    }
    JsonObject evidenceJson = JsonObject.empty();
    try {
      Evidence ev = evidenceStore.evidence(r.evidenceSha256());
      if (!mask.isEmpty()) {
        evidenceJson = mask.apply(ev.json(), Optional.of(ev.json())).decision();
        out.add(text("evidence.masked.json", Json.pretty(evidenceJson) + "\n"));
        notes.add("The evidence is included masked (evidence.masked.json), so it does not hash to the decision's "
            + "evidence sha256; the unmasked evidence is in the evidence store.");
      } else if (!r.masked().isEmpty()) {
        notes.add("The evidence is withheld: the record was masked, so the evidence may hold what the log masked. "
            + "Export with the log's mask to include a masked copy.");
      } else {
        evidenceJson = ev.json();
        out.add(new Entry("evidence.json", evidenceStore.bytes(r.evidenceSha256())));
      }
    } catch (ClinigateException e) {
      notes.add("The evidence is not in the package: " + e.problems().get(0).message() + ".");
    }
    List<JsonObject> results = results(r.decision());
    out.add(text("approvals.json", Json.pretty(section(evidenceJson, "approvals", JsonArray.of(), results,
        x -> id(x).startsWith("approval"))) + "\n"));
    out.add(text("waivers.json", Json.pretty(section(evidenceJson, "waivers", JsonArray.of(), results,
        x -> id(x).startsWith("waiver") || str(x, "status").equals("WAIVED"))) + "\n"));
    out.add(text("contracts.json", Json.pretty(section(evidenceJson, "contracts", JsonObject.empty(), results,
        x -> id(x).startsWith("requires.contracts") || id(x).startsWith("contract"))) + "\n"));
    JsonObject evidenceSeen = evidenceJson;
    return finish(out, v, replay, files -> summary(r, v, replay, files, evidenceSeen, results, notes));
  }

  /** Adds {@code verification.json}, then the summary (made from the files so far), then {@code SHA256SUMS}. */
  private static List<Entry> finish(List<Entry> out, Verification v, ReplayResult replay,
      java.util.function.Function<List<Entry>, String> summary) {
    JsonObject verification = JsonObject.builder()
        .put("log", verificationJson(v))
        .put("replay", JsonObject.builder().put("seq", replay.seq()).put("outcome", replay.outcome().name())
            .put("detail", replay.detail()).put("differences", JsonArray.ofStrings(replay.differences())).build())
        .build();
    out.add(text("verification.json", Json.pretty(verification) + "\n"));
    out.sort(Comparator.comparing(Entry::name));
    out.add(text("summary.md", summary.apply(out)));
    out.sort(Comparator.comparing(Entry::name));
    StringBuilder sums = new StringBuilder();
    for (Entry e : out) {
      sums.append(e.sha256()).append("  ").append(e.name()).append('\n');
    }
    out.add(text("SHA256SUMS", sums.toString()));
    out.sort(Comparator.comparing(Entry::name));
    return out;
  }

  /**
   * The rest of a rollback or review package: the stored input ({@code windows.json}, the stored windows
   * document; {@code inference.json}), withheld or masked as evidence is, the verification, the summary, the sums.
   */
  private static List<Entry> otherKind(AuditRecord r, List<Entry> out, List<String> notes, Verification v,
      ReplayResult replay, ContentStore inputs, PhiMask mask) {
    String name = r.kind().inputMember();
    boolean included = false;
    try {
      JsonValue doc;
      JsonObject maskEvidence;
      if (r.kind() == AuditRecord.Kind.ROLLBACK) {
        doc = ContentStore.windowsDocument(inputs.windows(r.evidenceSha256()));
        maskEvidence = JsonObject.builder().put("windows", doc).build();
      } else {
        doc = inputs.inference(r.evidenceSha256()).toJson();
        maskEvidence = (JsonObject) doc;
      }
      if (!mask.isEmpty()) {
        JsonObject m = mask.apply(maskEvidence, Optional.of(maskEvidence)).decision();
        JsonValue masked = r.kind() == AuditRecord.Kind.ROLLBACK ? m.get("windows").orElse(JsonArray.of()) : m;
        out.add(text(name + ".masked.json", Json.pretty(masked) + "\n"));
        notes.add("The " + name + " is included masked (" + name + ".masked.json), so it does not hash to the "
            + "record's " + name + " sha256; the unmasked " + name + " is in the content store.");
      } else if (!r.masked().isEmpty()) {
        notes.add("The " + name + " is withheld: the record was masked, so the " + name + " may hold what the log "
            + "masked. Export with the log's mask to include a masked copy.");
      } else {
        out.add(new Entry(name + ".json", inputs.bytes(r.evidenceSha256())));
        included = true;
      }
    } catch (ClinigateException e) {
      notes.add("The " + name + " is not in the package: " + e.problems().get(0).message() + ".");
    }
    boolean inputIncluded = included;
    return finish(out, v, replay, files -> otherSummary(r, v, replay, files, notes, inputIncluded));
  }

  private static String otherSummary(AuditRecord r, Verification v, ReplayResult replay, List<Entry> files,
      List<String> notes, boolean inputIncluded) {
    boolean rollback = r.kind() == AuditRecord.Kind.ROLLBACK;
    StringBuilder b = new StringBuilder();
    b.append("# Evidence package: ").append(r.policy().name()).append(" v").append(r.policy().versionText())
        .append(", ").append(r.kind().jsonName()).append(' ').append(r.verdict()).append("\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "Kind", r.kind().jsonName() + " (" + r.kind().policyKind().yamlName() + ")");
    row(b, rollback ? "Verdict" : "Route", "**" + r.verdict() + "**");
    row(b, "Policy", r.policy().name() + " v" + r.policy().versionText() + ", sha256 `" + r.policy().sha256() + "`");
    row(b, rollback ? "Windows" : "Inference", "sha256 `" + r.evidenceSha256() + "`");
    row(b, "Evaluated at", r.evaluatedAt().map(Object::toString).orElse("not recorded"));
    logRows(b, r, v, replay);
    if (rollback) {
      b.append("\n## Triggers\n\n| Status | Severity | Trigger | Message |\n|---|---|---|---|\n");
      for (JsonObject x : results(r.decision())) {
        String subject = str(x, "subject");
        b.append("| ").append(str(x, "status")).append(" | ").append(cell(str(x, "severity"))).append(" | ")
            .append(cell(id(x) + (subject.isEmpty() ? "" : " [" + subject + "]"))).append(" | ")
            .append(cell(str(x, "message"))).append(" |\n");
      }
    } else {
      JsonObject d = r.decision();
      b.append("\n## Routing\n\n| | |\n|---|---|\n");
      row(b, "Rule", cell(d.get("rule").filter(x -> x instanceof JsonObject).map(x -> str((JsonObject) x, "id"))
          .orElse("")));
      row(b, "Reason", cell(str(d, "reason")));
      row(b, "May proceed", d.get("proceed").map(y -> y instanceof JsonBoolean jb && jb.value()).orElse(false)
          ? "yes" : "no");
      row(b, "Message", cell(str(d, "message")));
      JsonObject rv = r.review().orElse(JsonObject.empty());
      b.append("\n## Clinician's action\n\n| | |\n|---|---|\n");
      row(b, "Action", cell(text(rv, "action", "none recorded")));
      row(b, "Reason code", cell(text(rv, "reasonCode", "none")));
      row(b, "Final label", cell(text(rv, "finalLabel", "none")));
      row(b, "Explanation shown", rv.get("explanation").filter(x -> x instanceof JsonObject)
          .map(x -> "sha256 `" + str((JsonObject) x, "sha256") + "` (of its canonical JSON, kept in the inference)")
          .orElse("none recorded"));
    }
    filesAndChecks(b, notes, files);
    String at = r.evaluatedAt().map(t -> " --at " + t).orElse("");
    if (inputIncluded && rollback) {
      b.append("jq -c '.[]' windows.json > windows.jsonl   # the stored windows document, one window a line\n")
          .append("clinigate monitor --policy policy.json --windows windows.jsonl --format json").append(at)
          .append("   # = decision.json\n");
    } else if (inputIncluded) {
      b.append("clinigate review --policy policy.json --inference inference.json --format json").append(at)
          .append("   # = decision.json\n");
    }
    b.append("```\n");
    return b.toString();
  }

  /** The summary rows about the record's place in the log, its verification, replay and masking. */
  private static void logRows(StringBuilder b, AuditRecord r, Verification v, ReplayResult replay) {
    row(b, "Log record", "seq " + r.seq() + " of `" + v.source() + "`, hash `" + r.hash() + "`"
        + (r.sig().isPresent() ? ", signed (Ed25519)" : ", not signed"));
    row(b, "clinigate version", r.clinigateVersion());
    row(b, "Log verification", v.valid()
        ? "VALID: " + v.records() + " records, hash chain intact" + (v.signaturesVerified() > 0
            ? ", " + v.signaturesVerified() + " signatures verified" : "") + v.head().map(h -> ", head `" + h + "`").orElse("")
        : "INVALID at line " + v.failure().orElseThrow().line() + ": " + v.failure().orElseThrow().message());
    row(b, "Replay", replay.outcome().name() + ": " + replay.detail());
    row(b, "Masked values", r.masked().isEmpty() ? "none" : String.join(", ", r.masked().stream()
        .map(p -> "`" + p + "`").toList()));
  }

  /** The summary's notes, its table of files, and the start of how to check the package. */
  private static void filesAndChecks(StringBuilder b, List<String> notes, List<Entry> files) {
    if (!notes.isEmpty()) {
      b.append("\n## Notes\n\n");
      for (String n : notes) {
        b.append("- ").append(n).append('\n');
      }
    }
    b.append("\n## Files\n\n| File | SHA-256 |\n|---|---|\n");
    for (Entry e : files) {
      b.append("| `").append(e.name()).append("` | `").append(e.sha256()).append("` |\n");
    }
    b.append("\n`SHA256SUMS` lists every file, this summary included.\n\n## How to check this package\n\n```sh\n")
        .append("sha256sum -c SHA256SUMS\n")
        .append("clinigate audit verify chain.jsonl   # the log up to this record; its last line is record.jsonl\n");
  }

  private static String text(JsonObject o, String key, String absent) {
    return o.get(key).filter(x -> x instanceof JsonString).map(x -> ((JsonString) x).value()).orElse(absent);
  }

  private static JsonObject section(JsonObject evidence, String key, JsonValue empty, List<JsonObject> results,
      java.util.function.Predicate<JsonObject> relevant) {
    List<JsonValue> rs = new ArrayList<>();
    for (JsonObject x : results) {
      if (relevant.test(x)) {
        rs.add(x);
      }
    }
    return JsonObject.builder().put(key, evidence.get(key).orElse(empty)).put("results", new JsonArray(rs)).build();
  }

  static JsonObject verificationJson(Verification v) {
    List<JsonValue> ws = new ArrayList<>();
    for (Verification.Warning w : v.warnings()) {
      ws.add(JsonObject.builder().put("line", w.line()).put("message", w.message()).build());
    }
    JsonObject.Builder b = JsonObject.builder().put("source", v.source()).put("valid", v.valid())
        .put("records", v.records());
    v.failure().ifPresent(f -> b.put("failure", JsonObject.builder().put("line", f.line()).put("kind", f.kind().name())
        .put("message", f.message()).build()));
    b.put("head", v.head().map(h -> (JsonValue) JsonObject.builder().put("seq", h.seq()).put("sha256", h.sha256())
        .build()).orElse(dev.clinigate.json.JsonNull.INSTANCE));
    b.put("signaturesVerified", v.signaturesVerified()).put("signaturesPresent", v.signaturesPresent());
    return b.put("warnings", new JsonArray(ws)).build();
  }

  private static String summary(AuditRecord r, Verification v, ReplayResult replay, List<Entry> files,
      JsonObject evidence, List<JsonObject> results, List<String> notes) {
    StringBuilder b = new StringBuilder();
    b.append("# Evidence package: ").append(r.policy().name()).append(" v").append(r.policy().versionText())
        .append(", ").append(r.verdict()).append("\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "Verdict", "**" + r.verdict() + "**");
    row(b, "Policy", r.policy().name() + " v" + r.policy().versionText() + ", sha256 `" + r.policy().sha256() + "`");
    row(b, "Evidence", "sha256 `" + r.evidenceSha256() + "`");
    row(b, "Evaluated at", r.evaluatedAt().map(Object::toString).orElse("not recorded"));
    logRows(b, r, v, replay);
    b.append("\n## Results\n\n| Status | Blocking | Rule | Message |\n|---|---|---|---|\n");
    for (JsonObject x : results) {
      String subject = str(x, "subject");
      b.append("| ").append(str(x, "status")).append(" | ")
          .append(x.get("blocking").map(y -> y instanceof JsonBoolean jb && jb.value()).orElse(false) ? "yes" : "no")
          .append(" | ").append(cell(id(x) + (subject.isEmpty() ? "" : " [" + subject + "]"))).append(" | ")
          .append(cell(str(x, "message"))).append(" |\n");
    }
    b.append("\n## Approvals\n\n");
    list(b, evidence.get("approvals"), List.of("principal", "role", "decision", "timestamp", "rationale"),
        "No approvals in the evidence.");
    b.append("\n## Waivers\n\n");
    list(b, evidence.get("waivers"), List.of("rule", "subject", "approver", "role", "granted", "expires",
        "justification"), "No waivers in the evidence.");
    b.append("\n## Contract results\n\n");
    Optional<JsonValue> contracts = evidence.get("contracts");
    if (contracts.isPresent() && contracts.get() instanceof JsonObject co && co.size() > 0) {
      b.append("| Contract | Status |\n|---|---|\n");
      for (String name : dev.clinigate.audit.internal.JsonPaths.sortedKeys(co)) {
        JsonValue c = co.members().get(name);
        b.append("| ").append(cell(name)).append(" | ")
            .append(c instanceof JsonObject o ? cell(str(o, "status")) : "").append(" |\n");
      }
    } else {
      b.append("No contract results in the evidence.\n");
    }
    filesAndChecks(b, notes, files);
    if (files.stream().anyMatch(e -> e.name().equals("evidence.json"))) {
      b.append("clinigate evaluate --policy policy.json --evidence evidence.json --format json")
          .append(r.evaluatedAt().map(t -> " --at " + t).orElse("")).append("   # = decision.json\n");
    }
    b.append("```\n");
    return b.toString();
  }

  private static void list(StringBuilder b, Optional<JsonValue> v, List<String> columns, String none) {
    if (v.isEmpty() || !(v.get() instanceof JsonArray a) || a.size() == 0) {
      b.append(none).append('\n');
      return;
    }
    b.append('|');
    columns.forEach(c -> b.append(' ').append(c).append(" |"));
    b.append("\n|");
    columns.forEach(c -> b.append("---|"));
    b.append('\n');
    for (JsonValue x : a.elements()) {
      b.append('|');
      for (String c : columns) {
        String cellText = x instanceof JsonObject o ? o.get(c).map(y -> y instanceof JsonString s ? s.value()
            : Json.canonical(y)).orElse("") : "";
        b.append(' ').append(cell(cellText)).append(" |");
      }
      b.append('\n');
    }
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static List<JsonObject> results(JsonObject decision) {
    List<JsonObject> out = new ArrayList<>();
    decision.get("rules").filter(x -> x instanceof JsonArray).ifPresent(a -> {
      for (JsonValue x : ((JsonArray) a).elements()) {
        if (x instanceof JsonObject o) {
          out.add(o);
        }
      }
    });
    return out;
  }

  private static String id(JsonObject result) {
    return str(result, "id");
  }

  private static String str(JsonObject o, String key) {
    return o.get(key).filter(x -> x instanceof JsonString).map(x -> ((JsonString) x).value()).orElse("");
  }

  private static Entry text(String name, String content) {
    return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
  }
}
