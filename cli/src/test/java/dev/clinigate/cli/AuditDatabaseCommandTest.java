package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands on a database log (embedded H2 here; governance-audit tests PostgreSQL): the same output as
 * on a file, credentials only from the environment.
 */
class AuditDatabaseCommandTest {
  private static final String POLICY = "../samples/readmission/policy.yaml";
  private static final String EVIDENCE = "../samples/readmission/evidence.json";
  private static final String PASSWORD = "cli-db-secret-9";

  @TempDir
  Path dir;

  @BeforeEach
  void credentials() {
    Map<String, String> env = Map.of(AuditLogs.USER_VARIABLE, "auditor", AuditLogs.PASSWORD_VARIABLE, PASSWORD);
    AuditLogs.environment = env::get;
  }

  @AfterEach
  void restore() throws Exception {
    AuditLogs.environment = System::getenv;
    if (Files.exists(dir.resolve("decisions.mv.db"))) { // closed before the temporary folder is deleted
      Properties p = new Properties();
      p.setProperty("user", "auditor");
      p.setProperty("password", PASSWORD);
      try (Connection c = DriverManager.getConnection(url() + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1", p);
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("decisions").toAbsolutePath();
  }

  private CliRunner append(String log, String at) {
    return CliRunner.run("audit", "append", log, "--policy", POLICY, "--evidence", EVIDENCE, "--at", at,
        "--policies", dir.resolve("policies").toString(), "--evidence-store", dir.resolve("evidence").toString());
  }

  @Test
  void appendVerifyReplayExport_database_sameAsTheFile() throws Exception {
    Path file = dir.resolve("d.jsonl");
    for (String at : new String[] {"2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"}) {
      CliRunner db = append(url(), at);
      assertEquals(0, db.exit(), db.err());
      assertEquals(0, append(file.toString(), at).exit());
    }
    CliRunner first = append(url(), "2026-03-04T09:00:00Z");
    assertTrue(first.out().startsWith("appended seq 3 to " + url() + ": NO_GO, readmission-risk v3\nhash "), first.out());
    append(file.toString(), "2026-03-04T09:00:00Z");

    CliRunner v = CliRunner.run("audit", "verify", url());
    CliRunner vf = CliRunner.run("audit", "verify", file.toString());
    assertEquals(0, v.exit(), v.err());
    assertEquals(vf.out().replace(file.toString(), url()), v.out());
    assertTrue(v.out().startsWith("VALID " + url() + ": 3 records, hash chain intact\nhead 3:"), v.out());

    CliRunner r = CliRunner.run("audit", "replay", url(), "--policies", dir.resolve("policies").toString(),
        "--evidence", dir.resolve("evidence").toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("REPLAYED " + url() + ": 3 decisions, 3 byte-identical\n"), r.out());

    String hash = v.out().substring(v.out().indexOf("head 3:") + 7).trim();
    String line = Files.readAllLines(file).get(2);
    String recordHash = line.substring(line.indexOf("\"hash\":\"") + 8, line.indexOf("\"hash\":\"") + 8 + 64);
    assertFalse(hash.isEmpty());
    CliRunner x = CliRunner.run("audit", "export", "--decision", recordHash.substring(0, 12), "--log", url(),
        "--policies", dir.resolve("policies").toString(), "--evidence", dir.resolve("evidence").toString(), "--out",
        dir.resolve("pkg").toString());
    assertEquals(0, x.exit(), x.err() + x.out());
    assertEquals("exported seq 3 (NO_GO, readmission-risk v3) to " + dir.resolve("pkg") + ": 11 files\n"
        + "log: VALID; replay: IDENTICAL\n", x.out());
  }

  @Test
  void verify_tamperedRow_exitOneNamingTheSeq() throws Exception {
    for (String at : new String[] {"2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", "2026-03-04T09:00:00Z"}) {
      assertEquals(0, append(url(), at).exit());
    }
    Properties p = new Properties();
    p.setProperty("user", "auditor");
    p.setProperty("password", PASSWORD);
    try (Connection c = DriverManager.getConnection(url() + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1", p);
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM clinigate_audit WHERE seq = 2");
    }
    CliRunner v = CliRunner.run("audit", "verify", url());
    assertEquals(1, v.exit(), v.err());
    assertEquals("INVALID " + url() + ":2: dropped: line 2 holds seq 3 where seq 2 was expected: 1 record was dropped "
        + "before it\n1 record before line 2 verified; nothing after it was checked\n",
        v.out().substring(0, v.out().indexOf("head ")));
  }

  @Test
  void append_passwordInTheUrl_refusedWithoutShowingIt() {
    CliRunner a = append("jdbc:postgresql://db.example.org:5432/gov?user=x&password=hunter2", "2026-03-02T09:00:00Z");
    assertEquals(2, a.exit());
    assertEquals("ERROR: jdbc:postgresql://db.example.org:5432/gov: the database URL carries a password: command "
        + "lines are visible to every user of the machine\n"
        + "hint: set CLINIGATE_AUDIT_DB_PASSWORD (and CLINIGATE_AUDIT_DB_USER) in the environment instead\n", a.err());
    CliRunner b = CliRunner.run("audit", "verify", "jdbc:postgresql://x:hunter2@db.example.org/gov");
    assertEquals(2, b.exit());
    assertFalse(b.err().contains("hunter2"), b.err());
  }

  @Test
  void verify_wrongPassword_exitTwoWithoutShowingIt() {
    assertEquals(0, append(url(), "2026-03-02T09:00:00Z").exit());
    Map<String, String> env = Map.of(AuditLogs.USER_VARIABLE, "auditor", AuditLogs.PASSWORD_VARIABLE, "wrong-pw-77");
    AuditLogs.environment = env::get;
    CliRunner v = CliRunner.run("audit", "verify", url());
    assertEquals(2, v.exit());
    assertEquals("ERROR: " + url() + ": cannot use the audit database (SQLState 28000): Wrong user name or password "
        + "[28000-232]\nhint: check the database, the credentials and the table clinigate_audit\n", v.err());
  }

  @Test
  void jsonLinesOfTheDatabase_areTheFileLog() throws Exception {
    Path file = dir.resolve("d.jsonl");
    append(url(), "2026-03-02T09:00:00Z");
    append(file.toString(), "2026-03-02T09:00:00Z");
    assertArrayEquals(Files.readAllBytes(file), AuditLogs.bytes(url(), null));
  }
}
