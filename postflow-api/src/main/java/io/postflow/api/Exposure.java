package io.postflow.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One file made fetchable at an unguessable URL. Live: {@link #bytesServed()} grows while the file
 * is fetched. Closing it revokes the URL. {@code toString()} never shows the URL's secret part.
 */
public interface Exposure extends AutoCloseable {

  /** The exposed file. */
  Path file();

  /** Its size when it was exposed; a file whose size or mtime changed is refused, not served. */
  long size();

  /**
   * The URL the file is fetched at. When {@link #isLocal()} it points at this machine (for example
   * {@code http://127.0.0.1:41234/f/<token>/UNDLM_00042_v002.mov}) and a {@link Tunnel} must make
   * it public; otherwise it is already public (a presigned bucket URL, a CDN). A secret: never log
   * it whole.
   */
  URI url();

  /** Whether {@link #url()} is only reachable from this machine. */
  boolean isLocal();

  Instant expiresAt();

  /** Bytes of the file sent so far, over all requests. */
  long bytesServed();

  /** Makes the URL stop working now. Idempotent. */
  void revoke();

  /** Same as {@link #revoke()}. */
  @Override
  default void close() {
    revoke();
  }
}
