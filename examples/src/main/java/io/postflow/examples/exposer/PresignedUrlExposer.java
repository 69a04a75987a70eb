package io.postflow.examples.exposer;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import io.postflow.api.UploadException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FileExposer} that copies the file into your own bucket and hands out a presigned GET
 * URL: Frame.io pulls from your storage, no tunnel is needed, nothing on this machine is reachable
 * from the internet.
 *
 * <p>How it plugs into the remote uploader: its exposures say {@link Exposure#isLocal()} is
 * {@code false} and {@link #localPort()} is {@code -1}, so {@code RemoteUploader} hands
 * {@link Exposure#url()} to Frame.io as it is and never opens a tunnel (you may leave
 * {@code tunnel(..)} unset). It cannot see the bytes your bucket serves, so
 * {@link Exposure#bytesServed()} stays 0 and the uploader follows the pull through Frame.io's
 * status only (its stall detection applies to local exposures).
 *
 * <pre>{@code
 * try (FileExposer exposer = new PresignedUrlExposer(myS3Store, "postflow/");
 *      RemoteUploader uploader = RemoteUploader.builder()
 *          .client(frameio).accountId(accountId)
 *          .exposer(exposer)                      // no .tunnel(..): the URLs are public already
 *          .build()) {
 *   uploader.upload(UploadRequest.of(file, folderId)).completion().join();
 * }
 * }</pre>
 *
 * <p>Thread-safe: it holds no mutable state besides each exposure's revoked flag.
 */
public final class PresignedUrlExposer implements FileExposer {
  private final ObjectStore store;
  private final String keyPrefix;
  private final Clock clock;

  public PresignedUrlExposer(ObjectStore store, String keyPrefix) {
    this(store, keyPrefix, Clock.systemUTC());
  }

  PresignedUrlExposer(ObjectStore store, String keyPrefix, Clock clock) {
    this.store = store;
    this.keyPrefix = keyPrefix;
    this.clock = clock;
  }

  /**
   * Uploads the file to the bucket (blocking: this is the slow part) and presigns a GET for
   * {@code options.timeToLive()}. {@code maxDownloads} cannot be enforced by a presigned URL and is
   * ignored; say so to your users if it matters.
   *
   * @throws UploadException when the file cannot be read or the bucket refuses it
   */
  @Override
  public Exposure expose(Path file, ExposureOptions options, ExposureListener listener) {
    String name = String.valueOf(file.getFileName());
    // A random key segment: the object name itself must not be guessable either.
    String key = keyPrefix + UUID.randomUUID() + "/" + name;
    try {
      long size = Files.size(file);
      store.put(key, file);
      URI url = store.presignGet(key, options.timeToLive());
      return new BucketExposure(file, size, url, clock.instant().plus(options.timeToLive()), key);
    } catch (IOException e) {
      throw new UploadException(name, null, "could not be put in the bucket: " + e.getMessage(), true, e);
    }
  }

  /** No local port: the URLs are public, no tunnel is needed. */
  @Override
  public int localPort() {
    return -1;
  }

  @Override
  public void close() {
    // Nothing to stop; exposures clean up their objects when revoked.
  }

  /** One object in the bucket; revoking deletes it, which also kills the presigned URL. */
  private final class BucketExposure implements Exposure {
    private final Path file;
    private final long size;
    private final URI url;
    private final Instant expiresAt;
    private final String key;
    private final AtomicBoolean revoked = new AtomicBoolean();

    BucketExposure(Path file, long size, URI url, Instant expiresAt, String key) {
      this.file = file;
      this.size = size;
      this.url = url;
      this.expiresAt = expiresAt;
      this.key = key;
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public URI url() {
      return url;
    }

    @Override
    public boolean isLocal() {
      return false;
    }

    @Override
    public Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public long bytesServed() {
      return 0;
    }

    @Override
    public void revoke() {
      if (revoked.compareAndSet(false, true)) {
        try {
          store.delete(key);
        } catch (IOException e) {
          // Not fatal for the upload; the bucket's lifecycle rule should sweep leftovers.
          org.slf4j.LoggerFactory.getLogger(PresignedUrlExposer.class)
              .warn("could not delete {} from the bucket: {}", file.getFileName(), e.toString());
        }
      }
    }

    @Override
    public String toString() {
      // Never the URL: its query string is the signature.
      return "BucketExposure{file=" + file.getFileName() + ", size=" + size + ", expiresAt=" + expiresAt + "}";
    }
  }
}
