package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.AgentLock;
import io.postflow.api.FolderPath;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The structure manager against the Frame.io sandbox, many threads at once. */
class SandboxStructureTest {
  private FrameioSandbox sandbox;
  private FrameioClient client;

  @BeforeEach
  void start() {
    // limits high enough for a test; the client learns them from the x-ratelimit-* headers
    sandbox = FrameioSandbox.builder()
        .rateLimit("folders.create", 2000, Duration.ofSeconds(1))
        .rateLimit("folders.index", 2000, Duration.ofSeconds(1))
        .start();
    client = FrameioClient.builder().baseUri(sandbox.baseUri())
        .authenticator(new SandboxAuthenticator(sandbox)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  /** WIP_BYSHOT, 25 scene folders and 494 shot folders: 520 paths. */
  private static List<FolderPath> production() {
    List<FolderPath> paths = new ArrayList<>();
    paths.add(FolderPath.of("WIP_BYSHOT"));
    for (int scene = 1; scene <= 25; scene++) {
      paths.add(FolderPath.of("WIP_BYSHOT", scene(scene)));
    }
    for (int shot = 1; shot <= 494; shot++) {
      paths.add(FolderPath.of("WIP_BYSHOT", scene((shot - 1) % 25 + 1), String.format("PROJ_%05d", shot)));
    }
    return paths;
  }

  private static String scene(int number) {
    return String.format("SC%02d_SCENE", number);
  }

  @Test
  void ensure_sixteenThreadsEnsuringThe520PathsOfAProduction_createEachFolderOnce() throws Exception {
    FrameioStructureManager manager = FrameioStructureManager.builder().client(client)
        .accountId(sandbox.accountId()).build();
    List<FolderPath> paths = production();
    assertThat(paths).hasSize(520);
    Map<FolderPath, Set<String>> idsSeen = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        List<FolderPath> mine = new ArrayList<>(paths);
        Collections.shuffle(mine, new Random(t)); // every thread in its own order: maximal overlap
        done.add(threads.submit(() -> {
          for (FolderPath path : mine) {
            String id = manager.ensure(sandbox.rootFolderId(), path);
            idsSeen.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(id);
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    // duplicates first: a failure then names the folder made twice instead of only a count
    assertNoDuplicateNames(sandbox.inspect().tree());
    assertThat(idsSeen).hasSize(520).allSatisfy((path, ids) -> assertThat(ids).as(path.toString()).hasSize(1));
    assertThat(sandbox.inspect().count("folders.create")).isEqualTo(520);
    assertThat(new HashSet<>(idsSeen.values())).hasSize(520);
    SandboxNode wip = single(sandbox.inspect().tree(), "WIP_BYSHOT");
    assertThat(wip.children()).hasSize(25);
    assertThat(wip.children().stream().mapToInt(scene -> scene.children().size()).sum()).isEqualTo(494);
    // one listing of the root, and none of the folders the manager created itself
    assertThat(sandbox.inspect().count("folders.index")).isEqualTo(1);
    org.slf4j.LoggerFactory.getLogger(getClass()).info("16 threads ensured 520 paths in {} ms", millis);
  }

  @Test
  void ensure_findsFoldersThatAlreadyExistInsteadOfCreatingThem() {
    FrameioAccount account = client.account(sandbox.accountId());
    String wip = account.createFolder(sandbox.rootFolderId(), "WIP_BYSHOT").id();
    String sc01 = account.createFolder(wip, "SC01").id();
    FrameioStructureManager manager = FrameioStructureManager.builder().client(client)
        .accountId(sandbox.accountId()).build();

    assertThat(manager.ensure(sandbox.rootFolderId(), FolderPath.parse("WIP_BYSHOT/SC01"))).isEqualTo(sc01);
    assertThat(sandbox.inspect().count("folders.create")).isEqualTo(2);
  }

  @Test
  void ensure_whenAnotherClientRacesTheCreate_usesTheOldestOfTheTwo() {
    sandbox.faults().raceNextFolderCreate("SC07");
    FrameioStructureManager manager = FrameioStructureManager.builder().client(client)
        .accountId(sandbox.accountId()).build();

    String first = manager.ensure(sandbox.rootFolderId(), FolderPath.parse("SC07"));
    FrameioStructureManager fresh = FrameioStructureManager.builder().client(client)
        .accountId(sandbox.accountId()).build();

    assertThat(fresh.ensure(sandbox.rootFolderId(), FolderPath.parse("SC07")))
        .isEqualTo(oldest(sandbox.rootFolderId(), "SC07"));
    assertThat(sandbox.inspect().tree().children()).filteredOn(c -> c.name().equals("SC07")).hasSize(2);
    assertThat(first).isNotBlank();
  }

  private FrameioStructureManager manager() {
    return FrameioStructureManager.builder().client(client).accountId(sandbox.accountId()).build();
  }

  private long creates() {
    return sandbox.inspect().count("folders.create");
  }

  @Test
  void ensure_belowACachedIntermediateFolderDeletedBehindItsBack_recreatesThePathOnce() {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"));
    String sc01 = single(single(sandbox.inspect().tree(), "WIP"), "SC01").id();
    client.account(sandbox.accountId()).deleteFolder(sc01);
    long before = creates();

    String sh020 = manager.ensure(root, FolderPath.parse("WIP/SC01/SH020"));

    // the create in the deleted SC01 got a 404; SC01 and SH020 were then created, once each
    assertThat(creates() - before).isEqualTo(3);
    SandboxNode newSc01 = single(single(sandbox.inspect().tree(), "WIP"), "SC01");
    assertThat(newSc01.id()).isNotEqualTo(sc01);
    assertThat(newSc01.children()).extracting(SandboxNode::id).containsExactly(sh020);
    assertThat(manager.ensure(root, FolderPath.parse("WIP/SC01/SH020"))).isEqualTo(sh020);
    assertThat(creates() - before).isEqualTo(3);
  }

  @Test
  void ensure_whenTheDeletedFolderIsTwoLevelsAboveTheFirstMiss_recreatesFromThere() {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"));
    String wip = single(sandbox.inspect().tree(), "WIP").id();
    client.account(sandbox.accountId()).deleteFolder(wip);
    long before = creates();
    long listingsBefore = sandbox.inspect().count("folders.index");

    String sh020 = manager.ensure(root, FolderPath.parse("WIP/SC01/SH020"));

    // one refused create in the dead SC01, then WIP, SC01 and SH020 made once each
    assertThat(creates() - before).isEqualTo(4);
    // the dead WIP listed (404), then the project root: one listing per level climbed
    assertThat(sandbox.inspect().count("folders.index") - listingsBefore).isEqualTo(2);
    SandboxNode newWip = single(sandbox.inspect().tree(), "WIP");
    assertThat(newWip.id()).isNotEqualTo(wip);
    assertThat(single(newWip, "SC01").children()).extracting(SandboxNode::id).containsExactly(sh020);
    // SH010 went with the old WIP; it was cached below the dead folder, so it is made again too
    String sh010 = manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"));
    assertThat(single(single(single(sandbox.inspect().tree(), "WIP"), "SC01"), "SH010").id()).isEqualTo(sh010);
    assertNoDuplicateNames(sandbox.inspect().tree());
  }

  @Test
  void ensure_eightThreadsBelowADeletedTopFolder_recreateEveryFolderExactlyOnce() throws Exception {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    List<FolderPath> shots = new ArrayList<>();
    for (int scene = 1; scene <= 5; scene++) {
      for (int shot = 1; shot <= 10; shot++) {
        shots.add(FolderPath.of("WIP", scene(scene), String.format("SH%03d", shot * 10)));
      }
    }
    shots.forEach(shot -> manager.ensure(root, shot));
    client.account(sandbox.accountId()).deleteFolder(single(sandbox.inspect().tree(), "WIP").id());
    long createdBefore = createdFolders();

    Map<FolderPath, Set<String>> idsSeen = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<FolderPath> mine = new ArrayList<>(shots);
        Collections.shuffle(mine, new Random(t));
        done.add(threads.submit(() -> {
          for (FolderPath shot : mine) {
            FolderPath renders = shot.resolve("RENDERS");
            idsSeen.computeIfAbsent(renders, p -> ConcurrentHashMap.newKeySet()).add(manager.ensure(root, renders));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }

    // duplicates first: a failure then names the folder made twice instead of only a count
    assertNoDuplicateNames(sandbox.inspect().tree());
    assertThat(idsSeen).hasSize(50).allSatisfy((path, ids) -> assertThat(ids).as(path.toString()).hasSize(1));
    // WIP, 5 scenes, 50 shots and 50 RENDERS folders: each made once (refused creates are 404s)
    assertThat(createdFolders() - createdBefore).isEqualTo(106);
    SandboxNode wip = single(sandbox.inspect().tree(), "WIP");
    assertThat(wip.children()).hasSize(5).allSatisfy(scene -> assertThat(scene.children()).hasSize(10)
        .allSatisfy(shot -> assertThat(shot.children()).extracting(SandboxNode::name).containsExactly("RENDERS")));
  }

  @Test
  void ensure_afterAFolderWasRenamedThroughTheClient_andInvalidated_makesTheOldNameAgain() {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    String sc01 = manager.ensure(root, FolderPath.parse("SC01"));
    String sh010 = manager.ensure(root, FolderPath.parse("SC01/SH010"));
    client.account(sandbox.accountId()).updateFolder(sc01, "SC01_OLD");
    assertThat(manager.ensure(root, FolderPath.parse("SC01"))).as("cached, not re-checked").isEqualTo(sc01);

    manager.invalidate(root, FolderPath.parse("SC01"));
    String newSh010 = manager.ensure(root, FolderPath.parse("SC01/SH010"));

    assertThat(newSh010).isNotEqualTo(sh010);
    assertThat(single(single(sandbox.inspect().tree(), "SC01"), "SH010").id()).isEqualTo(newSh010);
    assertThat(single(single(sandbox.inspect().tree(), "SC01_OLD"), "SH010").id()).isEqualTo(sh010);
  }

  private long createdFolders() {
    return sandbox.inspect().requests(r -> r.operation().equals("folders.create") && r.status() == 201).size();
  }

  @Test
  void ensure_whenTheProjectRootItselfIsGone_throwsResourceNotFound_withoutCreatingAnything() {
    FrameioStructureManager manager = manager();
    String other = sandbox.createProject("Other").rootFolderId();
    manager.ensure(other, FolderPath.parse("WIP/SC01"));
    // a root folder cannot be deleted: use an id that never existed as the parent instead
    String missing = java.util.UUID.randomUUID().toString();
    long before = creates();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.ensure(missing, FolderPath.parse("WIP/SC01")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(creates()).isEqualTo(before);
    assertThat(sandbox.inspect().count("folders.index")).as("one listing for the project, one 404")
        .isEqualTo(2);
  }

  @Test
  void ensure_ofACachedLeafDeletedBehindItsBack_returnsTheCachedId_untilInvalidated() {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    FolderPath shot = FolderPath.parse("WIP/SC01/SH010");
    String first = manager.ensure(root, shot);
    client.account(sandbox.accountId()).deleteFolder(first);
    long requests = sandbox.inspect().requests().size();

    // documented: a cache hit makes no request, so a deleted leaf is not noticed
    assertThat(manager.ensure(root, shot)).isEqualTo(first);
    assertThat(sandbox.inspect().requests()).hasSize((int) requests);

    manager.invalidate(root, shot);
    String second = manager.ensure(root, shot);

    assertThat(second).isNotEqualTo(first);
    assertThat(single(single(single(sandbox.inspect().tree(), "WIP"), "SC01"), "SH010").id()).isEqualTo(second);
    assertThat(creates()).isEqualTo(4); // WIP, SC01, SH010, and SH010 again
  }

  @Test
  void ensure_belowACachedLeafDeletedBehindItsBack_recreatesTheLeafOnce() {
    FrameioStructureManager manager = manager();
    String root = sandbox.rootFolderId();
    String sh010 = manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"));
    client.account(sandbox.accountId()).deleteFolder(sh010);

    String renders = manager.ensure(root, FolderPath.parse("WIP/SC01/SH010/RENDERS"));

    SandboxNode newShot = single(single(single(sandbox.inspect().tree(), "WIP"), "SC01"), "SH010");
    assertThat(newShot.id()).isNotEqualTo(sh010);
    assertThat(newShot.children()).extracting(SandboxNode::id).containsExactly(renders);
    assertThat(manager.ensure(root, FolderPath.parse("WIP/SC01/SH010"))).isEqualTo(newShot.id());
    assertThat(creates()).isEqualTo(3 + 1 + 2); // the first path, the refused create, SH010 and RENDERS
  }

  private String oldest(String folderId, String name) {
    return client.account(sandbox.accountId()).children(folderId, AssetType.FOLDER, 500)
        .filter(a -> a.name().equals(name))
        .min(java.util.Comparator.comparing((Asset a) -> a.createdAt().orElseThrow()).thenComparing(Asset::id))
        .orElseThrow().id();
  }

  private static SandboxNode single(SandboxNode parent, String name) {
    return parent.children().stream().filter(c -> c.name().equals(name)).reduce((a, b) -> {
      throw new AssertionError("two folders named " + name);
    }).orElseThrow();
  }

  private static void assertNoDuplicateNames(SandboxNode node) {
    Set<String> names = new HashSet<>();
    for (SandboxNode child : node.children()) {
      assertThat(names.add(child.name())).as("duplicate %s in %s", child.name(), node.name()).isTrue();
      assertNoDuplicateNames(child);
    }
  }
  /**
   * Two agents (two managers, each with its own cache, as on two machines) both hold a listing of
   * the parent taken before either made the new folders. With the lock they share, the second one
   * lists again under the lock and adopts the first one's folders; without it (the control), its
   * stale listing makes it create a duplicate.
   */
  @Test
  void ensure_twoAgentsSharingAnAgentLock_createEachFolderOnce_theSecondAdoptsTheFirstsFolder() {
    ReentrantLock shared = new ReentrantLock();
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    AgentLock lock = new AgentLock() {
      @Override
      public <T> T underLock(String key, java.util.function.Supplier<T> work) {
        keys.add(key);
        shared.lock();
        try {
          return work.get();
        } finally {
          shared.unlock();
        }
      }
    };
    assertThat(foldersAfterTwoAgents("LOCKED", lock)).containsExactly("OTHER", "SC03_BUS");
    assertThat(keys).isNotEmpty().allMatch(k -> k.startsWith("folder "));
    assertThat(foldersAfterTwoAgents("UNLOCKED", null)).containsExactlyInAnyOrder("OTHER", "SC03_BUS", "SC03_BUS");
  }

  /** The folder names in {@code top} after two agents ensured {@code top/SC03_BUS/UNDLM_00042}. */
  private List<String> foldersAfterTwoAgents(String top, AgentLock lock) {
    List<FrameioStructureManager> agents = List.of(
        FrameioStructureManager.builder().client(client).accountId(sandbox.accountId()).agentLock(lock).build(),
        FrameioStructureManager.builder().client(client).accountId(sandbox.accountId()).agentLock(lock).build());
    for (FrameioStructureManager agent : agents) { // each caches a listing of top without SC03_BUS
      agent.ensure(sandbox.rootFolderId(), FolderPath.of(top, "OTHER"));
    }
    FolderPath path = FolderPath.of(top, "SC03_BUS", "UNDLM_00042");
    String first = agents.get(0).ensure(sandbox.rootFolderId(), path);
    String second = agents.get(1).ensure(sandbox.rootFolderId(), path);
    if (lock != null) {
      assertThat(second).isEqualTo(first);
    }
    SandboxNode folder = sandbox.inspect().tree().children().stream().filter(n -> n.name().equals(top))
        .findFirst().orElseThrow();
    return folder.children().stream().map(SandboxNode::name).sorted().toList();
  }
}
