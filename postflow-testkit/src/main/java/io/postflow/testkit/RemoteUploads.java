package io.postflow.testkit;

import java.io.FilterOutputStream;
import java.io.IOException;
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
 * file through {@link UploadLifecycle} or marks it failed (also when the source passes Frame.io's
 * 50 GB remote-upload limit; its partial bytes are deleted). The fetching itself (ranges, resumes,
 * stalls) is the {@link Fetch}'s business; the sandbox wires {@code RemoteSourceFetcher} in.
 */
final class RemoteUploads {
  /** What a finished fetch reports. */
  record Fetched(long bytes, String sha256) {}

  /** Pulls {@code source} into {@code sink}, blocking; any exception means the upload failed. */
  interface Fetch {
    Fetched fetch(URI source, OutputStream sink) throws Exception;

    /** The source's size if it can be learnt quickly (for the 202's {@code file_size}); empty if not. */
    default java.util.OptionalLong size(URI source) throws InterruptedException {
      return java.util.OptionalLong.empty();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(RemoteUploads.class);
  /** Frame.io's documented limit for a remote upload. */
  static final long MAX_REMOTE_BYTES = 50L * 1024 * 1024 * 1024;

  private final SandboxStore store;
  private final UploadLifecycle lifecycle;
  private final Fetch fetch;
  private final ExecutorService executor;
  private final Path tempDir;
  private final long maxBytes;

  RemoteUploads(SandboxStore store, UploadLifecycle lifecycle, Fetch fetch, ExecutorService executor, Path tempDir) {
    this(store, lifecycle, fetch, executor, tempDir, MAX_REMOTE_BYTES);
  }

  RemoteUploads(SandboxStore store, UploadLifecycle lifecycle, Fetch fetch, ExecutorService executor, Path tempDir,
      long maxBytes) {
    this.maxBytes = maxBytes;
    this.store = store;
    this.lifecycle = lifecycle;
    this.fetch = fetch;
    this.executor = executor;
    this.tempDir = tempDir;
  }

  /** The source's size as the fetcher can tell it before the transfer; 0 when it cannot. */
  long probeSize(URI source) {
    try {
      return fetch.size(source).orElse(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
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
      try (OutputStream out = new CappedOutputStream(Files.newOutputStream(target), maxBytes)) {
        fetched = fetch.fetch(source, out);
      }
      store.lockedRun(() -> {
        file.fileSize = fetched.bytes();
        file.parts.put(0, new FileAsset.Part(target, fetched.bytes(), null));
      });
      lifecycle.completed(file, fetched.sha256(), fetched.bytes());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(target);
      lifecycle.failed(file);
    } catch (Exception e) {
      deleteQuietly(target);
      // The source host is the user's concern; only its host is named (the URL may carry a token).
      LOG.debug("Remote upload {} from host {} failed: {}", file.id, source.getHost(), e.getClass().getSimpleName());
      lifecycle.failed(file);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", path, e.toString());
    }
  }

  /** Fails the fetch once the source passes the remote-upload limit, instead of filling the disk. */
  static final class CappedOutputStream extends FilterOutputStream {
    private final long max;
    private long written;

    CappedOutputStream(OutputStream out, long max) {
      super(out);
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      count(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count(len);
      out.write(b, off, len);
    }

    private void count(long n) throws IOException {
      written += n;
      if (written > max) {
        throw new IOException("remote source is larger than the " + max + "-byte remote upload limit");
      }
    }
  }
}
