package dev.clinigate.reports;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.reports.internal.EvidenceHtml;
import dev.clinigate.reports.internal.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evidence report: one self-contained HTML page for the people who sign a promotion (governance board,
 * clinical safety officer, auditor) with the decision table and its explanations, the ROC, precision-recall,
 * reliability and decision curves, subgroup forest plots with the policy's bounds, drift histograms, the
 * data contract result, approvals, waivers and the SHA-256 of every input. No script, no external font,
 * style or URL (hospital networks are often offline), print styles for PDF; the same inputs give the same
 * bytes. Sections whose data the evidence lacks say "not in the evidence".
 *
 * <pre>{@code
 * EvidenceReport report = EvidenceReport.builder(EvidenceReport.loadEvidence(Path.of("evidence.json"),
 *         SourceFiles.besideFile(Path.of("evidence.json"))))
 *     .policy(policy)                  // evaluated on the evidence when no decision is given
 *     .build();
 * report.write(Path.of("report.html"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EvidenceReport {
  /** The page's section titles, in order. */
  public static final List<String> SECTIONS = EvidenceHtml.SECTIONS;

  private static final AtomicLong WRITES = new AtomicLong();

  private final String html;

  private EvidenceReport(String html) {
    this.html = html;
  }

  /**
   * Reads evidence JSON through {@code files} (confined, size-bounded) keeping its locations, so that a
   * problem in the data the report plots names its line and column.
   *
   * @throws dev.clinigate.EvidenceException when the evidence is malformed
   * @throws InputException when the file cannot be read or is too large
   */
  public static JsonDocument loadEvidence(Path file, SourceFiles files) {
    Limits l = files.limits();
    JsonDocument doc = Json.parse(files.readText(file, l.maxEvidenceBytes(), "maxEvidenceBytes"), file.toString(), l);
    Evidence.of(doc); // validates structure and domains
    return doc;
  }

  /**
   * Reads a decision as {@code clinigate evaluate --format json} prints it ({@link Decision#toJson()}), through
   * {@code files}; checks the members the report reads.
   *
   * @throws InputException when the file is unreadable, too large or not a decision
   */
  public static JsonObject loadDecision(Path file, SourceFiles files) {
    return EvidenceHtml.checkDecision(new JsonReader(read(file, files), false));
  }

  /**
   * Reads a data contract result as {@code clinigate check --format json} prints it, through {@code files};
   * checks the members the report reads.
   *
   * @throws InputException when the file is unreadable, too large or not a contract result
   */
  public static JsonObject loadContractResult(Path file, SourceFiles files) {
    return EvidenceHtml.checkContract(new JsonReader(read(file, files), false));
  }

  private static JsonDocument read(Path file, SourceFiles files) {
    Limits l = files.limits();
    return Json.parse(files.readText(file, l.maxEvidenceBytes(), "maxEvidenceBytes"), file.toString(), l);
  }

  /** A builder for the report of {@code evidence} (problems in plotted data name the JSON path). */
  public static Builder builder(Evidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    return new Builder(JsonDocument.of(evidence.json(), "evidence"), evidence);
  }

  /** A builder for the report of the evidence document {@link #loadEvidence} read (problems name line and column). */
  public static Builder builder(JsonDocument evidence) {
    Objects.requireNonNull(evidence, "evidence");
    return new Builder(evidence, Evidence.of(evidence));
  }

  /** The HTML page (UTF-8 text). */
  public String html() {
    return html;
  }

  /**
   * Writes the page to {@code out}: first to a temporary file in the same directory, then moved over
   * {@code out}, so that a failure never leaves a half-written report.
   *
   * @throws InputException when the file cannot be written
   */
  public void write(Path out) {
    Path abs = out.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      // a sibling named for this process and write, created fresh (never following a planted file), with the
      // permissions a new file gets in that directory
      tmp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-" + WRITES.incrementAndGet()
          + ".tmp");
      Files.writeString(tmp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
      throw new InputException(Problem.at(out.toString(), 0, 0, "cannot write the report: " + why(e, dir),
          "check that the directory exists and is writable"), e);
    }
  }

  /** Why a write failed, in words (no exception class names, which the CLI never prints). */
  private static String why(IOException e, Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return "its directory does not exist";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    return "an input/output error";
  }

  /** Collects the report's inputs. Not thread-safe; use once. */
  public static final class Builder {
    private final JsonDocument doc;
    private final Evidence evidence;
    private JsonObject decision;
    private JsonDocument decisionDoc;
    private PromotionPolicy policy;
    private JsonObject contract;
    private JsonDocument contractDoc;

    private Builder(JsonDocument doc, Evidence evidence) {
      this.doc = doc;
      this.evidence = evidence;
    }

    /** The decision on this evidence ({@link Decision#toJson()} or what {@link #loadDecision} read). */
    public Builder decision(JsonObject decisionJson) {
      JsonDocument d = JsonDocument.of(Objects.requireNonNull(decisionJson, "decisionJson"), "decision");
      this.decision = EvidenceHtml.checkDecision(new JsonReader(d, false));
      this.decisionDoc = d;
      return this;
    }

    /** The decision on this evidence. */
    public Builder decision(Decision d) {
      return decision(d.toJson());
    }

    /**
     * The policy: names the metric of each subgroup rule (so the forest plots show the groups' intervals),
     * adds its SHA-256 to the provenance, and is evaluated on the evidence (without a clock: waivers and
     * approval age fail closed) when no decision is given.
     */
    public Builder policy(PromotionPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /** A data contract result ({@code ContractResult.toJson()} or what {@link #loadContractResult} read). */
    public Builder contractResult(JsonObject result) {
      JsonDocument c = JsonDocument.of(Objects.requireNonNull(result, "result"), "contract result");
      this.contract = EvidenceHtml.checkContract(new JsonReader(c, false));
      this.contractDoc = c;
      return this;
    }

    /**
     * Renders the report.
     *
     * @throws dev.clinigate.EvidenceException when data the report plots is malformed (named by its JSON path)
     */
    public EvidenceReport build() {
      if (decision == null && policy != null) {
        decision(policy.evaluate(evidence));
      }
      return new EvidenceReport(new EvidenceHtml(new JsonReader(doc, true), evidence.json(), evidence.sha256(),
          Optional.ofNullable(decision), Optional.ofNullable(decisionDoc).map(d -> new JsonReader(d, false)),
          Optional.ofNullable(policy), Optional.ofNullable(contract),
          Optional.ofNullable(contractDoc).map(d -> new JsonReader(d, false))).render());
    }
  }
}
