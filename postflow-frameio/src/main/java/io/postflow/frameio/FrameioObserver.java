package io.postflow.frameio;

import java.time.Duration;

/**
 * Hears what the client does, for metrics and alerts: every HTTP attempt with its latency, and
 * whether the structure manager found a folder in its cache. Given to
 * {@link FrameioClient.Builder#observer}; PostFlow's pipeline sets one when metrics or alerts are on.
 *
 * <p><b>Contract.</b> Called on the calling thread right after the event; must be quick and must
 * not block; an exception it throws is logged and ignored. Default methods do nothing.
 */
public interface FrameioObserver {
  /** Observes nothing. */
  FrameioObserver NONE = new FrameioObserver() {};

  /**
   * One HTTP attempt ended.
   *
   * @param operation the endpoint: method and path template, e.g.
   *     {@code GET /v4/accounts/{account_id}/files/{file_id}} (never a path with ids)
   * @param status the HTTP status, or 0 when no answer came (timeout, connection failure)
   * @param latency from sending the request to its answer (or failure)
   * @param attempt 1 for the first attempt of a call, 2 and more for its retries
   */
  default void onApiAttempt(String operation, int status, Duration latency, int attempt) {}

  /** The structure manager resolved one folder of a path from its cache ({@code true}) or from Frame.io. */
  default void onFolderLookup(boolean cached) {}
}
