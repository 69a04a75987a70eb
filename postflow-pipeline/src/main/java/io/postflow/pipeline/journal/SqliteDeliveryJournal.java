package io.postflow.pipeline.journal;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.api.LeaseLostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link DeliveryJournal}: one SQLite file on the agent's local disk, the default
 * journal of a single PostFlow agent.
 *
 * <pre>{@code
 * try (SqliteDeliveryJournal journal = SqliteDeliveryJournal.open(Path.of("/var/lib/postflow/journal.db"))) {
 *   FileIdentity file = FileIdentity.of("renders", "SC03/UNDLM_00042_v002.mov", size, modified);
 *   journal.record(file, localPath, DeliveryFacts.builder().shot("UNDLM_00042").version(2).build());
 *
 *   // a worker
 *   Optional<Lease> claimed = journal.claim("agent-1/worker-3", Duration.ofMinutes(2));
 *   if (claimed.isPresent()) {
 *     Lease lease = claimed.get();
 *     journal.recordFacts(lease, DeliveryFacts.builder().fileId(uploadedFileId).build());
 *     journal.complete(lease);
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Durable.</b> Write-ahead log with {@code synchronous=FULL}: every call that returned has
 *       its transaction synced to disk and survives a crash of the process or of the machine,
 *       power cut included (on a disk that honours fsync).</li>
 *   <li><b>One process.</b> Opening takes an exclusive lock on {@code <file>.lock} for the
 *       journal's lifetime; a second open, from another process or this one, fails with a
 *       {@link JournalException} saying so. Because no one else can hold a lease, opening makes
 *       every delivery left {@link DeliveryState#IN_PROGRESS} pending again.</li>
 *   <li><b>Private.</b> The file (and SQLite's {@code -wal} and {@code -shm} files) are created
 *       readable by the owner only: facts may include secrets.</li>
 *   <li><b>Never reset.</b> A corrupt file, a file that is not a SQLite database, and a journal of
 *       a newer schema fail to open with a {@link JournalException} naming the file, and are left
 *       byte for byte as they were.</li>
 *   <li><b>Thread-safe.</b> Any number of threads may share it.</li>
 * </ul>
 *
 * <p>Instants are stored to the millisecond. See {@code docs/journal.md} for the schema and for
 * inspecting a journal with the {@code sqlite3} command line.
 */
public final class SqliteDeliveryJournal implements DeliveryJournal {
  private static final Logger log = LoggerFactory.getLogger(SqliteDeliveryJournal.class);

  private static final Set<DeliveryState> FINISHING =
      EnumSet.of(DeliveryState.QUARANTINED, DeliveryState.FAILED, DeliveryState.SUPERSEDED);
  private static final Set<DeliveryState> REQUEUEABLE =
      EnumSet.of(DeliveryState.QUARANTINED, DeliveryState.FAILED);

  private final Path file;
  private final Clock clock;
  private final JournalConnection db;

  private SqliteDeliveryJournal(Path file, Clock clock, JournalConnection db) {
    this.file = file;
    this.clock = clock;
    this.db = db;
  }

  /**
   * Opens (creating if missing) the journal in {@code file} with the system clock.
   *
   * @throws ConfigurationException when {@code file} is null or an existing directory
   * @throws JournalException when the journal cannot be opened; the message says why
   */
  public static SqliteDeliveryJournal open(Path file) {
    return builder().file(file).open();
  }

  /** A builder for a journal with settings other than the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Delivery> record(FileIdentity identity, String localPath, DeliveryFacts known) {
    Objects.requireNonNull(identity, "file");
    Objects.requireNonNull(localPath, "localPath");
    Objects.requireNonNull(known, "known");
    return db.write("recording " + identity, c -> {
      long now = clock.millis();
      try (PreparedStatement insert = c.prepareStatement(JournalSql.INSERT)) {
        int i = DeliveryRows.bindIdentity(insert, 1, identity);
        insert.setString(i++, localPath);
        insert.setLong(i++, now);
        insert.setLong(i++, now);
        DeliveryRows.bindFacts(insert, i, known);
        if (insert.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      Delivery recorded = DeliveryRows.findByIdentity(c, identity).orElseThrow();
      try (PreparedStatement supersede = c.prepareStatement(JournalSql.SUPERSEDE_OLDER)) {
        supersede.setString(1, "a newer version was recorded: delivery " + recorded.id());
        supersede.setLong(2, now);
        supersede.setString(3, identity.root());
        supersede.setString(4, identity.relativePath());
        supersede.setLong(5, recorded.id());
        supersede.executeUpdate();
      }
      return Optional.of(recorded);
    });
  }

  @Override
  public boolean isRecorded(FileIdentity identity) {
    Objects.requireNonNull(identity, "file");
    return db.read("looking up " + identity, c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.IS_RECORDED)) {
        DeliveryRows.bindIdentity(query, 1, identity);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  @Override
  public Optional<Lease> claim(String owner, Duration leaseLength) {
    checkOwner(owner);
    long leaseMillis = leaseMillis(leaseLength);
    return db.write("claiming for " + owner, c -> {
      long now = clock.millis();
      long id;
      try (PreparedStatement query = c.prepareStatement(JournalSql.NEXT_CLAIMABLE)) {
        query.setLong(1, now);
        query.setLong(2, now);
        try (ResultSet rows = query.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          id = rows.getLong(1);
        }
      }
      long expires = now + leaseMillis;
      try (PreparedStatement take = c.prepareStatement(JournalSql.TAKE)) {
        take.setString(1, owner);
        take.setLong(2, expires);
        take.setLong(3, now);
        take.setLong(4, id);
        take.executeUpdate();
      }
      Row taken = load(c, id);
      return Optional.of(lease(taken, owner));
    });
  }

  @Override
  public Lease renew(Lease lease, Duration leaseLength) {
    Objects.requireNonNull(lease, "lease");
    long leaseMillis = leaseMillis(leaseLength);
    return db.write("renewing the lease on delivery " + lease.deliveryId(), c -> {
      long now = clock.millis();
      Row renewed = fenced(c, lease, JournalSql.RENEW, s -> {
        s.setLong(1, now + leaseMillis);
        s.setLong(2, now);
        return 3;
      });
      return lease(renewed, lease.owner());
    });
  }

  @Override
  public Delivery recordFacts(Lease lease, DeliveryFacts facts) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(facts, "facts");
    return db.write("recording facts of delivery " + lease.deliveryId(), c -> {
      long now = clock.millis();
      return fenced(c, lease, JournalSql.MERGE_FACTS, s -> {
        int next = DeliveryRows.bindFacts(s, 1, facts);
        s.setLong(next, now);
        return next + 1;
      }).delivery();
    });
  }

  @Override
  public Delivery complete(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return db.write("completing delivery " + lease.deliveryId(), c -> {
      long now = clock.millis();
      return fenced(c, lease, JournalSql.COMPLETE, s -> {
        s.setLong(1, now);
        return 2;
      }).delivery();
    });
  }

  @Override
  public Delivery retryLater(Lease lease, Instant notBefore, String reason) {
    return putBack(lease, notBefore, reason, JournalSql.RETRY_LATER);
  }

  @Override
  public Delivery postpone(Lease lease, Instant notBefore, String reason) {
    return putBack(lease, notBefore, reason, JournalSql.POSTPONE);
  }

  private Delivery putBack(Lease lease, Instant notBefore, String reason, String sql) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(reason, "reason");
    // Rounded up: stored to the millisecond, the delivery must still not come due early.
    long notBeforeMillis = notBefore.toEpochMilli() + (notBefore.getNano() % 1_000_000 == 0 ? 0 : 1);
    return db.write("putting back delivery " + lease.deliveryId(), c -> {
      long now = clock.millis();
      return fenced(c, lease, sql, s -> {
        s.setLong(1, notBeforeMillis);
        s.setString(2, reason);
        s.setLong(3, now);
        return 4;
      }).delivery();
    });
  }

  @Override
  public Delivery release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return db.write("releasing delivery " + lease.deliveryId(), c -> {
      long now = clock.millis();
      return fenced(c, lease, JournalSql.RELEASE, s -> {
        s.setLong(1, now);
        return 2;
      }).delivery();
    });
  }

  @Override
  public Delivery finish(Lease lease, DeliveryState state, String reason) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    if (!FINISHING.contains(state)) {
      throw new IllegalArgumentException("finish(state) takes one of " + FINISHING + ", was " + state);
    }
    return db.write("finishing delivery " + lease.deliveryId() + " as " + state, c -> {
      long now = clock.millis();
      return fenced(c, lease, JournalSql.FINISH, s -> {
        s.setString(1, state.name());
        s.setString(2, reason);
        s.setLong(3, now);
        return 4;
      }).delivery();
    });
  }

  @Override
  public boolean recordNotified(long deliveryId, Instant notifiedAt) {
    Objects.requireNonNull(notifiedAt, "notifiedAt");
    return db.write("recording the notification of delivery " + deliveryId, c -> {
      try (PreparedStatement update = c.prepareStatement(JournalSql.RECORD_NOTIFIED)) {
        update.setLong(1, notifiedAt.toEpochMilli());
        update.setLong(2, deliveryId);
        return update.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int requeue(DeliveryState from) {
    Objects.requireNonNull(from, "from");
    if (!REQUEUEABLE.contains(from)) {
      throw new IllegalArgumentException("requeue(from) takes one of " + REQUEUEABLE + ", was " + from);
    }
    return db.write("requeueing " + from + " deliveries", c -> {
      try (PreparedStatement update = c.prepareStatement(JournalSql.REQUEUE)) {
        update.setLong(1, clock.millis());
        update.setString(2, from.name());
        return update.executeUpdate();
      }
    });
  }

  @Override
  public boolean requeue(long id) {
    return db.write("requeueing delivery " + id, c -> {
      try (PreparedStatement update = c.prepareStatement(JournalSql.REQUEUE_ONE)) {
        update.setLong(1, clock.millis());
        update.setLong(2, id);
        return update.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean forget(long id) {
    return db.write("forgetting delivery " + id, c -> {
      try (PreparedStatement delete = c.prepareStatement(JournalSql.FORGET)) {
        delete.setLong(1, id);
        return delete.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<Delivery> find(long id) {
    return db.read("finding delivery " + id, c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.FIND_BY_ID)) {
        query.setLong(1, id);
        return DeliveryRows.first(query);
      }
    });
  }

  @Override
  public Optional<Delivery> find(FileIdentity identity) {
    Objects.requireNonNull(identity, "file");
    return db.read("finding " + identity, c -> DeliveryRows.findByIdentity(c, identity));
  }

  /** {@inheritDoc} All states when {@code states} is empty. */
  @Override
  public List<Delivery> byShot(String shot, Set<DeliveryState> states) {
    Objects.requireNonNull(shot, "shot");
    Set<DeliveryState> wanted = EnumSet.noneOf(DeliveryState.class);
    wanted.addAll(states);
    return db.read("listing the deliveries of shot " + shot, c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.byShot(wanted))) {
        query.setString(1, shot);
        DeliveryRows.bindStates(query, 2, wanted);
        return DeliveryRows.all(query);
      }
    });
  }

  @Override
  public Optional<Delivery> latestDelivered(String shot) {
    Objects.requireNonNull(shot, "shot");
    return db.read("finding the latest delivery of shot " + shot, c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.LATEST_DELIVERED)) {
        query.setString(1, shot);
        return DeliveryRows.first(query);
      }
    });
  }

  @Override
  public List<Delivery> list(Set<DeliveryState> states, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("list(limit) must be at least 1, was " + limit);
    }
    Set<DeliveryState> wanted = EnumSet.noneOf(DeliveryState.class);
    wanted.addAll(states);
    return db.read("listing deliveries", c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.list(wanted))) {
        int next = DeliveryRows.bindStates(query, 1, wanted);
        query.setInt(next, limit);
        return DeliveryRows.all(query);
      }
    });
  }

  @Override
  public Map<DeliveryState, Long> counts() {
    return db.read("counting deliveries", c -> {
      Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
      try (Statement query = c.createStatement();
          ResultSet rows = query.executeQuery(JournalSql.COUNTS)) {
        while (rows.next()) {
          counts.put(DeliveryState.valueOf(rows.getString(1)), rows.getLong(2));
        }
      }
      return Collections.unmodifiableMap(counts);
    });
  }

  @Override
  public Optional<Instant> nextDue() {
    return db.read("finding the next due delivery", c -> {
      long now = clock.millis();
      try (PreparedStatement query = c.prepareStatement(JournalSql.NEXT_DUE)) {
        query.setLong(1, now);
        query.setLong(2, now);
        try (ResultSet rows = query.executeQuery()) {
          long due = rows.next() ? rows.getLong(1) : 0;
          return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(due));
        }
      }
    });
  }

  /**
   * Closes the database (SQLite checkpoints the write-ahead log into the file) and releases the
   * lock, after a call in progress on another thread. Idempotent.
   */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "SqliteDeliveryJournal[" + file + "]";
  }

  // ---- lease-bound writes ----

  private interface Binder {
    /** Binds the statement's leading parameters; returns the index of the next one. */
    int bind(PreparedStatement statement) throws SQLException;
  }

  /** A row with the one column {@link Delivery} does not carry. */
  private record Row(Delivery delivery, long fence) {}

  /** Runs a lease-bound update ({@link JournalSql} statements ending in id and fence). */
  private Row fenced(Connection c, Lease lease, String sql, Binder binder) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(sql)) {
      int next = binder.bind(update);
      update.setLong(next, lease.deliveryId());
      update.setLong(next + 1, lease.fence());
      if (update.executeUpdate() == 0) {
        throw leaseLost(c, lease);
      }
    }
    return load(c, lease.deliveryId());
  }

  private LeaseLostException leaseLost(Connection c, Lease lease) throws SQLException {
    String lost = "the lease of '" + lease.owner() + "' on delivery " + lease.deliveryId()
        + " with fence " + lease.fence() + " is lost: ";
    try (PreparedStatement query = c.prepareStatement(JournalSql.LEASE_HOLDER)) {
      query.setLong(1, lease.deliveryId());
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return new LeaseLostException(lease.deliveryId(), lost + "journal " + file
              + " has no such delivery");
        }
        DeliveryState state = DeliveryState.valueOf(rows.getString(1));
        long fence = rows.getLong(2);
        String owner = rows.getString(3);
        if (state == DeliveryState.IN_PROGRESS) {
          return new LeaseLostException(lease.deliveryId(), lost + "'" + owner
              + "' holds it now with fence " + fence);
        }
        return new LeaseLostException(lease.deliveryId(), lost + "the delivery is " + state
            + " now, last claimed with fence " + fence);
      }
    }
  }

  private Lease lease(Row row, String owner) {
    return Lease.builder()
        .delivery(row.delivery())
        .owner(owner)
        .fence(row.fence())
        .expiresAt(row.delivery().leaseExpiresAt().orElseThrow())
        .build();
  }

  private Row load(Connection c, long id) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(JournalSql.FIND_BY_ID)) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new JournalException("delivery journal " + file + " lost delivery " + id
              + " while writing it", null, false);
        }
        return new Row(DeliveryRows.delivery(rows), rows.getLong("fence"));
      }
    }
  }

  private static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("claim(owner) must not be blank");
    }
  }

  private static long leaseMillis(Duration leaseLength) {
    Objects.requireNonNull(leaseLength, "leaseLength");
    if (leaseLength.toMillis() < 1) {
      throw new IllegalArgumentException("leaseLength must be at least 1 ms, was " + leaseLength);
    }
    return leaseLength.toMillis();
  }

  /**
   * Configures and opens a {@link SqliteDeliveryJournal}. {@link #open()} checks the settings
   * before it creates or opens anything, and names the one that is wrong.
   *
   * <pre>{@code
   * SqliteDeliveryJournal journal = SqliteDeliveryJournal.builder()
   *     .file(Path.of("/var/lib/postflow/journal.db"))
   *     .clock(clock)
   *     .open();
   * }</pre>
   */
  public static final class Builder {
    private Path file;
    private Clock clock = Clock.systemUTC();
    private Duration busyTimeout = Duration.ofSeconds(5);
    private List<List<String>> migrations = JournalSchema.MIGRATIONS;

    private Builder() {}

    /**
     * The journal's database file, e.g. {@code /var/lib/postflow/journal.db}; required. Keep it on
     * a local disk, never in the filespace: SQLite's locking and write-ahead log need a local file
     * system. Its directory is created (owner-only) if missing; next to it live
     * {@code <name>-wal}, {@code <name>-shm} and {@code <name>.lock}.
     */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    /** The clock for lease expiry, retry times and timestamps; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How long a write waits for a reader outside PostFlow (the {@code sqlite3} command line, a
     * backup) that holds SQLite's lock, before failing with a retryable {@link JournalException};
     * default 5 s.
     */
    public Builder busyTimeout(Duration busyTimeout) {
      this.busyTimeout = busyTimeout;
      return this;
    }

    /** For tests of the migration machinery only: another list than {@link JournalSchema#MIGRATIONS}. */
    Builder migrations(List<List<String>> migrations) {
      this.migrations = List.copyOf(migrations);
      return this;
    }

    /**
     * Checks the settings, then opens the journal: creates the file if missing, takes the lock,
     * checks the file, migrates it to the current schema and makes the deliveries a previous run
     * left in progress pending again.
     *
     * @throws ConfigurationException naming the setting that is missing or wrong
     * @throws JournalException when the journal cannot be opened; the message names the file and
     *     says why. A file that is not a healthy journal of a schema this PostFlow knows (not
     *     SQLite, corrupt, another application's, newer) is left byte for byte as it was
     */
    public SqliteDeliveryJournal open() {
      if (file == null) {
        throw new ConfigurationException("'file' is required: the journal's database file");
      }
      Path absolute = file.toAbsolutePath().normalize();
      if (absolute.getFileName() == null || Files.isDirectory(absolute)) {
        throw new ConfigurationException("'file' must be a file, not a directory: " + file);
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' must not be null");
      }
      if (busyTimeout == null || busyTimeout.isNegative()) {
        throw new ConfigurationException("'busyTimeout' must be zero or more, was " + busyTimeout);
      }
      JournalFile locked = JournalFile.lock(absolute);
      try {
        Connection connection = SqliteSetup.open(absolute, busyTimeout, clock, migrations);
        log.debug("delivery journal {} open", absolute);
        return new SqliteDeliveryJournal(absolute, clock, new JournalConnection(locked, connection));
      } catch (RuntimeException e) {
        locked.close();
        throw e;
      }
    }
  }
}
