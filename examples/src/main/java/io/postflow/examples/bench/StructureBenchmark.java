package io.postflow.examples.bench;

import io.postflow.api.FolderPath;
import io.postflow.api.Shot;
import io.postflow.examples.bench.RateLimitFloor.Bound;
import io.postflow.examples.bench.RateLimitFloor.Limit;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.FrameioStructureManager;
import io.postflow.frameio.auth.StaticTokenAuthenticator;
import io.postflow.pipeline.PostFlowBuilder;
import io.postflow.production.nomenclature.NamePattern;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.nomenclature.ParsedName;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.timecode.FrameRate;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creates the Frame.io folder structure of a whole production (default 520 shots in 25 scenes:
 * {@code WIP_BYSHOT}, one folder per scene, one per shot) on a {@link FrameioSandbox} that enforces
 * Frame.io's documented rate limits (its default), with the code the pipeline runs for each render:
 * the default nomenclature and folder template turn a render's name and its shot's scene into a
 * {@link FolderPath}, and a {@link FrameioStructureManager} built as the pipeline builds it ensures
 * the path, from as many threads as the pipeline has workers (3 by default). It reports the wall
 * time against <b>the least time the rate limits allow for the calls it made</b> (see
 * {@link RateLimitFloor}; {@code folders.create} at 3 per second binds), and the 429 answers (the
 * client paces itself, so the goal is none). Then it checks that every folder exists exactly once.
 * A program, not a test: see docs/benchmarks-pipeline.md.
 *
 * <p>Arguments (all optional): {@code [--quick] shots scenes threads}; defaults 520 shots, 25
 * scenes, 3 threads (about 3 minutes: 546 folders at 3 per second); {@code --quick}: 60 shots in 6
 * scenes (about 25 seconds).
 */
public final class StructureBenchmark {
  private static final Duration TIMEOUT = Duration.ofMinutes(20);

  private StructureBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean quick = rest.remove("--quick");
    int shots = !rest.isEmpty() ? Integer.parseInt(rest.get(0)) : quick ? 60 : 520;
    int scenes = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : quick ? 6 : 25;
    int threads = rest.size() > 2 ? Integer.parseInt(rest.get(2)) : 3;
    Path work = Files.createTempDirectory("postflow-structure-bench");
    try {
      List<FolderPath> paths = shotFolders(work, shots, scenes);
      Set<FolderPath> expected = allFolders(paths);
      print("%,d shots in %d scenes: %,d shot folders, %,d folders in all (with their parents); %d threads",
          shots, scenes, paths.size(), expected.size(), threads);
      run(args, paths, expected, threads, work.resolve("sandbox"));
    } finally {
      PipelineBenchmark.deleteTree(work);
    }
  }

  private static void run(String[] args, List<FolderPath> paths, Set<FolderPath> expected, int threads,
      Path sandboxDir) throws Exception {
    try (FrameioSandbox sandbox = FrameioSandbox.builder().tempDirectory(Files.createDirectories(sandboxDir)).start();
        FrameioClient client = FrameioClient.builder().baseUri(sandbox.baseUri())
            .authenticator(StaticTokenAuthenticator.of(sandbox.issueAccessToken(Duration.ofHours(2)))).build()) {
      FrameioStructureManager structure = FrameioStructureManager.builder().client(client)
          .accountId(sandbox.accountId()).build();
      String root = sandbox.rootFolderId();
      Instant began = Instant.now();
      Map<String, Long> countsBefore = sandbox.inspect().operationCounts();
      ExecutorService workers = Executors.newFixedThreadPool(threads);
      long t0 = System.nanoTime();
      try {
        // In shot-list order, as renders of a production arrive scene after scene.
        List<Future<String>> ensured = new ArrayList<>();
        for (FolderPath path : paths) {
          ensured.add(workers.submit(() -> structure.ensure(root, path)));
        }
        long deadline = t0 + TIMEOUT.toNanos();
        for (Future<String> folder : ensured) {
          folder.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } finally {
        workers.shutdownNow();
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);

      Map<String, Limit> limits = new LinkedHashMap<>();
      RateLimitFloor.Phase calls = RateLimitFloor.measure(sandbox, began, countsBefore, limits);
      Duration floor = calls.floor();
      long created = calls.calls().getOrDefault("folders.create", 0L)
          - calls.refused().getOrDefault("folders.create", 0L);
      print("wall time %.2f s; rate-limit floor %.2f s; wall / floor = %.2f", seconds(wall), seconds(floor),
          seconds(wall) / seconds(floor));
      for (Bound bound : calls.bounds()) {
        print("  %s: %,d accepted calls at %s -> at least %.2f s", bound.operation(), bound.calls(), bound.limit(),
            seconds(bound.minimum()));
      }
      print("429 answers: %s%,d (of %,d rate-limited API calls); folders created: %,d", calls.logFull() ? "at least "
          : "", calls.rateLimited(), calls.limitedCalls(limits), created);
      checkTree(sandbox.inspect().tree(sandbox.projectId()), expected);
      print("check: every one of the %,d folders exists exactly once", expected.size());

      Bound binding = calls.bounds().get(0);
      BenchReport.of(String.format(Locale.ROOT, "Folder structure for a %,d-shot, %d-scene production",
              paths.size(), scenes(expected)), StructureBenchmark.class, args)
          .compare("wall time, s", seconds(wall), "least time the rate limits allow ("
              + binding.operation() + ", " + binding.limit() + ")", seconds(floor), "%.2f")
          .compare("folders created", created, "folders in the structure", expected.size(), "%.0f")
          .value("429 answers (goal 0)", (calls.logFull() ? "at least " : "") + calls.rateLimited())
          .note(String.format(Locale.ROOT, "One run, %d threads (the pipeline's default workers), the sandbox"
              + " enforcing Frame.io's documented limits; each folder was then found exactly once in the"
              + " sandbox's tree.", threads))
          .explainedIn("benchmarks-pipeline.md")
          .appendIfRequested();
    }
  }

  /**
   * The folder of each shot of a generated production of {@code shots} shots in {@code scenes}
   * scenes, as the pipeline computes it for the shot's first render: the shot list is written as a
   * CSV in {@code work} and read back, each render name is parsed with the default nomenclature and
   * rendered with the default folder template against its shot's scene.
   */
  static List<FolderPath> shotFolders(Path work, int shots, int scenes) throws Exception {
    if (shots < 1 || scenes < 1 || scenes > shots) {
      throw new IllegalArgumentException("need 1 <= scenes <= shots, got " + shots + " shots in " + scenes
          + " scenes");
    }
    // 25 fps: the pipeline's default production rate
    ShotList list = ShotListReader.builder().rate(FrameRate.FPS_25).build().read(PipelineBenchmark.writeShotList(work.resolve("shots.csv"),
        shots, scenes));
    Map<String, Shot> byName = new HashMap<>();
    for (Shot shot : list.shots()) {
      byName.put(shot.nomenclature().orElseThrow(), shot);
    }
    Nomenclature names = Nomenclature.builder()
        .pattern(NamePattern.of("render", PostFlowBuilder.DEFAULT_NAME_PATTERN))
        .folderTemplate(PostFlowBuilder.DEFAULT_FOLDER_TEMPLATE)
        .shotTemplate(PostFlowBuilder.DEFAULT_SHOT_TEMPLATE)
        .build();
    List<FolderPath> paths = new ArrayList<>();
    for (int i = 1; i <= shots; i++) {
      ParsedName parsed = names.parse(PipelineBenchmark.renderName(i)).parsed().orElseThrow();
      Shot shot = byName.get(names.shotNomenclature(parsed).orElseThrow());
      paths.add(names.folderFor(parsed, shot.scene()));
    }
    return paths;
  }

  /** Every folder the paths need: each path and all its parents, parents first. */
  static Set<FolderPath> allFolders(List<FolderPath> paths) {
    Set<FolderPath> all = new LinkedHashSet<>();
    for (FolderPath path : paths) {
      List<String> names = path.names();
      for (int depth = 1; depth <= names.size(); depth++) {
        all.add(FolderPath.of(names.subList(0, depth)));
      }
    }
    return all;
  }

  /** The scene folders: those one level below the top. */
  private static long scenes(Set<FolderPath> folders) {
    return folders.stream().filter(f -> f.names().size() == 2).count();
  }

  /** Fails unless the project's folders are exactly {@code expected}, each once. */
  private static void checkTree(SandboxNode root, Set<FolderPath> expected) {
    Map<FolderPath, Integer> found = new HashMap<>();
    collect(root, List.of(), found);
    List<String> problems = new ArrayList<>();
    found.forEach((path, n) -> {
      if (n > 1) {
        problems.add(path + " exists " + n + " times");
      } else if (!expected.contains(path)) {
        problems.add(path + " was not asked for");
      }
    });
    for (FolderPath path : expected) {
      if (!found.containsKey(path)) {
        problems.add(path + " is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the structure is wrong: " + problems.subList(0, Math.min(10, problems.size())));
    }
  }

  private static void collect(SandboxNode node, List<String> above, Map<FolderPath, Integer> found) {
    for (SandboxNode child : node.children()) {
      if (child.type().equals("folder")) {
        List<String> path = new ArrayList<>(above);
        path.add(child.name());
        found.merge(FolderPath.of(path), 1, Integer::sum);
        collect(child, path, found);
      }
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
