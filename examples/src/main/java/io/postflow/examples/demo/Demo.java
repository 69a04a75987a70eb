package io.postflow.examples.demo;

import io.postflow.api.FolderPath;
import io.postflow.api.Shot;
import io.postflow.api.ShotStatus;
import io.postflow.api.UploadListener;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import io.postflow.frameio.Account;
import io.postflow.frameio.FrameioAccount;
import io.postflow.frameio.FrameioClient;
import io.postflow.frameio.FrameioStructureManager;
import io.postflow.frameio.LocalUploader;
import io.postflow.frameio.Project;
import io.postflow.frameio.User;
import io.postflow.frameio.VersionStack;
import io.postflow.frameio.Workspace;
import io.postflow.production.nomenclature.NamePattern;
import io.postflow.production.nomenclature.NameResult;
import io.postflow.production.nomenclature.Nomenclature;
import io.postflow.production.nomenclature.ParsedName;
import io.postflow.production.shotlist.CsvShotRepository;
import io.postflow.production.shotlist.ShotListReader;
import io.postflow.production.shotlist.ShotListStatistics;
import io.postflow.production.timecode.FrameRate;
import io.postflow.testkit.FrameioSandbox;
import io.postflow.testkit.SandboxFile;
import io.postflow.testkit.TestFiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The PostFlow demo: a render lands, is named, placed and uploaded to Frame.io, a second version is
 * stacked on the first, and the shot list is updated. Runs on the in-process sandbox unless
 * {@code FRAMEIO_TOKEN} is set.
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
    new Demo(System.out).run();
  }

  private void run() throws Exception {
    Path work = Files.createTempDirectory("postflow-demo");
    try (DemoBackend backend = DemoBackend.fromEnvironment(System.getenv(), out);
        FrameioClient client = FrameioClient.builder()
            .baseUri(backend.baseUri).authenticator(backend.authenticator).build()) {
      User me = client.me();
      out.println("Signed in as " + me.name().orElse(me.id()) + me.email().map(e -> " <" + e + ">").orElse(""));
      Account account = backend.accountId.map(id -> client.accounts().stream()
          .filter(a -> a.id().equals(id)).findFirst().orElseThrow()).orElseGet(() -> client.accounts().get(0));
      FrameioAccount frameio = client.account(account.id());
      Workspace workspace = frameio.workspaces().get(0);
      Project project = backend.projectId.map(frameio::project)
          .orElseGet(() -> frameio.projects(workspace.id()).get(0));
      out.printf("Account %s, workspace %s, project %s (root folder %s)%n",
          account.displayName(), workspace.name(), project.name(), project.rootFolderId());

      CsvShotRepository shots = openShotList(work);
      Nomenclature names = Nomenclature.builder()
          .pattern(NamePattern.of("shot render", "{project}_{shot}_v{version}.{extension}"))
          .folderTemplate("WIP_BYSHOT/SC{scene.number:02}_{scene.slug}/{project}_{shot}")
          .build();
      FrameioStructureManager structure = FrameioStructureManager.builder()
          .client(client).accountId(account.id()).build();

      String previousFileId = null;
      try (LocalUploader uploader = LocalUploader.builder()
          .client(client).accountId(account.id()).waitForTranscode(true).build()) {
        for (int version = 1; version <= 2; version++) {
          String name = String.format(Locale.ROOT, "KRAK_00003_v%03d.mov", version);
          Path render = TestFiles.random(work.resolve(name), RENDER_BYTES, version);
          UploadResult result = deliver(render, names, shots, structure, uploader, project.rootFolderId());
          if (previousFileId != null) {
            VersionStack stack = frameio.stackVersion(previousFileId, result.fileId());
            out.println("Stacked v" + version + " on v" + (version - 1) + " in version stack " + stack.id());
          }
          previousFileId = result.fileId();
          backend.sandbox.ifPresent(sandbox -> confirmBytes(sandbox, result));
        }
      }
      Shot shot = shots.updateStatus("KRAK_00003", ShotStatus.REVIEW_UPLOADED);
      out.println("Shot " + shot.number() + " (" + shot.nomenclature().orElse("") + ") is now " + shot.status()
          + "; saved in " + shots.statusFile().getFileName());
      backend.sandbox.ifPresent(sandbox -> {
        out.println();
        out.println("What the sandbox now holds:");
        out.print(sandbox.inspect().tree(project.id()).print());
        out.println("Requests it served: " + sandbox.inspect().requests().size());
      });
    } finally {
      deleteTree(work);
    }
  }

  private CsvShotRepository openShotList(Path work) throws Exception {
    Path csv = work.resolve("shots.csv");
    try (InputStream in = Objects.requireNonNull(Demo.class.getResourceAsStream("/demo/shots.csv"))) {
      Files.copy(in, csv);
    }
    CsvShotRepository shots = CsvShotRepository.open(csv, ShotListReader.builder().rate(FrameRate.FPS_25).build());
    ShotListStatistics stats = shots.shotList().statistics();
    out.printf("Shot list: %d shots in %d scenes, %d source files, %d frames (%s to %s)%n",
        stats.shots(), stats.scenes(), stats.uniqueSources(), stats.totalFrames(),
        stats.firstRecordIn().map(Object::toString).orElse("?"),
        stats.lastRecordOut().map(Object::toString).orElse("?"));
    return shots;
  }

  private UploadResult deliver(Path render, Nomenclature names, CsvShotRepository shots,
      FrameioStructureManager structure, LocalUploader uploader, String rootFolderId) {
    String fileName = render.getFileName().toString();
    NameResult parsed = names.parse(fileName);
    ParsedName name = parsed.parsed().orElseThrow(() -> new IllegalStateException(
        fileName + " matches no pattern: " + parsed.reason().orElse("")));
    String nomenclature = name.project().orElseThrow() + "_" + name.shot().orElseThrow();
    Shot shot = shots.findByNomenclature(nomenclature).orElseThrow(
        () -> new IllegalStateException(nomenclature + " is not in the shot list"));
    FolderPath path = names.folderFor(name, shot.scene());
    out.println();
    out.printf("Render %s -> shot %s, scene %d \"%s\", version %d%n", fileName, shot.number(),
        shot.scene().number(), shot.scene().rawName(), name.version().orElse(0));
    String folderId = structure.ensure(rootFolderId, path);
    out.println("Folder " + path + " -> " + folderId);
    shots.updateStatus(nomenclature, ShotStatus.UPLOADING);
    UploadResult result = uploader.upload(UploadRequest.builder()
        .file(render).folderId(folderId).listener(new ProgressPrinter(out)).build())
        .completion().join();
    out.printf("Uploaded %s: %,d bytes in %d ms, %s, status %s, sha256 %s%n", result.fileName(),
        result.sizeBytes(), result.duration().toMillis(), result.mediaType(),
        result.remoteStatus().toWire(), result.sha256());
    return result;
  }

  private void confirmBytes(FrameioSandbox sandbox, UploadResult result) {
    SandboxFile received = sandbox.inspect().file(result.fileId()).orElseThrow();
    boolean same = result.sha256().equals(received.sha256());
    out.printf("Sandbox received %,d bytes in %d parts, sha256 %s%n", received.bytesReceived(),
        received.partsReceived(), same ? "matches" : "DIFFERS: " + received.sha256());
    if (!same) {
      throw new IllegalStateException("the sandbox holds different bytes than were sent");
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Prints one line per part and the final figure; the listener contract says: return fast. */
  private static final class ProgressPrinter implements UploadListener {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
      out.printf("  part %d/%d (%,d bytes) accepted%n", partIndex + 1, totalParts, partBytes);
    }

    @Override
    public void onProgress(UploadProgress progress) {
      // Parts already tell the story at this size; a long upload would print a throttled line here.
    }
  }
}
