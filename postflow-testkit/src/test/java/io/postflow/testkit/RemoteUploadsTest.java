package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RemoteUploads with a scripted fetch: the size cap and the hand-over to the lifecycle. */
class RemoteUploadsTest {
  @TempDir Path dir;

  @Test
  void fetch_beyondTheLimit_failsTheUpload_andLeavesNoBytes() throws Exception {
    FileAsset file = run(10, (source, sink) -> {
      sink.write(new byte[11]);
      return new RemoteUploads.Fetched(11, "x");
    });
    assertThat(file.uploadFailed).isTrue();
    assertThat(file.status).isEqualTo(FileAsset.Status.CREATED);
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isZero();
    }
  }

  @Test
  void fetch_withinTheLimit_completesTheFileWithTheFetchedSizeAndSha() throws Exception {
    FileAsset file = run(10, (source, sink) -> {
      sink.write(new byte[10]);
      return new RemoteUploads.Fetched(10, "abc");
    });
    assertThat(file.uploadFailed).isFalse();
    assertThat(file.status).isEqualTo(FileAsset.Status.TRANSCODED);
    assertThat(file.fileSize).isEqualTo(10);
    assertThat(file.sha256).isEqualTo("abc");
  }

  private FileAsset run(long max, RemoteUploads.Fetch fetch) throws InterruptedException {
    SandboxStore store = new SandboxStore(Clock.systemUTC(), PageLimits.FRAMEIO, "a", "w", "u", "u@example.com");
    ProjectRecord project = store.createProject("p");
    FileAsset file = store.add(new FileAsset(SandboxStore.newId(), project.id(), project.rootFolderId(), "r.mov",
        store.nextSeq(), store.clock.instant(), 0, "video/quicktime", List.of()));
    SandboxFaults faults = new SandboxFaults(1, store.clock, () -> { });
    UploadLifecycle lifecycle = new UploadLifecycle(store, faults, new WebhookEvents(store, (u, s, b) -> { }),
        Duration.ZERO);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      new RemoteUploads(store, lifecycle, fetch, executor, dir, max).start(file, URI.create("https://example.com/r"));
    } finally {
      executor.shutdown();
      assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    return file;
  }
}
