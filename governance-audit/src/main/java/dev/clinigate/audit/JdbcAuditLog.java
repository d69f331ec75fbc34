package dev.clinigate.audit;

import dev.clinigate.Decision;
import dev.clinigate.Evidence;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.Problem;
import dev.clinigate.ReviewDecision;
import dev.clinigate.RollbackDecision;
import dev.clinigate.SourceFiles;
import dev.clinigate.audit.internal.JdbcUrls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The database-backed {@link AuditLog}: the same records as {@link FileAuditLog} (the same hash chain, masking
 * and signatures), one row each, in any JDBC database (PostgreSQL on a server, H2 embedded in a file).
 *
 * <pre>{@code
 * Properties credentials = new Properties();        // from the host's secret store, never from code
 * credentials.setProperty("user", user);
 * credentials.setProperty("password", password);
 * JdbcAuditLog log = JdbcAuditLog.builder()
 *     .url("jdbc:postgresql://db.example.org:5432/governance", credentials)
 *     .chain(AuditChain.builder().mask(mask).build())
 *     .open();                                      // creates the tables when absent
 * log.append(decision, evidence);
 * Verification v = log.verify(AuditVerifier.standard());
 * }</pre>
 *
 * <p>Schema ({@code clinigate_audit} is the default table name; {@link #schema(String)} prints it):
 * <pre>
 * CREATE TABLE clinigate_audit (seq BIGINT NOT NULL PRIMARY KEY, prev CHAR(64) NOT NULL,
 *                               hash CHAR(64) NOT NULL, line TEXT NOT NULL);
 * CREATE TABLE clinigate_audit_head (id INT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL);
 * </pre>
 *
 * <p>Design note: each row stores its record's exact canonical line ({@link AuditRecord#line()}), so the rows
 * in {@code seq} order joined by {@code \n} are byte for byte the JSON Lines file the same appends would have
 * written ({@link #toJsonLines()}), and {@link #verify} runs the file log's {@link AuditVerifier} on them; the
 * {@code seq}, {@code prev} and {@code hash} columns are copies for queries, checked against the line. Appends
 * serialise on the head row: one transaction locks it ({@code SELECT ... FOR UPDATE}), reads the last record,
 * inserts the next and moves the head, so writers in any number of threads and processes keep one chain; the
 * primary key on {@code seq} is a second guard, and a lock timeout, deadlock or key clash rolls back and retries.
 * The head row also lets {@link #verify} detect records dropped from the end, or inserted after it, without
 * going through the log. Masking and JSON rendering happen before the transaction.
 *
 * <p>Each operation opens a connection and closes it (pass a pooling {@link Connector} such as
 * {@code dataSource::getConnection} in a service). JDBC drivers are not dependencies of this module: the host
 * adds its database's driver. An H2 file URL without {@code AUTO_SERVER} gets {@code ;AUTO_SERVER=TRUE}, so that
 * a second process can write to the same file (through the first one's server), and {@code ;DB_CLOSE_DELAY=-1}
 * (for users with admin rights), so that the serving process keeps it open. Instances are thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {
  /** The default table; its head row lives in {@code <table>_head}. */
  public static final String DEFAULT_TABLE = "clinigate_audit";

  private static final int MAX_ATTEMPTS = 50;
  /** How long an embedded database may stay unreachable while processes hand its server over. */
  private static final long HANDOVER_NANOS = 30_000_000_000L;

  /** Opens a connection to the database; {@code dataSource::getConnection} is one. */
  @FunctionalInterface
  public interface Connector {
    /**
     * A new (or pooled) connection; the log closes it after each operation.
     *
     * @return the connection
     * @throws SQLException when the database cannot be reached
     */
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final String name;
  private final String table;
  private final AuditChain chain;
  private final UnaryOperator<String> scrub;
  private final boolean embedded;

  private JdbcAuditLog(Connector connector, String name, String table, AuditChain chain, UnaryOperator<String> scrub,
      boolean embedded) {
    this.embedded = embedded;
    this.connector = connector;
    this.name = name;
    this.table = table;
    this.chain = chain;
    this.scrub = scrub;
  }

  /** A builder: give it a URL or a connector, then {@link Builder#open()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The DDL of the log's two tables, portable between PostgreSQL and H2 ({@code open} runs it with
   * {@code IF NOT EXISTS}).
   *
   * @param table the table name ({@code [a-z_][a-z0-9_]*}, at most 50 characters)
   * @return the statements, each ending with {@code ;} and a newline
   */
  public static String schema(String table) {
    String t = checkTable(table);
    return "CREATE TABLE " + t + " (seq BIGINT NOT NULL PRIMARY KEY, prev CHAR(64) NOT NULL, "
        + "hash CHAR(64) NOT NULL, line TEXT NOT NULL);\n"
        + "CREATE TABLE " + t + "_head (id INT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL);\n";
  }

  /**
   * The URL as it may be shown: without user information, query parameters or H2 settings (where credentials
   * can hide).
   *
   * @param url a JDBC URL
   * @return the URL without anything after {@code ?} or {@code ;} and without {@code user:password@}
   */
  public static String displayUrl(String url) {
    return JdbcUrls.display(url);
  }

  /**
   * Whether the URL itself carries a password (a {@code password} parameter or setting, or {@code user:password@}):
   * a command line should refuse such a URL, since every user of the machine can read command lines.
   *
   * @param url a JDBC URL
   * @return whether a password is in it
   */
  public static boolean urlCarriesPassword(String url) {
    return JdbcUrls.carriesPassword(url);
  }

  /** The log's name in messages and verification results: the displayable URL and the table. */
  public String name() {
    return name;
  }

  /** The table holding the records. */
  public String table() {
    return table;
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
   * Appends a rollback decision (a record of kind {@code rollback}), masked with the windows it was made on, as
   * {@link FileAuditLog#append(RollbackDecision, List)} does.
   *
   * @param decision the decision
   * @param windows the windows the decision was made on, in order
   * @return the record written
   * @throws IllegalArgumentException when the windows are not the decision's
   */
  public AuditRecord append(RollbackDecision decision, List<MonitoringWindow> windows) {
    return append(chain.prepare(decision, windows));
  }

  /**
   * Appends the routing of one inference and the clinician's action on it (a record of kind {@code review}), masked
   * with the inference, as {@link FileAuditLog#append(ReviewDecision, Inference)} does.
   *
   * @param decision the decision
   * @param inference the inference the decision routed
   * @return the record written
   * @throws IllegalArgumentException when the inference is not the decision's
   */
  public AuditRecord append(ReviewDecision decision, Inference inference) {
    return append(chain.prepare(decision, inference));
  }

  private AuditRecord append(AuditChain.Prepared prepared) {
    return transaction(c -> {
      long headSeq;
      try (PreparedStatement s = c.prepareStatement("SELECT seq FROM " + table + "_head WHERE id = 1 FOR UPDATE");
          ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw problem("the head row of " + table + "_head is missing: the tables were changed outside the log",
              "run 'clinigate audit verify' on the log and have its owner repair it");
        }
        headSeq = rs.getLong(1);
      }
      Optional<AuditRecord> last = headSeq == 0 ? Optional.empty() : Optional.of(row(c, headSeq));
      AuditRecord record = chain.link(last, prepared);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (seq, prev, hash, line) VALUES (?, ?, ?, ?)")) {
        s.setLong(1, record.seq());
        s.setString(2, record.prev());
        s.setString(3, record.hash());
        s.setString(4, record.line());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE " + table + "_head SET seq = ? WHERE id = 1")) {
        s.setLong(1, record.seq());
        s.executeUpdate();
      }
      return record;
    });
  }

  /** The record at {@code seq}; the head names it, so its absence means the table was edited. */
  private AuditRecord row(Connection c, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT line FROM " + table + " WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new InputException(Problem.at(name, (int) Math.min(Integer.MAX_VALUE, seq), 0,
              "the head row names seq " + seq + " but no row holds it: records were deleted outside the log, so "
                  + "nothing more is appended", "run 'clinigate audit verify' on the log and have its owner repair it"));
        }
        return AuditRecord.parse(rs.getString(1), name, seq);
      }
    }
  }

  @Override
  public List<AuditRecord> records() {
    List<Row> rows = rows();
    List<AuditRecord> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      out.add(AuditRecord.parse(rows.get(i).line(), name, i + 1L));
    }
    return out;
  }

  @Override
  public Optional<AuditRecord> last() {
    return transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT line FROM " + table + " ORDER BY seq DESC");
          ResultSet rs = limitOne(s)) {
        return rs.next() ? Optional.of(AuditRecord.parse(rs.getString(1), name, 0)) : Optional.empty();
      }
    });
  }

  private static ResultSet limitOne(PreparedStatement s) throws SQLException {
    s.setMaxRows(1);
    return s.executeQuery();
  }

  /**
   * The log as JSON Lines: every row's line in {@code seq} order, each followed by {@code \n}; byte for byte the
   * file a {@link FileAuditLog} with the same chain would hold. {@code clinigate audit export} and a move to a
   * file log use it.
   *
   * @throws InputException when the log holds more than {@link Limits#maxAuditLogBytes()} bytes
   */
  public byte[] toJsonLines() {
    return jsonLines(rows());
  }

  private byte[] jsonLines(List<Row> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Row r : rows) {
      out.writeBytes(r.line().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /**
   * Verifies the log as {@link AuditVerifier#verify(byte[], String)} verifies a file (lines are rows in {@code seq}
   * order, line N is the row at position N, which is {@code seq} N in an intact log), and also that every row's
   * {@code seq}, {@code prev} and {@code hash} columns agree with its record and that the head row names the last
   * record (a row deleted from the end, or added after it without the log, is found).
   *
   * @param verifier the verifier (genesis, public key, anchored head)
   * @return the verification; its failure names the first bad row's position
   */
  public Verification verify(AuditVerifier verifier) {
    // the head before and after the rows: an append committed meanwhile moves it past them, never below
    long headBefore = headSeq();
    List<Row> rows = rows();
    long headAfter = headSeq();
    Verification v = verifier.verify(jsonLines(rows), name);
    long limit = v.failure().map(Verification.Failure::line).orElse(Long.MAX_VALUE);
    for (int i = 0; i < rows.size() && i + 1L < limit; i++) {
      Row r = rows.get(i);
      AuditRecord record = AuditRecord.parse(r.line(), name, i + 1L); // parsed by the verifier already
      if (r.seq() != record.seq() || !r.prev().equals(record.prev()) || !r.hash().equals(record.hash())) {
        return fail(v, i + 1L, Verification.Kind.CHANGED, "the row's seq, prev or hash column (seq " + r.seq()
            + ") does not agree with its record (seq " + record.seq() + "): the row was edited outside the log");
      }
    }
    if (!v.valid()) {
      return v;
    }
    if (headBefore < 0 || headAfter < 0) {
      return fail(v, rows.size() + 1L, Verification.Kind.TRUNCATED, "the head row of " + table + "_head is missing: "
          + "the tables were changed outside the log");
    }
    if (headBefore > rows.size()) {
      return fail(v, rows.size() + 1L, Verification.Kind.TRUNCATED, "the log ends at seq " + rows.size()
          + " but its head row says seq " + headBefore + ": records were dropped from the end");
    }
    if (headAfter < rows.size()) {
      return fail(v, headAfter + 1, Verification.Kind.INSERTED, "the head row says the log ends at seq " + headAfter
          + ", but rows follow it: records were inserted after the last append");
    }
    return v;
  }

  /** The head row's seq, or -1 when it is missing. */
  private long headSeq() {
    return transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT seq FROM " + table + "_head WHERE id = 1");
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1L;
      }
    });
  }

  private static Verification fail(Verification v, long line, Verification.Kind kind, String message) {
    long verified = Math.min(v.records(), line - 1);
    return new Verification(v.source(), verified, Optional.of(new Verification.Failure(line, kind, message)),
        v.warnings(), v.head().filter(h -> h.seq() <= verified), v.signaturesVerified(), v.signaturesPresent());
  }

  /** One row, as stored. */
  private record Row(long seq, String prev, String hash, String line) {}

  private List<Row> rows() {
    long max = Limits.defaults().maxAuditLogBytes();
    return transaction(c -> {
      List<Row> out = new ArrayList<>();
      long bytes = 0;
      try (PreparedStatement s = c.prepareStatement("SELECT seq, prev, hash, line FROM " + table + " ORDER BY seq");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Row r = new Row(rs.getLong(1), trim(rs.getString(2)), trim(rs.getString(3)), rs.getString(4));
          bytes += r.line().length() + 1L;
          if (bytes > max) {
            throw SourceFiles.tooLarge(name, max, "maxAuditLogBytes");
          }
          out.add(r);
        }
      }
      return out;
    });
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip(); // CHAR(64) pads nothing for 64 characters; an edited value may be shorter
  }

  /** A unit of work in one transaction. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction, retrying it when the database reports a lock timeout, a deadlock, a
   * serialisation failure or a key clash (another writer won the race).
   */
  private <T> T transaction(Work<T> work) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try (Connection c = connector.connect()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < MAX_ATTEMPTS && retryable(e)) {
          pause(attempt);
          continue;
        }
        if (embedded && handover(e) && System.nanoTime() - start < HANDOVER_NANOS) {
          pause(attempt);
          continue;
        }
        throw failure(e);
      }
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one to report
    }
  }

  private static boolean retryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 23505 unique violation,
        // HYT00 H2's lock timeout
        if (state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("23505")
            || state.equals("HYT00")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an embedded H2 database is changing hands: the process serving it exited (the connection broke) or
   * another process is opening it (its lock file is fresh). A commit whose acknowledgement was lost may then be
   * appended twice, as two records of one decision; the chain stays valid.
   */
  private static boolean handover(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().equals("90020") || s.getSQLState().equals("90067")
              || s.getSQLState().equals("90098"))) {
        return true;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(200, 5L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the audit log's lock", e);
    }
  }

  private InputException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
    String message = scrub.apply(String.valueOf(e.getMessage())).lines().findFirst().orElse("");
    String hint = "08001".equals(e.getSQLState()) || message.contains("No suitable driver")
        ? "check the URL, that the server runs, and that the host has the database's JDBC driver "
            + "(org.postgresql:postgresql, com.h2database:h2) on its classpath"
        : "check the database, the credentials and the table " + table;
    return new InputException(Problem.at(name, 0, 0, "cannot use the audit database" + state + ": " + message, hint), e);
  }

  private InputException problem(String message, String hint) {
    return new InputException(Problem.at(name, 0, 0, message, hint));
  }

  /** Whether both tables and the head row exist: then no DDL is run (a writer may lack the right to create). */
  private boolean ready() {
    try (Connection c = connector.connect();
        PreparedStatement s = c.prepareStatement("SELECT seq FROM " + table + "_head WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return false;
      }
      try (PreparedStatement t = c.prepareStatement("SELECT seq FROM " + table + " WHERE seq = 0");
          ResultSet ts = t.executeQuery()) {
        return true;
      }
    } catch (SQLException e) {
      return false; // absent tables, or the database is unreachable: the DDL below reports which
    }
  }

  /** Creates the tables and the head row when absent. */
  private JdbcAuditLog createTables() {
    if (ready()) {
      return this;
    }
    transaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + table + " (seq BIGINT NOT NULL PRIMARY KEY, prev CHAR(64) NOT NULL, "
            + "hash CHAR(64) NOT NULL, line TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS " + table + "_head (id INT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL)");
      }
      return null;
    });
    transaction(c -> {
      boolean present;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + "_head WHERE id = 1");
          ResultSet rs = s.executeQuery()) {
        present = rs.next() && rs.getLong(1) > 0;
      }
      if (!present) {
        // the log's rows count as appended: a table filled before the head existed keeps its records
        long rows;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = s.executeQuery()) {
          rows = rs.next() ? rs.getLong(1) : 0;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + "_head (id, seq) VALUES (1, ?)")) {
          s.setLong(1, rows);
          s.executeUpdate(); // a concurrent opener may win: 23505, retried, then present
        }
      }
      return null;
    });
    return this;
  }

  private static String checkTable(String table) {
    Objects.requireNonNull(table, "table");
    if (!table.matches("[a-z_][a-z0-9_]{0,49}")) {
      throw new IllegalArgumentException("a table name is [a-z_][a-z0-9_]* of at most 50 characters, found \""
          + table + "\"");
    }
    return table;
  }

  @Override
  public String toString() {
    return "JdbcAuditLog[" + name + "]";
  }

  /** Builds a {@link JdbcAuditLog}. */
  public static final class Builder {
    private Connector connector;
    private String displayName;
    private String table = DEFAULT_TABLE;
    private AuditChain chain = AuditChain.defaults();
    private UnaryOperator<String> scrub = UnaryOperator.identity();
    private boolean embedded;

    private Builder() {}

    /**
     * Connects with {@link DriverManager} to {@code url} (the host puts the driver on the classpath).
     *
     * @param url a JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/governance} or
     *     {@code jdbc:h2:file:/var/lib/clinigate/decisions} (the embedded default)
     * @param properties connection properties, typically {@code user} and {@code password}; keep credentials out
     *     of the URL: the URL is shown in messages (without its parameters), the properties never are
     */
    public Builder url(String url, Properties properties) {
      Objects.requireNonNull(url, "url");
      Properties p = new Properties();
      p.putAll(Objects.requireNonNull(properties, "properties"));
      String target = JdbcUrls.embeddedServer(url);
      String forUsers = JdbcUrls.embeddedServerForUsers(url);
      AtomicBoolean notAdmin = new AtomicBoolean(target.equals(forUsers));
      this.connector = () -> {
        if (!notAdmin.get()) {
          try {
            return DriverManager.getConnection(target, p);
          } catch (SQLException e) {
            if (!"90040".equals(e.getSQLState())) { // H2: admin rights needed for DB_CLOSE_DELAY
              throw e;
            }
            notAdmin.set(true);
          }
        }
        return DriverManager.getConnection(forUsers, p);
      };
      this.displayName = JdbcUrls.display(url);
      this.embedded = JdbcUrls.embeddedH2(url);
      Optional<String> password = Optional.ofNullable(p.getProperty("password")).filter(s -> !s.isEmpty());
      String shown = this.displayName;
      this.scrub = m -> JdbcUrls.scrub(m.replace(target, shown).replace(forUsers, shown).replace(url, shown), password);
      return this;
    }

    /**
     * Connects with {@code connector}, e.g. a pool's {@code dataSource::getConnection}.
     *
     * @param connector opens connections
     * @param name the log's name in messages (no credentials)
     */
    public Builder connector(Connector connector, String name) {
      this.connector = Objects.requireNonNull(connector, "connector");
      this.displayName = Objects.requireNonNull(name, "name");
      this.scrub = UnaryOperator.identity();
      this.embedded = false;
      return this;
    }

    /** The table (default {@value JdbcAuditLog#DEFAULT_TABLE}); the head row lives in {@code <table>_head}. */
    public Builder table(String value) {
      this.table = checkTable(value);
      return this;
    }

    /** The chain that makes the records (default {@link AuditChain#defaults()}). */
    public Builder chain(AuditChain value) {
      this.chain = Objects.requireNonNull(value, "chain");
      return this;
    }

    /**
     * Connects, creates the tables when absent, and returns the log.
     *
     * @throws IllegalStateException when neither a URL nor a connector was given
     * @throws InputException when the database cannot be used (the message never holds the password)
     */
    public JdbcAuditLog open() {
      if (connector == null) {
        throw new IllegalStateException("give the builder a url(...) or a connector(...)");
      }
      String name = DEFAULT_TABLE.equals(table) ? displayName : displayName + "#" + table;
      return new JdbcAuditLog(connector, name, table, chain, scrub, embedded).createTables();
    }
  }
}
