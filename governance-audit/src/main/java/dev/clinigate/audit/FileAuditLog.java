package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import dev.clinigate.SourceFiles;
import dev.clinigate.Problem;
import dev.clinigate.audit.internal.LogLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file-backed {@link AuditLog}: one record per line (JSON Lines, UTF-8, {@code \n}).
 *
 * <pre>{@code
 * AuditChain chain = AuditChain.builder().mask(mask).signWith(AuditKeys.readPrivateKey(keyFile)).build();
 * AuditLog log = FileAuditLog.open(Path.of("decisions.jsonl"), chain);
 * log.append(decision, evidence);
 * }</pre>
 *
 * <p>Design note: every append (1) takes a lock per file within this JVM and then an exclusive
 * {@link FileLock} on the file, so that threads and processes append one at a time; (2) reads the last
 * line and refuses to go on if it is torn (no terminating {@code \n}: a crash cut an earlier append short),
 * naming its line number, so a torn record is reported, never buried in the middle of the log; (3) writes
 * the new line and its {@code \n} at the end of the file and forces it to disk before returning. A crash
 * can therefore only ever tear the last line; earlier lines are never rewritten. The masking and the
 * record's JSON are prepared before the lock is taken; the lock covers reading the tail, hashing, signing,
 * writing and fsync.
 *
 * <p>The file is opened for each append and closed after it, so an instance holds no open file and needs
 * no closing. Instances are thread-safe; any number of instances and processes may append to one file.
 */
public final class FileAuditLog implements AuditLog {
  /** Locks per file within this JVM: Java's file locks are per process, so threads queue here first. */
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final AuditChain chain;

  private FileAuditLog(Path file, AuditChain chain) {
    this.file = file;
    this.chain = chain;
  }

  /** A log at {@code file} with the default chain (no masking, no signature); the file is created on first append. */
  public static FileAuditLog open(Path file) {
    return open(file, AuditChain.defaults());
  }

  /** A log at {@code file} that makes its records with {@code chain}. */
  public static FileAuditLog open(Path file, AuditChain chain) {
    return new FileAuditLog(Objects.requireNonNull(file, "file"), Objects.requireNonNull(chain, "chain"));
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  /** The chain that makes this log's records. */
  public AuditChain chain() {
    return chain;
  }

  @Override
  public AuditRecord append(Decision decision, Evidence evidence) {
    return append(chain.prepare(decision, Optional.of(Objects.requireNonNull(evidence, "evidence"))));
  }

  @Override
  public AuditRecord append(Decision decision) {
    return append(chain.prepare(decision, Optional.empty()));
  }

  /**
   * Appends a rollback decision (a record of kind {@code rollback}), masked with the windows it was made on.
   *
   * @param windows the windows the decision was made on, in order
   * @return the record written
   * @throws IllegalArgumentException when the windows are not the decision's
   */
  public AuditRecord append(RollbackDecision decision, List<MonitoringWindow> windows) {
    return append(chain.prepare(decision, windows));
  }

  /**
   * Appends the routing of one inference and the clinician's action on it (a record of kind {@code review}),
   * masked with the inference.
   *
   * @param inference the inference the decision routed
   * @return the record written
   * @throws IllegalArgumentException when the inference is not the decision's
   */
  public AuditRecord append(ReviewDecision decision, Inference inference) {
    return append(chain.prepare(decision, inference));
  }

  private AuditRecord append(AuditChain.Prepared prepared) {
    return locked(true, (ch, size) -> {
      AuditRecord record = chain.link(lastRecord(ch, size), prepared);
      ByteBuffer buf = ByteBuffer.wrap((record.line() + "\n").getBytes(StandardCharsets.UTF_8));
      long pos = size;
      while (buf.hasRemaining()) {
        pos += ch.write(buf, pos);
      }
      ch.force(true); // durable before the caller is told the decision is recorded
      return record;
    });
  }

  /** The last record, read from the end of the file; the caller holds the lock. */
  private Optional<AuditRecord> lastRecord(FileChannel ch, long size) throws IOException {
    if (size == 0) {
      return Optional.empty();
    }
    LogLines.Tail tail = LogLines.tail(ch, size);
    if (tail.torn()) {
      long line = LogLines.countLines(ch, size) + 1;
      throw new InputException(Problem.at(file.toString(), (int) Math.min(Integer.MAX_VALUE, line), 0,
          "the last line is torn (" + tail.tornBytes() + " bytes without a terminating newline): an earlier "
              + "append was cut short, so nothing more is appended",
          "run 'clinigate audit verify " + file + "' and have the log's owner repair it"));
    }
    String text = LogLines.utf8(tail.lastLine()).orElse("\uFFFD");
    try {
      return Optional.of(AuditRecord.parse(text, file.toString(), 0));
    } catch (InputException e) {
      // the line number is only worth a scan of the whole file when something is wrong
      return Optional.of(AuditRecord.parse(text, file.toString(), LogLines.countLines(ch, size)));
    }
  }

  private Path key() {
    Path abs = file.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs; // not created yet: the normalised absolute path names it
    }
  }

  @Override
  public List<AuditRecord> records() {
    byte[] content = read();
    List<AuditRecord> out = new ArrayList<>();
    LogLines.Split split = LogLines.split(content);
    for (int i = 0; i < split.lines().size(); i++) {
      String text = LogLines.utf8(split.lines().get(i)).orElse("\uFFFD");
      out.add(AuditRecord.parse(text, file.toString(), i + 1L));
    }
    if (split.tornBytes() > 0) {
      throw new InputException(Problem.at(file.toString(), split.lines().size() + 1, 0,
          "the last line is torn (" + split.tornBytes() + " bytes without a terminating newline)",
          "run 'clinigate audit verify " + file + "'"));
    }
    return out;
  }

  @Override
  public Optional<AuditRecord> last() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return locked(false, this::lastRecord);
  }

  private byte[] read() {
    if (!Files.exists(file)) {
      return new byte[0];
    }
    return locked(false, (ch, size) -> {
      long max = Limits.defaults().maxAuditLogBytes();
      if (size > max) {
        throw SourceFiles.tooLarge(file.toString(), max, "maxAuditLogBytes");
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size));
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // read until full
      }
      return buf.array();
    });
  }

  /** An action on the open file under the locks. */
  private interface FileAction<T> {
    T apply(FileChannel ch, long size) throws IOException;
  }

  /** Runs {@code action} holding this JVM's lock and a shared (reading) or exclusive file lock. */
  private <T> T locked(boolean exclusive, FileAction<T> action) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      SourceFiles.besideFile(file).check(file); // a regular file in its folder: a FIFO would block the open
    }
    ReentrantLock lock = LOCKS.computeIfAbsent(key(), k -> new ReentrantLock());
    lock.lock();
    try (FileChannel ch = exclusive
        ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.READ); FileLock ignored = ch.lock(0, Long.MAX_VALUE, !exclusive)) {
      return action.apply(ch, ch.size());
    } catch (NoSuchFileException e) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "file not found", "check the path"), e);
    } catch (IOException e) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "cannot use the log: " + e.getMessage(), ""), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FileAuditLog[" + file + "]";
  }
}
