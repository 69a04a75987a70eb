package io.postflow.api;

/**
 * Told when bytes of an exposed file are sent; this is how PostFlow follows a remote upload.
 * Called on the exposer's threads: return quickly, never block; exceptions are caught and logged.
 */
public interface ExposureListener {
  ExposureListener NONE = new ExposureListener() {};

  /** {@code count} bytes starting at {@code offset} of the file were written to a client. */
  default void onBytesServed(Exposure exposure, long offset, long count) {}

  /** A request for the exposure was answered with {@code status} (200, 206, 404, 410, 416...). */
  default void onRequest(Exposure exposure, String method, int status) {}
}
