package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * An append-only, hash-chained log of decisions. {@link FileAuditLog} is the file-backed default; a host
 * with its own store implements this interface with an {@link AuditChain} (which makes the records) and
 * its store's atomicity (which orders them).
 *
 * <pre>{@code
 * AuditLog log = FileAuditLog.open(Path.of("decisions.jsonl"));
 * Decision d = policy.evaluate(evidence, clock);
 * AuditRecord r = log.append(d, evidence);     // masked, chained, optionally signed, fsynced
 * }</pre>
 *
 * <p>Implementations must be safe for concurrent use: two appends never get the same {@code seq} and never
 * chain to the same {@code prev}.
 */
public interface AuditLog {

  /**
   * Appends a decision, masking it with the log's {@link PhiMask} using the evidence it was made on.
   *
   * @param decision the decision
   * @param evidence the evidence the decision was made on (its SHA-256 must be the decision's)
   * @return the record written
   */
  AuditRecord append(Decision decision, Evidence evidence);

  /**
   * Appends a decision without its evidence; only possible when the log's mask does not need evidence.
   *
   * @return the record written
   */
  AuditRecord append(Decision decision);

  /** Every record, in order (parsed, not verified: use {@link AuditVerifier} for that). */
  List<AuditRecord> records();

  /** The last record, if any. */
  Optional<AuditRecord> last();
}
