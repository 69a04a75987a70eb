package io.postflow.tunnel;

import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exposure of {@link HttpFileExposer}: the file as it was when exposed ({@link FileState}),
 * its capability token, limits and counters. Thread-safe: counters are atomic, {@code revoked} is
 * volatile. The token is never part of {@link #toString()}.
 */
final class ExposedFile implements Exposure {
  private static final Logger LOG = LoggerFactory.getLogger(ExposedFile.class);

  private final String token;
  private final Path file;
  private final String name;
  private final FileState state;
  private final String fingerprint;
  private final Instant expiresAt;
  private final int maxDownloads;
  private final URI url;
  private final ExposureListener listener;
  private final Consumer<ExposedFile> onRevoke;
  private final AtomicInteger downloads = new AtomicInteger();
  private final AtomicLong bytesServed = new AtomicLong();
  private volatile boolean revoked;

  ExposedFile(String token, Path file, FileState state, String fingerprint, Instant expiresAt,
      int maxDownloads, URI url, ExposureListener listener, Consumer<ExposedFile> onRevoke) {
    this.token = token;
    this.file = file;
    this.name = String.valueOf(file.getFileName());
    this.state = state;
    this.fingerprint = fingerprint;
    this.expiresAt = expiresAt;
    this.maxDownloads = maxDownloads;
    this.url = url;
    this.listener = listener;
    this.onRevoke = onRevoke;
  }

  String token() {
    return token;
  }

  String name() {
    return name;
  }

  long mtimeNanos() {
    return state.mtimeNanos();
  }

  /**
   * A strong validator from size, mtime and the content {@link Fingerprint}: a same-size rewrite
   * with its mtime put back has another one.
   */
  String etag() {
    return "\"" + Long.toHexString(state.size()) + "-" + Long.toHexString(state.mtimeNanos()) + "-" + fingerprint + "\"";
  }

  /** The {@link Fingerprint} of the content when it was exposed. */
  String fingerprint() {
    return fingerprint;
  }

  /** Whether {@code now} still describes the file that was exposed. */
  boolean matches(FileState now) {
    return state.sameFileAs(now);
  }

  boolean isRevoked() {
    return revoked;
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Takes one download from the allowance; false when it is used up. */
  boolean tryStartDownload() {
    if (maxDownloads < 0) {
      downloads.incrementAndGet();
      return true;
    }
    int n;
    do {
      n = downloads.get();
      if (n >= maxDownloads) {
        return false;
      }
    } while (!downloads.compareAndSet(n, n + 1));
    return true;
  }

  int downloads() {
    return downloads.get();
  }

  /** Whether every download of the allowance has been taken (never, without a limit). */
  boolean downloadsUsedUp() {
    return maxDownloads >= 0 && downloads.get() >= maxDownloads;
  }

  void served(long offset, long count) {
    bytesServed.addAndGet(count);
    try {
      listener.onBytesServed(this, offset, count);
    } catch (RuntimeException e) {
      LOG.warn("ExposureListener.onBytesServed failed for {}", name, e);
    }
  }

  void requested(String method, int status) {
    try {
      listener.onRequest(this, method, status);
    } catch (RuntimeException e) {
      LOG.warn("ExposureListener.onRequest failed for {}", name, e);
    }
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long size() {
    return state.size();
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public long bytesServed() {
    return bytesServed.get();
  }

  @Override
  public void revoke() {
    if (!revoked) {
      revoked = true;
      onRevoke.accept(this);
      LOG.debug("revoked exposure of {}", name);
    }
  }

  @Override
  public String toString() {
    return "Exposure{file=" + name + ", size=" + state.size() + ", expiresAt=" + expiresAt
        + ", bytesServed=" + bytesServed.get() + (revoked ? ", revoked" : "") + "}";
  }
}
