package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.FolderPath;
import io.postflow.frameio.GatedHttpClient.Gate;
import io.postflow.frameio.GatedHttpClient.Hold;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.ManualClock;
import io.postflow.testkit.SandboxNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The structure manager's races, each forced into one interleaving by holding chosen requests at a
 * gate (what the sandbox saw decides when the next thread goes), so they fail or pass every time.
 */
class StructureManagerRaceTest {
  private FrameioSandbox sandbox;
  private GatedHttpClient http;
  private FrameioClient client;
  private ExecutorService threads;
  private final ManualClock cacheClock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() {
    sandbox = FrameioSandbox.builder()
        .rateLimit("folders.create", 2000, Duration.ofSeconds(1))
        .rateLimit("folders.index", 2000, Duration.ofSeconds(1))
        .start();
    http = new GatedHttpClient();
    client = FrameioClient.builder().baseUri(sandbox.baseUri()).httpClient(http)
        .authenticator(new SandboxAuthenticator(sandbox)).build();
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() throws InterruptedException {
    http.shutdown();
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    client.close();
    sandbox.close();
  }

  private FrameioStructureManager manager() {
    return FrameioStructureManager.builder().client(client).accountId(sandbox.accountId())
        .clock(cacheClock).ttl(Duration.ofMinutes(10)).build();
  }

  private String path(String folderId, String what) {
    return "/folders/" + folderId + "/" + what;
  }

  @Test
  void ensure_whenAStale404ArrivesAfterAnotherThreadRebuiltThePath_keepsWhatThatThreadBuilt() throws Exception {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"));
    SandboxNode oldWip = single(sandbox.inspect().tree(), "WIP");
    String oldSc01 = single(oldWip, "SC01").id();
    client.account(sandbox.accountId()).deleteFolder(oldWip.id());

    // the stale thread: its create in the deleted SC01 is refused, and the 404 is held back
    Gate stale404 = http.hold(Hold.AFTER_ANSWER, "POST", path(oldSc01, "folders"));
    Future<String> stale = threads.submit(() -> manager.ensure(root, FolderPath.parse("WIP/SC01/SH011")));
    stale404.awaitReached();
    // meanwhile another thread finds the path gone and builds it again
    String sh020 = manager.ensure(root, FolderPath.parse("WIP/SC01/SH020"));
    SandboxNode newSc01 = single(single(sandbox.inspect().tree(), "WIP"), "SC01");
    long listingsBefore = sandbox.inspect().count("folders.index");

    stale404.release();
    String sh011 = stale.get(10, TimeUnit.SECONDS);

    assertNoDuplicateNames(sandbox.inspect().tree());
    // the late 404 is about the old SC01 only: the new WIP and SC01 stay known, nothing is listed again
    assertThat(sandbox.inspect().count("folders.index") - listingsBefore)
        .as("listings after the stale 404 (the rebuilt folders were forgotten)").isZero();
    assertThat(single(single(single(sandbox.inspect().tree(), "WIP"), "SC01"), "SH011").id()).isEqualTo(sh011);
    assertThat(newSc01.children()).extracting(SandboxNode::id).containsExactly(sh020);
    long requests = sandbox.inspect().requests().size();
    assertThat(manager.ensure(root, FolderPath.parse("WIP/SC01/SH020"))).isEqualTo(sh020);
    assertThat(sandbox.inspect().requests()).as("still cached").hasSize((int) requests);
  }

  @Test
  void ensure_whenAListingIsTakenWhileAFolderIsBeingCreatedInIt_createsTheFolderOnce() throws Exception {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    String wip = manager.ensure(root, FolderPath.parse("WIP"));

    // one thread creates SC03 in WIP; its create waits before reaching the server
    Gate create = http.hold(Hold.BEFORE_SENDING, "POST", path(wip, "folders"));
    Future<String> creator = threads.submit(() -> manager.ensure(root, FolderPath.parse("WIP/SC03")));
    create.awaitReached();
    // the cache runs out; another thread lists WIP again, before the create has landed
    cacheClock.advance(Duration.ofMinutes(11));
    Gate listing = http.hold(Hold.AFTER_ANSWER, "GET", path(wip, "children"));
    Future<String> lister = threads.submit(() -> manager.ensure(root, FolderPath.parse("WIP/SC03")));
    listing.awaitReached();
    // the create lands and its thread is done; only then does the listing without SC03 arrive
    create.release();
    String created = creator.get(10, TimeUnit.SECONDS);
    listing.release();
    String listed = lister.get(10, TimeUnit.SECONDS);

    assertNoDuplicateNames(sandbox.inspect().tree());
    assertThat(listed).as("the same folder for both threads").isEqualTo(created);
    assertThat(sandbox.inspect().count("folders.create")).isEqualTo(2); // WIP and SC03
  }

  private static SandboxNode single(SandboxNode parent, String name) {
    return parent.children().stream().filter(c -> c.name().equals(name)).reduce((a, b) -> {
      throw new AssertionError("two folders named " + name + " in " + parent.name());
    }).orElseThrow(() -> new AssertionError("no folder named " + name + " in " + parent.name()));
  }

  private static void assertNoDuplicateNames(SandboxNode node) {
    Set<String> names = new HashSet<>();
    for (SandboxNode child : node.children()) {
      assertThat(names.add(child.name())).as("duplicate %s in %s", child.name(), node.name()).isTrue();
      assertNoDuplicateNames(child);
    }
  }
}
