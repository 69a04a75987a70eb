package io.postflow.testkit;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs remote uploads: pulls the source into a temp file on a bounded executor, then completes the
 * file through {@link UploadLifecycle} or marks it failed. The fetching itself (ranges, resumes,
 * stalls) is the {@link Fetch}'s business; the sandbox wires {@code RemoteSourceFetcher} in.
 */
final class RemoteUploads {
  /** What a finished fetch reports. */
  record Fetched(long bytes, String sha256) {}

  /** Pulls {@code source} into {@code sink}, blocking; any exception means the upload failed. */
  interface Fetch {
    Fetched fetch(URI source, OutputStream sink) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(RemoteUploads.class);

  private final SandboxStore store;
  private final UploadLifecycle lifecycle;
  private final Fetch fetch;
  private final ExecutorService executor;
  private final Path tempDir;

  RemoteUploads(SandboxStore store, UploadLifecycle lifecycle, Fetch fetch, ExecutorService executor, Path tempDir) {
    this.store = store;
    this.lifecycle = lifecycle;
    this.fetch = fetch;
    this.executor = executor;
    this.tempDir = tempDir;
  }

  void start(FileAsset file, URI source) {
    try {
      executor.execute(() -> run(file, source));
    } catch (RejectedExecutionException e) {
      LOG.debug("Remote upload {} refused: sandbox closing", file.id);
      lifecycle.failed(file);
    }
  }

  private void run(FileAsset file, URI source) {
    Path target = tempDir.resolve(file.id + "-remote.bin");
    try {
      Fetched fetched;
      try (OutputStream out = Files.newOutputStream(target)) {
        fetched = fetch.fetch(source, out);
      }
      store.lockedRun(() -> {
        file.fileSize = fetched.bytes();
        file.parts.put(0, new FileAsset.Part(target, fetched.bytes(), null));
      });
      lifecycle.completed(file, fetched.sha256(), fetched.bytes());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lifecycle.failed(file);
    } catch (Exception e) {
      // The source host is the user's concern; only its host is named (the URL may carry a token).
      LOG.debug("Remote upload {} from host {} failed: {}", file.id, source.getHost(), e.getClass().getSimpleName());
      lifecycle.failed(file);
    }
  }
}
