package dev.clinigate.audit;

import dev.clinigate.ClinigateException;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Policy;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.audit.internal.Hex;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A content-addressed directory of canonical policies or decision inputs (evidence, windows documents,
 * inferences): each document is stored as
 * {@code <sha256>.json}, its canonical JSON without a trailing newline, so that the file's own SHA-256
 * ({@code sha256sum FILE}) is its name, and is the SHA-256 a decision records.
 *
 * <pre>{@code
 * ContentStore policies = ContentStore.at(Path.of("audit/policies"));
 * ContentStore evidence = ContentStore.at(Path.of("audit/evidence"));
 * policies.put(policy);                       // audit/policies/<policy.sha256()>.json
 * evidence.put(ev);                           // audit/evidence/<ev.sha256()>.json
 * PromotionPolicy again = (PromotionPolicy) policies.policy(decision.policySha256());
 * }</pre>
 *
 * <p>Files are written once, atomically (a temporary file renamed into place), and never rewritten;
 * reading checks that the bytes still hash to the name. The evidence is stored as given: if evidence can
 * hold PHI, keep its store where PHI may live (the decision log itself never holds it, see
 * {@code PhiMask}). Instances are immutable and thread-safe.
 */
public final class ContentStore {
  /** Largest stored document read back (64 MiB, as evidence). */
  public static final long MAX_BYTES = Evidence.MAX_BYTES;

  private final Path dir;

  private ContentStore(Path dir) {
    this.dir = dir;
  }

  /** A store in {@code dir} (created on the first {@code put}). */
  public static ContentStore at(Path dir) {
    return new ContentStore(Objects.requireNonNull(dir, "dir"));
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** The file a document with this SHA-256 is stored in (it may not exist). */
  public Path file(String sha256) {
    if (!Hex.isSha256(sha256)) {
      throw new IllegalArgumentException("a SHA-256 is 64 lower-case hex digits, found \"" + sha256 + "\"");
    }
    return dir.resolve(sha256 + ".json");
  }

  /** Whether a document with this SHA-256 is stored. */
  public boolean contains(String sha256) {
    return Files.isRegularFile(file(sha256));
  }

  /** Stores a policy's canonical document; returns its file. Storing it again is a no-op. */
  public Path put(PromotionPolicy policy) {
    return put(policy.sha256(), Json.canonical(policy.toJson()));
  }

  /** Stores a policy of any kind in canonical form; returns its file. Storing it again is a no-op. */
  public Path put(Policy policy) {
    JsonObject doc;
    if (policy instanceof PromotionPolicy p) {
      doc = p.toJson();
    } else if (policy instanceof RollbackPolicy p) {
      doc = p.toJson();
    } else {
      doc = ((ReviewPolicy) policy).toJson();
    }
    return put(policy.sha256(), Json.canonical(doc));
  }

  /** Stores an inference in canonical form (its SHA-256 is the review decision's inference SHA-256). */
  public Path put(Inference inference) {
    JsonObject doc = inference.toJson();
    return put(Json.sha256(doc), Json.canonical(doc));
  }

  /**
   * Stores the windows of a rollback decision as one document, a JSON array of the canonical windows in order
   * ({@link #windowsDocument}); its SHA-256 ({@link #windowsSha256}) is what a rollback record names.
   */
  public Path putWindows(List<MonitoringWindow> windows) {
    JsonArray doc = windowsDocument(windows);
    return put(Json.sha256(doc), Json.canonical(doc));
  }

  /** The windows document: a JSON array of the windows' canonical objects, in order. */
  public static JsonArray windowsDocument(List<MonitoringWindow> windows) {
    List<JsonValue> out = new ArrayList<>(windows.size());
    for (MonitoringWindow w : windows) {
      out.add(w.toJson());
    }
    return new JsonArray(out);
  }

  /** SHA-256 of the canonical windows document: the {@code windows.sha256} of a rollback record. */
  public static String windowsSha256(List<MonitoringWindow> windows) {
    return Json.sha256(windowsDocument(windows));
  }

  /** Stores evidence in canonical form; returns its file. Storing it again is a no-op. */
  public Path put(Evidence evidence) {
    return put(evidence.sha256(), Json.canonical(evidence.json()));
  }

  private Path put(String sha256, String canonical) {
    byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
    if (!Json.sha256Hex(bytes).equals(sha256)) {
      throw new IllegalStateException("canonical form does not hash to " + sha256);
    }
    Path target = file(sha256);
    try {
      Files.createDirectories(dir);
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (!Arrays.equals(SourceFiles.besideFile(target).readBytes(target, MAX_BYTES, "maxEvidenceBytes"), bytes)) {
          throw new InputException(Problem.at(target.toString(), 0, 0, "the stored file does not hash to its name: "
              + "it was changed", "restore it from a backup; content-addressed files are never rewritten"));
        }
        return target;
      }
      Path tmp = Files.createTempFile(dir, ".store-", ".tmp");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new InputException(Problem.at(target.toString(), 0, 0, "cannot store: " + e.getMessage(),
          "check that the directory is writable"), e);
    }
  }

  /**
   * The stored bytes of a document, after checking that they hash to its name.
   *
   * @throws InputException when the file is missing, or changed
   */
  public byte[] bytes(String sha256) {
    Path f = file(sha256);
    if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException(Problem.at(f.toString(), 0, 0, "not stored: no file " + f.getFileName() + " in "
          + dir, "store it when the decision is logged (clinigate audit append --policies/--evidence-store)"));
    }
    byte[] bytes = SourceFiles.besideFile(f).readBytes(f, MAX_BYTES, "maxEvidenceBytes");
    String actual = Json.sha256Hex(bytes);
    if (!actual.equals(sha256)) {
      throw new InputException(Problem.at(f.toString(), 0, 0, "the stored file does not hash to its name (its "
          + "SHA-256 is " + actual + "): it was changed", "restore it from a backup"));
    }
    return bytes;
  }

  /**
   * The stored policy, loaded again. Its {@code sha256()} is normally its name; it differs only when this
   * version of clinigate writes the canonical document differently from the version that stored it.
   *
   * @throws InputException when the file is missing or changed
   * @throws dev.clinigate.PolicyException when it no longer loads
   */
  public Policy policy(String sha256) {
    return PolicyYaml.parse(new String(bytes(sha256), StandardCharsets.UTF_8), file(sha256).toString());
  }

  /**
   * The stored evidence, loaded again.
   *
   * @throws InputException when the file is missing or changed
   * @throws dev.clinigate.EvidenceException when it no longer loads
   */
  public Evidence evidence(String sha256) {
    return Evidence.parse(new String(bytes(sha256), StandardCharsets.UTF_8), file(sha256).toString());
  }

  /**
   * The stored windows document, loaded again.
   *
   * @throws InputException when the file is missing or changed, or is not a windows document
   */
  public List<MonitoringWindow> windows(String sha256) {
    String source = file(sha256).toString();
    JsonValue root = Json.parse(new String(bytes(sha256), StandardCharsets.UTF_8), source).root();
    if (!(root instanceof JsonArray a)) {
      throw new InputException(Problem.at(source, 0, 0, "a windows document is a JSON array of windows",
          "store windows with ContentStore.putWindows"));
    }
    List<MonitoringWindow> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      try {
        out.add(MonitoringWindow.parse(Json.canonical(a.get(i)), source));
      } catch (ClinigateException e) {
        throw new InputException(Problem.at(source, 0, 0, "window " + (i + 1) + " no longer loads: "
            + e.problems().get(0).message(), "the stored document was written by another version"), e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The stored inference, loaded again.
   *
   * @throws InputException when the file is missing or changed
   * @throws dev.clinigate.EvidenceException when it no longer loads
   */
  public Inference inference(String sha256) {
    return Inference.parse(new String(bytes(sha256), StandardCharsets.UTF_8), file(sha256).toString());
  }

  @Override
  public String toString() {
    return "ContentStore[" + dir + "]";
  }
}
