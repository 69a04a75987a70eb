package io.postflow.pipeline.journal.internal;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryFacts;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.FileIdentity;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.api.LeaseLostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link DeliveryJournal} on any SQL database the {@link JournalSql} statements run on: every
 * call is one read or one transaction of its {@link JournalDatabase}, every write made under a
 * lease is fenced. The SQLite and PostgreSQL journals are this class on their own database, so
 * they behave the same by construction (and pass the same contract test).
 *
 * <p>Thread-safe as its database is. Instants are stored to the millisecond. Not API: exported to
 * PostFlow's own journal modules only.
 */
public final class JdbcJournal implements DeliveryJournal {
  private static final Set<DeliveryState> FINISHING =
      EnumSet.of(DeliveryState.QUARANTINED, DeliveryState.FAILED, DeliveryState.SUPERSEDED);
  private static final Set<DeliveryState> REQUEUEABLE =
      EnumSet.of(DeliveryState.QUARANTINED, DeliveryState.FAILED);

  private final JournalDatabase db;
  private final Clock clock;

  public JdbcJournal(JournalDatabase db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
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
      try (PreparedStatement query = c.prepareStatement(JournalSql.NEXT_CLAIMABLE + db.claimLock())) {
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

  /** What every lease holder holds now, by holder (expired leases included: see their expiry). */
  public Map<String, List<Delivery>> held() {
    return db.read("listing the leases", c -> {
      Map<String, List<Delivery>> byOwner = new TreeMap<>();
      try (PreparedStatement query = c.prepareStatement(JournalSql.HELD)) {
        for (Delivery delivery : DeliveryRows.all(query)) {
          byOwner.computeIfAbsent(delivery.owner().orElse(""), o -> new ArrayList<>()).add(delivery);
        }
      }
      byOwner.replaceAll((owner, held) -> List.copyOf(held));
      return Collections.unmodifiableMap(byOwner);
    });
  }

  /** The deliveries {@code owner} holds a lease on now, oldest first. */
  public List<Delivery> heldBy(String owner) {
    Objects.requireNonNull(owner, "owner");
    return db.read("listing the leases of " + owner, c -> {
      try (PreparedStatement query = c.prepareStatement(JournalSql.HELD_BY)) {
        query.setString(1, owner);
        return DeliveryRows.all(query);
      }
    });
  }

  /** Closes the database. Idempotent. */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return db.name();
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
          return new LeaseLostException(lease.deliveryId(), lost + db.name()
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
          throw new JournalException(db.name() + " lost delivery " + id
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
}
