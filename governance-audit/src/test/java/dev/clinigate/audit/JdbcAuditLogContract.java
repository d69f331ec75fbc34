package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every database under {@link JdbcAuditLog} must do: the file log's records byte for byte, verification,
 * every kind of tampering with the rows found at the first bad seq, and one chain from two JVMs writing at once.
 * {@link H2AuditLogTest} runs it on the embedded database, {@link PostgresAuditLogTest} on a PostgreSQL server.
 */
abstract class JdbcAuditLogContract {
  static final int N = 8;
  static final int PER_PROCESS = 40;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @TempDir
  Path dir;

  /** The database's URL (without credentials). */
  abstract String url();

  /** The connection properties (user, password). */
  abstract Properties credentials();

  /** Environment for a child JVM so that it reaches the same database. */
  abstract Map<String, String> childEnvironment();

  /** A table of its own for each test, so that tests never see each other's rows. */
  String freshTable() {
    return "t" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet() + "_audit";
  }

  JdbcAuditLog open(String table, AuditChain chain) {
    return JdbcAuditLog.builder().url(url(), credentials()).table(table).chain(chain).open();
  }

  /** A log of {@link #N} records 0..N-1 of the fixtures. */
  JdbcAuditLog filled(String table) {
    JdbcAuditLog log = open(table, AuditChain.defaults());
    for (int i = 0; i < N; i++) {
      log.append(Fixtures.decision(i), Fixtures.evidence(i));
    }
    return log;
  }

  /** Runs SQL on the test's own connection: the tampering an administrator could do. */
  void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(
        dev.clinigate.audit.internal.JdbcUrls.embeddedServer(url()), credentials()); Statement s = c.createStatement()) {
      for (String st : statements) {
        s.executeUpdate(st);
      }
    }
  }

  void insert(String table, long seq, AuditRecord r) throws SQLException {
    try (Connection c = DriverManager.getConnection(
        dev.clinigate.audit.internal.JdbcUrls.embeddedServer(url()), credentials());
        PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (seq, prev, hash, line) VALUES (?, ?, ?, ?)")) {
      s.setLong(1, seq);
      s.setString(2, r.prev());
      s.setString(3, r.hash());
      s.setString(4, r.line());
      s.executeUpdate();
    }
  }

  void update(String table, long seq, String line) throws SQLException {
    try (Connection c = DriverManager.getConnection(
        dev.clinigate.audit.internal.JdbcUrls.embeddedServer(url()), credentials());
        PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET line = ? WHERE seq = ?")) {
      s.setString(1, line);
      s.setLong(2, seq);
      assertEquals(1, s.executeUpdate());
    }
  }

  static Verification.Failure failure(JdbcAuditLog log) {
    Verification v = log.verify(AuditVerifier.standard());
    assertFalse(v.valid(), v.render());
    return v.failure().orElseThrow();
  }

  @Test
  void append_maskedAndSigned_rowsAreTheFileLogByteForByte() throws IOException {
    PhiMask mask = PhiMask.builder().phiColumn("mrn").hmacKey("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII))
        .build();
    AuditChain chain = AuditChain.builder().mask(mask).signWith(Keys.ed25519("log owner").getPrivate()).build();
    JdbcAuditLog db = open(freshTable(), chain);
    FileAuditLog file = FileAuditLog.open(dir.resolve("same.jsonl"), chain);
    for (int i = 0; i < 3; i++) {
      var e = Fixtures.phiEvidence("MRN-ZX-" + (100000 + i));
      var d = Fixtures.POLICY.evaluate(e, java.time.Clock.fixed(Fixtures.T0.plusSeconds(i), java.time.ZoneOffset.UTC));
      AuditRecord a = db.append(d, e);
      AuditRecord b = file.append(d, e);
      assertEquals(b, a);
    }
    byte[] lines = db.toJsonLines();
    assertArrayEquals(Files.readAllBytes(file.file()), lines);
    assertFalse(new String(lines, StandardCharsets.UTF_8).contains("MRN-ZX-"), "PHI reached the database");
    assertEquals(file.records(), db.records());
    assertEquals(file.last(), db.last());
    Verification v = db.verify(AuditVerifier.builder().publicKey(Keys.ed25519("log owner").getPublic()).build());
    assertTrue(v.valid(), v.render());
    assertEquals(3, v.records());
    assertEquals(3, v.signaturesVerified());
    assertEquals(AuditVerifier.standard().verify(file.file()).head(), v.head());
  }

  @Test
  void append_rollbackAndReviewDecisions_rowsAreTheFileLogByteForByte() throws IOException {
    var rp = dev.clinigate.dsl.PolicyYaml.parseRollback(AuditKindsTest.ROLLBACK, "rb.yaml");
    var vp = dev.clinigate.dsl.PolicyYaml.parseReview(AuditKindsTest.REVIEW, "rv.yaml");
    var ws = AuditKindsTest.windows(0.03, 0.07, 0.08);
    var in = AuditKindsTest.inference(AuditKindsTest.APPROVED);
    JdbcAuditLog db = open(freshTable(), AuditChain.defaults());
    FileAuditLog file = FileAuditLog.open(dir.resolve("kinds.jsonl"));
    assertEquals(file.append(rp.evaluate(ws, AuditKindsTest.AT), ws), db.append(rp.evaluate(ws, AuditKindsTest.AT), ws));
    assertEquals(file.append(vp.evaluate(in, AuditKindsTest.AT), in), db.append(vp.evaluate(in, AuditKindsTest.AT), in));
    assertArrayEquals(Files.readAllBytes(file.file()), db.toJsonLines());
    assertEquals(List.of(AuditRecord.Kind.ROLLBACK, AuditRecord.Kind.REVIEW),
        db.records().stream().map(AuditRecord::kind).toList());
    Verification v = db.verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(2, v.records());
  }

  @Test
  void open_twice_keepsTheRowsAndGoesOn() {
    String table = freshTable();
    filled(table);
    JdbcAuditLog again = open(table, AuditChain.defaults());
    AuditRecord r = again.append(Fixtures.decision(50), Fixtures.evidence(50));
    assertEquals(N + 1, r.seq());
    Verification v = again.verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(N + 1, v.records());
  }

  @Test
  void verify_emptyLog_validWithAWarning() {
    Verification v = open(freshTable(), AuditChain.defaults()).verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(List.of(new Verification.Warning(0, "the log is empty")), v.warnings());
  }

  @Test
  void verify_changedRecord_namesItsSeq() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    String line = log.records().get(2).line();
    assertTrue(line.contains("\"evaluatedAt\":\"2026-01-05T11:00:00Z\""), line);
    update(table, 3, line.replace("2026-01-05T11:00:00Z", "2026-01-05T11:59:00Z"));
    Verification.Failure f = failure(log);
    assertEquals(3, f.line());
    assertEquals(Verification.Kind.CHANGED, f.kind(), f.message());
    assertEquals("the record's hash does not match its content: the record was changed after it was written",
        f.message());
  }

  @Test
  void verify_droppedRecord_namesItsSeq() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    sql("DELETE FROM " + table + " WHERE seq = 4");
    Verification.Failure f = failure(log);
    assertEquals(4, f.line());
    assertEquals(Verification.Kind.DROPPED, f.kind());
    assertEquals("line 4 holds seq 5 where seq 4 was expected: 1 record was dropped before it", f.message());
  }

  @Test
  void verify_insertedRecordRenumbered_namesItsSeq() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    AuditRecord forged = AuditChain.defaults().next(Optional.of(log.records().get(1)), Fixtures.decision(77),
        Optional.of(Fixtures.evidence(77)));
    sql("UPDATE " + table + " SET seq = seq + 1000000 WHERE seq >= 3",
        "UPDATE " + table + " SET seq = seq - 999999 WHERE seq >= 1000000");
    insert(table, 3, forged);
    sql("UPDATE " + table + "_head SET seq = " + (N + 1));
    Verification.Failure f = failure(log);
    assertEquals(4, f.line());
    assertEquals(Verification.Kind.INSERTED, f.kind(), f.message());
  }

  @Test
  void verify_reorderedRows_namesTheFirst() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    sql("UPDATE " + table + " SET seq = -5 WHERE seq = 5", "UPDATE " + table + " SET seq = 5 WHERE seq = 6",
        "UPDATE " + table + " SET seq = 6 WHERE seq = -5");
    Verification.Failure f = failure(log);
    assertEquals(5, f.line());
    assertEquals(Verification.Kind.REORDERED, f.kind(), f.message());
  }

  @Test
  void verify_editedColumn_namesTheRow() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    sql("UPDATE " + table + " SET hash = '" + "f".repeat(64) + "' WHERE seq = 2");
    Verification.Failure f = failure(log);
    assertEquals(2, f.line());
    assertEquals(Verification.Kind.CHANGED, f.kind());
    assertEquals("the row's seq, prev or hash column (seq 2) does not agree with its record (seq 2): the row was "
        + "edited outside the log", f.message());
  }

  @Test
  void verify_lastRowDeleted_foundByTheHeadRow() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    sql("DELETE FROM " + table + " WHERE seq = " + N);
    Verification.Failure f = failure(log);
    assertEquals(N, f.line());
    assertEquals(Verification.Kind.TRUNCATED, f.kind());
    assertEquals("the log ends at seq " + (N - 1) + " but its head row says seq " + N
        + ": records were dropped from the end", f.message());
  }

  @Test
  void verify_rowAddedAfterTheLastAppend_foundByTheHeadRow() throws SQLException {
    String table = freshTable();
    JdbcAuditLog log = filled(table);
    AuditRecord forged = AuditChain.defaults().next(log.last(), Fixtures.decision(90), Optional.of(Fixtures.evidence(90)));
    insert(table, N + 1, forged);
    Verification.Failure f = failure(log);
    assertEquals(N + 1, f.line());
    assertEquals(Verification.Kind.INSERTED, f.kind());
    // the log refuses to go on from a head that does not name the last row? No: it chains to the head's record,
    // and the primary key stops the clash, so nothing more is appended until the owner repairs the table
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
        () -> log.append(Fixtures.decision(91), Fixtures.evidence(91)));
    assertTrue(e.getMessage().contains("cannot use the audit database"), e.getMessage());
  }

  @Test
  void append_twoOtherJvmsAndThisOne_oneValidChain() throws Exception {
    String table = freshTable();
    open(table, AuditChain.defaults()); // the tables exist before the race: creation has its own test
    Process a = start(table, 0);
    Process b = start(table, PER_PROCESS);
    JdbcAuditLog here = open(table, AuditChain.defaults());
    for (int i = 2 * PER_PROCESS; i < 3 * PER_PROCESS; i++) {
      here.append(Fixtures.decision(i), Fixtures.evidence(i));
    }
    assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES), "child JVMs did not finish");
    String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, a.exitValue(), outA);
    assertEquals(0, b.exitValue(), outB);
    Verification v = here.verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(3 * PER_PROCESS, v.records());
    Set<String> logged = new TreeSet<>();
    here.records().forEach(r -> logged.add(r.evidenceSha256()));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 3 * PER_PROCESS; i++) {
      expected.add(Fixtures.evidence(i).sha256());
    }
    assertEquals(expected, logged);
  }

  @Test
  void verify_whileAnotherThreadAppends_alwaysValid() throws Exception {
    String table = freshTable();
    JdbcAuditLog log = open(table, AuditChain.defaults());
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 30; i++) {
          log.append(Fixtures.decision(i), Fixtures.evidence(i));
        }
      } catch (Throwable e) {
        errors.add(e);
      }
    });
    writer.start();
    int verifications = 0;
    while (writer.isAlive() || verifications == 0) {
      Verification v = log.verify(AuditVerifier.standard());
      assertTrue(v.valid(), v.render());
      verifications++;
    }
    writer.join();
    assertEquals(List.of(), errors);
    assertEquals(30, log.verify(AuditVerifier.standard()).records());
  }

  @Test
  void open_concurrentlyOnANewTable_oneHeadRow() throws Exception {
    String table = freshTable();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int first = t * 3;
      Thread th = new Thread(() -> {
        try {
          JdbcAuditLog log = open(table, AuditChain.defaults());
          for (int i = first; i < first + 3; i++) {
            log.append(Fixtures.decision(i), Fixtures.evidence(i));
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), errors);
    Verification v = open(table, AuditChain.defaults()).verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(12, v.records());
  }

  private Process start(String table, int first) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        JdbcAppendMain.class.getName(), url(), table, Integer.toString(first), Integer.toString(PER_PROCESS));
    pb.environment().putAll(childEnvironment());
    pb.redirectErrorStream(true);
    return pb.start();
  }
}
