package io.postflow.examples.demo;

import io.postflow.api.Delivery;
import io.postflow.api.FolderPath;
import io.postflow.api.PipelineListener;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadResult;
import io.postflow.pipeline.PostFlow;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostFlow demo: the pipeline watches a renders folder; two versions of a shot land there and
 * are named, placed, uploaded and stacked, the shot list is updated, and a badly named render is
 * set aside with the reason. Runs on the in-process sandbox unless {@code FRAMEIO_TOKEN} is set.
 *
 * <p>Run it with {@code ./mvnw -q -B -Pdemo -DskipTests verify}.
 */
public final class Demo {
  private static final long RENDER_BYTES = 60L * 1000 * 1000;

  private final PrintStream out;

  private Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      System.out.println("Usage: Demo (no arguments). Runs the whole pipeline on the in-process Frame.io sandbox;\n"
          + "with FRAMEIO_TOKEN, FRAMEIO_ACCOUNT_ID and FRAMEIO_PROJECT_ID set, on that Frame.io project.");
      System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
    }
    new Demo(System.out).run();
  }

  private void run() throws Exception {
    Path work = Files.createTempDirectory("postflow-demo");
    Path renders = Files.createDirectories(work.resolve("renders"));
    CountDownLatch done = new CountDownLatch(3);
    try (DemoBackend backend = DemoBackend.fromEnvironment(System.getenv(), out);
        PostFlow postflow = PostFlow.builder()
            .frameioBaseUri(backend.baseUri)
            .authenticator(backend.authenticator)
            .accountId(backend.accountId)
            .projectId(backend.projectId)
            .shotList(copyShotList(work))
            .journalFile(work.resolve("journal.db"))
            .watch("renders", renders)
            .settleTime(Duration.ofSeconds(1))
            .scanInterval(Duration.ofMillis(250))
            .waitForTranscode(true)
            .listener(new Narrator(out, done))
            .build()) {
      postflow.start();
      out.println("Watching " + renders + " with " + postflow.shots().shots().size() + " shots in "
          + postflow.shots().scenes().size() + " scenes");
      out.println();
      render(renders.resolve("KRAK_00003_v001.mov"), 1);
      render(renders.resolve("KRAK_00003_final.mov"), 3);
      Thread.sleep(1500); // v002 lands while v001 may still be on its way
      render(renders.resolve("KRAK_00003_v002.mov"), 2);
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the renders were not delivered in time: " + postflow.deliveries().counts());
      }
      Shot shot = postflow.shots().findByNomenclature("KRAK_00003").orElseThrow();
      out.println();
      out.println("Shot " + shot.number() + " (KRAK_00003) is now " + shot.status() + "; the journal holds "
          + postflow.deliveries().counts());
      backend.sandbox.ifPresent(sandbox -> report(sandbox, backend.projectId));
    } finally {
      deleteTree(work);
    }
  }

  private void render(Path file, int seed) {
    out.println("A render lands: " + file.getFileName());
    TestFiles.random(file, RENDER_BYTES, seed);
  }

  private Path copyShotList(Path work) throws Exception {
    Path csv = work.resolve("shots.csv");
    try (InputStream in = Objects.requireNonNull(Demo.class.getResourceAsStream("/demo/shots.csv"))) {
      Files.copy(in, csv);
    }
    return csv;
  }

  private void report(FrameioSandbox sandbox, String projectId) {
    out.println();
    out.println("What the sandbox now holds:");
    out.print(sandbox.inspect().tree(projectId).print());
    for (SandboxFile file : sandbox.inspect().files()) {
      out.printf("  %s: %,d bytes received in %d parts, sha256 %s%n", file.name(), file.bytesReceived(),
          file.partsReceived(), file.sha256());
    }
    out.println("Requests it served: " + sandbox.inspect().requests().size());
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Tells what the pipeline does, one line per step; the listener contract says: return fast. */
  private static final class Narrator implements PipelineListener {
    private final PrintStream out;
    private final CountDownLatch done;

    Narrator(PrintStream out, CountDownLatch done) {
      this.out = out;
      this.done = done;
    }

    @Override
    public void onMatched(Delivery d, Shot shot) {
      out.printf("  %s -> shot %s, scene %d \"%s\", version %d%n", d.file().fileName(), shot.number(),
          shot.scene().number(), shot.scene().rawName(), d.facts().version().orElse(0));
    }

    @Override
    public void onFolderReady(Delivery d, FolderPath path, String folderId) {
      out.println("  " + d.file().fileName() + ": folder " + path + " ready");
    }

    @Override
    public void onUploadFinished(Delivery d, UploadResult r) {
      out.printf("  %s: uploaded %,d bytes in %d ms, %s, sha256 %s%n", d.file().fileName(), r.sizeBytes(),
          r.duration().toMillis(), r.remoteStatus().toWire(), r.sha256());
    }

    @Override
    public void onStacked(Delivery d, String versionStackId, String previousFileId) {
      out.println("  " + d.file().fileName() + ": stacked on the previous version (version stack " + versionStackId + ")");
    }

    @Override
    public void onStatusChanged(Delivery d, Shot shot, ShotStatus previous) {
      out.println("  shot " + shot.nomenclature().orElse(shot.number()) + ": " + previous + " -> " + shot.status());
    }

    @Override
    public void onDelivered(Delivery d) {
      out.println("  " + d.file().fileName() + ": delivered");
      done.countDown();
    }

    @Override
    public void onQuarantined(Delivery d, String reason) {
      out.println("  " + d.file().fileName() + ": set aside, " + reason);
      done.countDown();
    }

    @Override
    public void onFailed(Delivery d, Throwable cause) {
      out.println("  " + d.file().fileName() + ": FAILED, " + cause.getMessage());
      done.countDown();
    }
  }
}
