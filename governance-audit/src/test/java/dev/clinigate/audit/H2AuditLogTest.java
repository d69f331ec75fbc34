package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.InputException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcAuditLogContract} on the embedded database (H2, one file, written by several JVMs). */
class H2AuditLogTest extends JdbcAuditLogContract {
  /** Closes the database (kept open by DB_CLOSE_DELAY=-1) before the temporary folder is deleted. */
  @AfterEach
  void shutdown() throws Exception {
    if (Files.exists(dir.resolve("audit.mv.db"))) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(
          dev.clinigate.audit.internal.JdbcUrls.embeddedServer(url()), credentials());
          java.sql.Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }

  @Override
  String url() {
    return "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
  }

  @Override
  Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "sa");
    p.setProperty("password", "h2-test-secret");
    return p;
  }

  @Override
  Map<String, String> childEnvironment() {
    return Map.of("CLINIGATE_TEST_DB_USER", "sa", "CLINIGATE_TEST_DB_PASSWORD", "h2-test-secret");
  }

  @Test
  void open_wrongPassword_messageNeverHoldsIt() {
    open(freshTable(), AuditChain.defaults()); // creates the database with the right password
    Properties wrong = new Properties();
    wrong.setProperty("user", "sa");
    wrong.setProperty("password", "not-the-password-42");
    InputException e = assertThrows(InputException.class,
        () -> JdbcAuditLog.builder().url(url() + ";IFEXISTS=TRUE", wrong).open());
    String message = e.getMessage();
    assertFalse(message.contains("not-the-password-42"), message);
    assertFalse(message.contains("IFEXISTS"), message);
    assertEquals(url(), e.problems().get(0).source());
    assertEquals("cannot use the audit database (SQLState 28000): Wrong user name or password [28000-232]",
        e.problems().get(0).message());
  }

  @Test
  void append_serviceAccountWithoutDdlOrDeleteRights_appendsAndVerifies() throws Exception {
    String table = freshTable();
    filled(table); // the owner creates the tables
    sql("CREATE USER writer PASSWORD 'writer-pw'", "GRANT SELECT, INSERT ON " + table + " TO writer",
        "GRANT SELECT, UPDATE ON " + table + "_head TO writer");
    Properties writer = new Properties();
    writer.setProperty("user", "writer");
    writer.setProperty("password", "writer-pw");
    JdbcAuditLog log = JdbcAuditLog.builder().url(url(), writer).table(table).open();
    assertEquals(N + 1, log.append(Fixtures.decision(40), Fixtures.evidence(40)).seq());
    Verification v = log.verify(AuditVerifier.standard());
    assertTrue(v.valid(), v.render());
    assertEquals(N + 1, v.records());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
        dev.clinigate.audit.internal.JdbcUrls.embeddedServerForUsers(url()), writer);
        java.sql.Statement s = c.createStatement()) {
      java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
          () -> s.executeUpdate("DELETE FROM " + table + " WHERE seq = 1"));
      assertEquals("90096", e.getSQLState(), e.getMessage()); // H2: not enough rights for the object
    }
  }

  @Test
  void displayUrl_dropsCredentialsAndParameters() {
    assertEquals("jdbc:postgresql://db.example.org:5432/gov",
        JdbcAuditLog.displayUrl("jdbc:postgresql://alice:pw@db.example.org:5432/gov?password=pw&ssl=true"));
    assertEquals("jdbc:h2:file:/var/lib/audit", JdbcAuditLog.displayUrl("jdbc:h2:file:/var/lib/audit;PASSWORD=x"));
    assertTrue(JdbcAuditLog.urlCarriesPassword("jdbc:postgresql://alice:pw@db.example.org:5432/gov"));
    assertTrue(JdbcAuditLog.urlCarriesPassword("jdbc:postgresql://db.example.org/gov?user=a&Password=pw"));
    assertTrue(JdbcAuditLog.urlCarriesPassword("jdbc:h2:file:/var/lib/audit;PASSWORD=x"));
    assertFalse(JdbcAuditLog.urlCarriesPassword("jdbc:postgresql://alice@db.example.org:5432/gov?ssl=true"));
    assertFalse(JdbcAuditLog.urlCarriesPassword("jdbc:h2:file:/var/lib/audit"));
  }

  @Test
  void schema_isTheDdlOfTheDocs() {
    assertEquals("CREATE TABLE clinigate_audit (seq BIGINT NOT NULL PRIMARY KEY, prev CHAR(64) NOT NULL, "
        + "hash CHAR(64) NOT NULL, line TEXT NOT NULL);\n"
        + "CREATE TABLE clinigate_audit_head (id INT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL);\n",
        JdbcAuditLog.schema(JdbcAuditLog.DEFAULT_TABLE));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcAuditLog.schema("x; DROP"));
    assertEquals("a table name is [a-z_][a-z0-9_]* of at most 50 characters, found \"x; DROP\"", e.getMessage());
  }
}
