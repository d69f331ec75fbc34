package dev.clinigate.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clinigate.InputException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcAuditLogContract} on a real PostgreSQL server: {@code CLINIGATE_TEST_PG_URL},
 * {@code CLINIGATE_TEST_PG_USER} and {@code CLINIGATE_TEST_PG_PASSWORD} name it ({@code .ci/run} starts one and
 * sets them). Under {@code CI=true} a missing server fails the build; elsewhere these tests are skipped, saying why.
 */
class PostgresAuditLogTest extends JdbcAuditLogContract {
  private static final String URL = System.getenv("CLINIGATE_TEST_PG_URL");
  private static final String USER = System.getenv("CLINIGATE_TEST_PG_USER");
  private static final String PASSWORD = System.getenv("CLINIGATE_TEST_PG_PASSWORD");

  @BeforeAll
  static void server() {
    if (URL == null || URL.isBlank()) {
      String reason = "PostgreSQL audit log tests skipped: CLINIGATE_TEST_PG_URL is not set (.ci/run starts a "
          + "server and sets it)";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + reason.substring(reason.indexOf("CLINIGATE")));
      }
      System.out.println(reason);
      Assumptions.abort(reason);
    }
  }

  @Override
  String url() {
    return URL;
  }

  @Override
  Properties credentials() {
    Properties p = new Properties();
    if (USER != null) {
      p.setProperty("user", USER);
    }
    if (PASSWORD != null) {
      p.setProperty("password", PASSWORD);
    }
    return p;
  }

  @Override
  Map<String, String> childEnvironment() {
    return Map.of("CLINIGATE_TEST_DB_USER", USER == null ? "" : USER,
        "CLINIGATE_TEST_DB_PASSWORD", PASSWORD == null ? "" : PASSWORD);
  }

  @Test
  void open_wrongPassword_messageNeverHoldsIt() {
    Properties wrong = new Properties();
    wrong.setProperty("user", USER == null ? "clinigate" : USER);
    wrong.setProperty("password", "not-the-password-42");
    InputException e = assertThrows(InputException.class, () -> JdbcAuditLog.builder().url(URL, wrong).open());
    String message = e.getMessage();
    assertFalse(message.contains("not-the-password-42"), message);
    assertTrue(message.contains("cannot use the audit database (SQLState 28P01)"), message);
  }
}
