package dev.clinigate.audit;

import java.util.Properties;

/**
 * A separate JVM appending to a database log: {@code JdbcAppendMain URL TABLE FIRST COUNT}; the user and password
 * come from {@code CLINIGATE_TEST_DB_USER} and {@code CLINIGATE_TEST_DB_PASSWORD}, never from the command line.
 */
public final class JdbcAppendMain {
  private JdbcAppendMain() {}

  /** Appends decisions FIRST .. FIRST+COUNT-1 of the fixtures. */
  public static void main(String[] args) {
    Properties p = new Properties();
    String user = System.getenv("CLINIGATE_TEST_DB_USER");
    String password = System.getenv("CLINIGATE_TEST_DB_PASSWORD");
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    JdbcAuditLog log = JdbcAuditLog.builder().url(args[0], p).table(args[1]).open();
    int first = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    for (int i = first; i < first + count; i++) {
      log.append(Fixtures.decision(i), Fixtures.evidence(i));
    }
  }
}
