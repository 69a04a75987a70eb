package io.postflow.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryJournal;
import io.postflow.api.DeliveryState;
import io.postflow.api.JournalException;
import io.postflow.api.Lease;
import io.postflow.pipeline.journal.contract.DeliveryJournalContract;
import io.postflow.pipeline.journal.contract.TestClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The journal contract on a real PostgreSQL server, plus what only a shared journal does. */
class PostgresDeliveryJournalTest extends DeliveryJournalContract {
  private PostgresForTests.Server server;
  private String url;

  @Override
  protected DeliveryJournal openEmpty(TestClock clock) {
    server = PostgresForTests.server();
    url = server.freshSchemaUrl();
    return open(clock);
  }

  private PostgresDeliveryJournal open(TestClock clock) {
    return PostgresDeliveryJournal.builder().url(url).user(server.user()).password(server.password())
        .clock(clock).open();
  }

  @Test
  void twoAgents_shareOneJournal_andATakeoverFencesTheFirst() {
    record("a.mov");
    try (PostgresDeliveryJournal other = open(clock)) {
      Lease first = journal.claim("agent-1", LEASE).orElseThrow();
      assertThat(other.claim("agent-2", LEASE)).isEmpty();

      clock.advance(LEASE.plusMillis(1));
      Lease taken = other.claim("agent-2", LEASE).orElseThrow();

      assertThat(taken.fence()).isEqualTo(first.fence() + 1);
      assertThatThrownBy(() -> journal.complete(first)).hasMessageContaining("'agent-2' holds it now");
      assertThat(other.complete(taken).state()).isEqualTo(DeliveryState.DELIVERED);
    }
  }

  @Test
  void reopening_leavesOtherAgentsLeasesAlone() {
    record("a.mov");
    Lease held = journal.claim("agent-1", LEASE).orElseThrow();
    try (PostgresDeliveryJournal second = open(clock)) {
      assertThat(second.find(held.deliveryId()).orElseThrow().state()).isEqualTo(DeliveryState.IN_PROGRESS);
      assertThat(second.held()).containsOnlyKeys("agent-1");
      assertThat(second.heldBy("agent-1")).extracting(Delivery::id).containsExactly(held.deliveryId());
      assertThat(second.heldBy("agent-2")).isEmpty();
    }
  }

  @Test
  void claim_fromTwoJournalsAtOnce_neverHandsOneDeliveryOutTwice() throws Exception {
    for (int i = 0; i < 100; i++) {
      record("r" + i + ".mov");
    }
    try (PostgresDeliveryJournal a = open(clock); PostgresDeliveryJournal b = open(clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        PostgresDeliveryJournal j = t % 2 == 0 ? a : b;
        String owner = "agent-" + (t % 2) + "/worker-" + t;
        claims.add(pool.submit(() -> {
          go.await();
          List<Long> mine = new ArrayList<>();
          for (var lease = j.claim(owner, LEASE); lease.isPresent(); lease = j.claim(owner, LEASE)) {
            mine.add(lease.get().deliveryId());
          }
          return mine;
        }));
      }
      go.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : claims) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(all).hasSize(100).doesNotHaveDuplicates();
      assertThat(a.held().keySet()).allMatch(owner -> owner.startsWith("agent-"));
    }
  }

  @Test
  void underLock_letsOneAgentAtATimeRunTheSameKey() throws Exception {
    try (PostgresDeliveryJournal a = open(clock); PostgresDeliveryJournal b = open(clock)) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        PostgresDeliveryJournal j = i % 2 == 0 ? a : b;
        runs.add(pool.submit(() -> j.underLock("folder root/SC03", () -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Thread.onSpinWait();
          for (int spin = 0; spin < 1000; spin++) {
            Thread.yield();
          }
          inside.decrementAndGet();
          return "made";
        })));
      }
      for (Future<String> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo("made");
      }
      pool.shutdown();
      assertThat(most.get()).isEqualTo(1);
    }
  }

  @Test
  void open_inASchemaOfAnotherApplication_refusesAndLeavesItAlone() throws Exception {
    server = PostgresForTests.server();
    String other = server.freshSchemaUrl();
    try (Connection c = DriverManager.getConnection(other, server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE invoices (id INTEGER)");
    }
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().url(other).user(server.user())
        .password(server.password()).open())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("not a PostFlow journal [invoices]");
  }

  @Test
  void open_ofAJournalFromANewerPostFlow_refuses() throws Exception {
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
    }
    assertThatThrownBy(this::reopenQuietly)
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("newer PostFlow (schema 99");
  }

  private void reopenQuietly() {
    open(clock).close();
  }

  @Test
  void wrongPassword_failsWithoutShowingIt_andTheUrlsPasswordIsRedacted() {
    server = PostgresForTests.server();
    String secret = "not-the-password-4711";
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().url(server.url() + "?password=" + secret)
        .user(server.user()).reconnectWindow(Duration.ZERO).open())
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("password=***")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().url(server.url()).user(server.user())
        .password(secret).reconnectWindow(Duration.ZERO).open())
        .isInstanceOf(JournalException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThat(journal.toString()).startsWith("PostgresDeliveryJournal[jdbc:postgresql://")
        .doesNotContain(server.password());
  }

  @Test
  void builder_namesTheWrongSetting() {
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'url'");
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().url("jdbc:sqlite:/tmp/x.db").open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> PostgresDeliveryJournal.builder().url(url).maxConnections(0).open())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxConnections'");
  }

  @Test
  void counts_seeWhatEveryAgentDid() {
    record("a.mov");
    record("b.mov");
    try (PostgresDeliveryJournal other = open(clock)) {
      other.complete(other.claim("agent-2", LEASE).orElseThrow());
      assertThat(journal.counts()).isEqualTo(Map.of(DeliveryState.DELIVERED, 1L, DeliveryState.PENDING, 1L));
    }
  }
}
