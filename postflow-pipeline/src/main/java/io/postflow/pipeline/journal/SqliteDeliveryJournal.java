package io.postflow.pipeline.journal;

import io.postflow.api.ConfigurationException;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.ForwardingDeliveryJournal;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.pipeline.journal.internal.JdbcJournal;
import io.postflow.pipeline.journal.internal.JournalSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 *   <li><b>One agent.</b> Opening takes an exclusive lock on {@code <file>.lock} for the
 *       journal's lifetime; a second open, from another process or this one, fails with a
 *       {@link JournalException} saying so. Because no one else can hold a lease, opening makes
 *       every delivery left {@link DeliveryState#IN_PROGRESS} pending again.</li>
 *   <li><b>Commands beside the agent.</b> {@link Builder#besideAgent()} opens the journal of an
 *       agent that may be running, without its lock, for a person's look and requeue/forget
 *       (the {@code postflow} commands): SQLite's write-ahead log lets it read while the agent
 *       writes, and each write is one short transaction that waits its turn. It never claims, and
 *       the journal's own conditions protect the agent's work: {@link #requeue(long)} takes only a
 *       failed or quarantined delivery, {@link #forget(long)} never one in progress.</li>
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
public final class SqliteDeliveryJournal extends ForwardingDeliveryJournal {
  private static final Logger log = LoggerFactory.getLogger(SqliteDeliveryJournal.class);

  private final Path file;
  private final JdbcJournal journal;
  private final boolean besideAgent;

  private SqliteDeliveryJournal(Path file, JdbcJournal journal, boolean besideAgent) {
    this.file = file;
    this.journal = journal;
    this.besideAgent = besideAgent;
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
  protected DeliveryJournal delegate() {
    return journal;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the journal was opened {@linkplain Builder#besideAgent()
   *     beside its agent}: the agent's start releases every lease, as it owns them all
   */
  @Override
  public Optional<Lease> claim(String owner, Duration leaseLength) {
    if (besideAgent) {
      throw new IllegalStateException("delivery journal " + file + " is open beside its agent: only the agent claims");
    }
    return super.claim(owner, leaseLength);
  }

  /** Whether this journal was opened {@linkplain Builder#besideAgent() beside its agent}. */
  public boolean isBesideAgent() {
    return besideAgent;
  }

  /**
   * Closes the database (SQLite checkpoints the write-ahead log into the file) and releases the
   * lock, after a call in progress on another thread. Idempotent.
   */
  @Override
  public void close() {
    journal.close();
  }

  @Override
  public String toString() {
    return "SqliteDeliveryJournal[" + file + "]";
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
    private boolean besideAgent;
    private boolean readOnly;

    private Builder() {}

    /**
     * Opens the existing journal of an agent that may be running, for commands beside it: takes
     * no lock, creates, migrates and releases nothing, and refuses to {@link #claim claim}. Reads
     * see every committed write of the agent; writes (a requeue, a forget) are single short
     * transactions that wait up to the {@link #busyTimeout} for the agent's.
     */
    public Builder besideAgent() {
      this.besideAgent = true;
      return this;
    }

    /**
     * Beside the agent and read-only: SQLite refuses every write (a {@link JournalException}).
     * What commands that only look use.
     */
    public Builder readOnly() {
      this.besideAgent = true;
      this.readOnly = true;
      return this;
    }

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
     * left in progress pending again. {@link #besideAgent()} does none of that: it opens an
     * existing journal of the current schema as it is.
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
      JournalFile locked = besideAgent ? JournalFile.existing(absolute) : JournalFile.lock(absolute);
      try {
        Connection connection = besideAgent
            ? SqliteSetup.openBeside(absolute, busyTimeout, readOnly, migrations.size())
            : SqliteSetup.open(absolute, busyTimeout, clock, migrations);
        log.debug("delivery journal {} open{}", absolute, besideAgent ? " beside its agent" : "");
        return new SqliteDeliveryJournal(absolute,
            new JdbcJournal(new JournalConnection(locked, connection), clock), besideAgent);
      } catch (RuntimeException e) {
        locked.close();
        throw e;
      }
    }
  }
}
