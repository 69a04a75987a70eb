package io.postflow.api;

import java.nio.file.Path;

/**
 * Makes local files fetchable by URL, one unguessable, expiring URL per file.
 *
 * <p><b>Contract.</b> Thread-safe. Serves exactly the files it was asked to expose and nothing
 * else; never resolves anything from the request path; GET and HEAD with byte ranges; a file that
 * changed or vanished since it was exposed is refused, never served half. {@link #expose} does not
 * block on the network. Closing the exposer revokes every exposure.
 *
 * <p>Write your own to hand out, say, a presigned GET URL of your own bucket: return an
 * {@link Exposure} whose {@link Exposure#isLocal()} is {@code false} and no tunnel is needed.
 */
public interface FileExposer extends AutoCloseable {

  /**
   * Exposes {@code file}.
   *
   * @throws UploadException when the file cannot be read
   */
  Exposure expose(Path file, ExposureOptions options, ExposureListener listener);

  default Exposure expose(Path file) {
    return expose(file, ExposureOptions.ofDefaults(), ExposureListener.NONE);
  }

  /**
   * The local port a {@link Tunnel} must forward to for local exposures, or -1 when this exposer
   * hands out public URLs itself.
   */
  int localPort();

  @Override
  void close();
}
