package dev.clinigate.cli;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Problem;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import dev.clinigate.audit.AuditChain;
import dev.clinigate.audit.AuditRecord;
import dev.clinigate.audit.AuditVerifier;
import dev.clinigate.audit.FileAuditLog;
import dev.clinigate.audit.JdbcAuditLog;
import dev.clinigate.audit.Verification;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The decision log named on the command line: a JSON Lines file (the default), or a database when the name is a
 * JDBC URL ({@code jdbc:postgresql://host:5432/db}, {@code jdbc:h2:file:/path/decisions}). The database user and
 * password come from {@code CLINIGATE_AUDIT_DB_USER} and {@code CLINIGATE_AUDIT_DB_PASSWORD}, never from the
 * command line: a URL that carries a password is refused, and no message shows one.
 */
final class AuditLogs {
  /** The environment variable holding the database user. */
  static final String USER_VARIABLE = "CLINIGATE_AUDIT_DB_USER";
  /** The environment variable holding the database password. */
  static final String PASSWORD_VARIABLE = "CLINIGATE_AUDIT_DB_PASSWORD";

  /** Reads the environment; tests replace it. */
  static UnaryOperator<String> environment = System::getenv;

  private AuditLogs() {}

  /** Whether {@code log} names a database rather than a file. */
  static boolean isDatabase(String log) {
    return log.regionMatches(true, 0, "jdbc:", 0, 5);
  }

  /** The name under which results show the log (a URL without its parameters). */
  static String name(String log) {
    return isDatabase(log) ? JdbcAuditLog.displayUrl(log) : log;
  }

  /** The database log {@code url} names, made with {@code chain}. */
  static JdbcAuditLog database(String url, AuditChain chain) {
    if (JdbcAuditLog.urlCarriesPassword(url)) {
      throw new InputException(Problem.at(JdbcAuditLog.displayUrl(url), 0, 0,
          "the database URL carries a password: command lines are visible to every user of the machine",
          "set " + PASSWORD_VARIABLE + " (and " + USER_VARIABLE + ") in the environment instead"));
    }
    Properties p = new Properties();
    String user = environment.apply(USER_VARIABLE);
    String password = environment.apply(PASSWORD_VARIABLE);
    if (user != null && !user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      p.setProperty("password", password);
    }
    return JdbcAuditLog.builder().url(url, p).chain(chain).open();
  }

  /** Appends each decision kind to a file or a database log. */
  interface Appender {
    /** A promotion decision with its evidence. */
    AuditRecord append(Decision decision, Evidence evidence);

    /** A rollback decision with its windows. */
    AuditRecord append(RollbackDecision decision, List<MonitoringWindow> windows);

    /** A review decision with its inference. */
    AuditRecord append(ReviewDecision decision, Inference inference);
  }

  /** The log to append to: the file (checked as every input file is) or the database. */
  static Appender forAppend(String log, Common common, AuditChain chain) {
    if (isDatabase(log)) {
      JdbcAuditLog db = database(log, chain);
      return new Appender() {
        @Override
        public AuditRecord append(Decision decision, Evidence evidence) {
          return db.append(decision, evidence);
        }

        @Override
        public AuditRecord append(RollbackDecision decision, List<MonitoringWindow> windows) {
          return db.append(decision, windows);
        }

        @Override
        public AuditRecord append(ReviewDecision decision, Inference inference) {
          return db.append(decision, inference);
        }
      };
    }
    Path file = Path.of(log);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      common.checked(file);
    }
    FileAuditLog f = FileAuditLog.open(file, chain);
    return new Appender() {
      @Override
      public AuditRecord append(Decision decision, Evidence evidence) {
        return f.append(decision, evidence);
      }

      @Override
      public AuditRecord append(RollbackDecision decision, List<MonitoringWindow> windows) {
        return f.append(decision, windows);
      }

      @Override
      public AuditRecord append(ReviewDecision decision, Inference inference) {
        return f.append(decision, inference);
      }
    };
  }

  /** Verifies the log: the file's bytes, or the database's rows (with its column and head checks). */
  static Verification verify(String log, Common common, AuditVerifier verifier) {
    if (isDatabase(log)) {
      return database(log, AuditChain.defaults()).verify(verifier);
    }
    return verifier.verify(common.auditLog(Path.of(log)), log);
  }

  /** The log as JSON Lines bytes: the file, or the database's rows in seq order. */
  static byte[] bytes(String log, Common common) {
    return isDatabase(log) ? database(log, AuditChain.defaults()).toJsonLines() : common.auditLog(Path.of(log));
  }

  /** The log's records, in order. */
  static List<AuditRecord> records(String log) {
    return isDatabase(log) ? database(log, AuditChain.defaults()).records() : FileAuditLog.open(Path.of(log)).records();
  }
}
