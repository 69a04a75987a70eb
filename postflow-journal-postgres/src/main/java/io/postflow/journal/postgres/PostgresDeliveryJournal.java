package io.postflow.journal.postgres;

import io.postflow.api.AgentLock;
import io.postflow.api.ConfigurationException;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.ForwardingDeliveryJournal;
import io.postflow.api.JournalException;
import io.postflow.api.Sleeper;
import io.postflow.pipeline.journal.internal.JdbcJournal;
import io.postflow.pipeline.journal.internal.JdbcUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The {@link DeliveryJournal} on PostgreSQL, shared by several PostFlow agents on several
 * machines watching the same filespace: every render is still delivered once, and the work of an
 * agent that dies is taken over by another when its lease expires.
 *
 * <pre>{@code
 * try (PostgresDeliveryJournal journal = PostgresDeliveryJournal.builder()
 *     .url("jdbc:postgresql://db.studio.lan/postflow")
 *     .user("postflow")
 *     .password(System.getenv("POSTFLOW_JOURNAL_PASSWORD"))
 *     .open()) {
 *   PostFlow postflow = PostFlow.builder().journal(journal) ... .build();
 * }
 * }</pre>
 * Or, without code: {@code POSTFLOW_JOURNAL_URL=jdbc:postgresql://...} with this module on the
 * class path (see {@code docs/scaling.md}).
 *
 * <ul>
 *   <li><b>Same journal, shared.</b> The same schema, migrations and statements as the embedded
 *       SQLite journal; a claim locks the row it picks ({@code FOR UPDATE SKIP LOCKED}), so agents
 *       claiming at once each get a different delivery without waiting for one another.</li>
 *   <li><b>Leases and fencing.</b> A claim holds the delivery for the lease length, renewed while
 *       the upload runs; an expired lease can be taken by any agent, with the fence one higher,
 *       and the old holder's every write is then refused ({@link io.postflow.api.LeaseLostException}).
 *       Opening does not release anyone's leases: other agents may be alive.</li>
 *   <li><b>Folders once.</b> As an {@link AgentLock} (an advisory lock per key) it lets the
 *       agents' structure managers create each Frame.io folder once.</li>
 *   <li><b>Reconnects.</b> A lost connection is replaced and the transaction run again when
 *       nothing of it was committed, for up to the reconnect window (default 30 s).</li>
 *   <li><b>Secrets.</b> The password is never logged or shown; the URL is shown without any
 *       password in it.</li>
 * </ul>
 *
 * <p>Thread-safe. Instants are stored to the millisecond, taken from the builder's clock: keep the
 * agents' clocks in step (NTP), since one agent's lease expiry is compared with another's clock.
 */
public final class PostgresDeliveryJournal extends ForwardingDeliveryJournal implements AgentLock {
  private final String shownUrl;
  private final PostgresDatabase db;
  private final JdbcJournal journal;

  private PostgresDeliveryJournal(String shownUrl, PostgresDatabase db, JdbcJournal journal) {
    this.shownUrl = shownUrl;
    this.db = db;
    this.journal = journal;
  }

  /** A builder; {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected DeliveryJournal delegate() {
    return journal;
  }

  /**
   * Which agent holds what: every delivery in progress, grouped by the lease's owner (the
   * agent id), oldest first. A lease whose {@link Delivery#leaseExpiresAt()} has passed belongs to
   * an agent that stopped renewing it (dead, paused or cut off): the next claim takes it over.
   */
  public Map<String, List<Delivery>> held() {
    return journal.held();
  }

  /** The deliveries the agent {@code owner} holds a lease on, oldest first. */
  public List<Delivery> heldBy(String owner) {
    return journal.heldBy(owner);
  }

  /**
   * {@inheritDoc} A PostgreSQL advisory lock held for one transaction on a connection of this
   * journal's pool; the server releases it if this agent dies.
   */
  @Override
  public <T> T underLock(String key, Supplier<T> work) {
    return db.underLock(key, work);
  }

  /** Closes the connections; leases stay as they are (they expire if not taken back). Idempotent. */
  @Override
  public void close() {
    journal.close();
  }

  @Override
  public String toString() {
    return "PostgresDeliveryJournal[" + shownUrl + "]";
  }

  /**
   * Configures and opens a {@link PostgresDeliveryJournal}; {@link #open()} checks the settings
   * first and names the one that is wrong.
   */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private Clock clock = Clock.systemUTC();
    private int maxConnections = 8;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration reconnectWindow = Duration.ofSeconds(30);
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** Required: {@code jdbc:postgresql://host[:port]/database[?parameters]}. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** The database user, unless the URL names it. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password, unless the URL holds it; never logged or shown. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The clock for lease expiry, retry times and timestamps; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The most connections this agent opens, 1 to 100; default 8. Each worker uses one for a
     * short transaction at a time, a folder creation holds one while it runs.
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** How long opening one connection may take; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * How long a call keeps trying to reach the database again after losing it (a server
     * restart) before it fails with a retryable {@link JournalException}; default 30 s.
     */
    public Builder reconnectWindow(Duration reconnectWindow) {
      this.reconnectWindow = reconnectWindow;
      return this;
    }

    /** How the journal waits between reconnection attempts; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Checks the settings, connects, and creates or migrates the journal's tables.
     *
     * @throws ConfigurationException naming the setting that is missing or wrong
     * @throws JournalException when the database cannot be reached or is not a PostFlow journal
     *     of a schema this version knows; the message never holds the password
     */
    public PostgresDeliveryJournal open() {
      if (url == null || !url.startsWith("jdbc:postgresql:")) {
        throw new ConfigurationException("'url' must be a jdbc:postgresql: URL, was "
            + (url == null ? "missing" : JdbcUrls.redact(url)));
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' must not be null");
      }
      if (sleeper == null) {
        throw new ConfigurationException("'sleeper' must not be null");
      }
      if (maxConnections < 1 || maxConnections > 100) {
        throw new ConfigurationException("'maxConnections' must be from 1 to 100, was " + maxConnections);
      }
      if (connectTimeout == null || connectTimeout.toSeconds() < 1) {
        throw new ConfigurationException("'connectTimeout' must be at least 1 s, was " + connectTimeout);
      }
      if (reconnectWindow == null || reconnectWindow.isNegative()) {
        throw new ConfigurationException("'reconnectWindow' must be zero or more, was " + reconnectWindow);
      }
      String shown = JdbcUrls.redact(url);
      String name = "delivery journal " + shown;
      Properties properties = new Properties();
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      properties.setProperty("ApplicationName", "postflow");
      properties.setProperty("connectTimeout", Long.toString(connectTimeout.toSeconds()));
      properties.setProperty("tcpKeepAlive", "true");
      PostgresDatabase db = new PostgresDatabase(new ConnectionPool(url, properties, name, maxConnections),
          name, reconnectWindow, sleeper);
      try {
        PostgresSetup.migrate(db, clock);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return new PostgresDeliveryJournal(shown, db, new JdbcJournal(db, clock));
    }
  }
}
