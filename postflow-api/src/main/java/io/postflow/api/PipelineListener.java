package io.postflow.api;

import java.time.Duration;

/**
 * Told what the pipeline does with each file version, step by step. Every call names its subject:
 * the {@link Delivery} as the journal knows it at that moment.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Order for one delivery: {@link #onSeen}, then as the steps happen {@link #onMatched},
 *       {@link #onFolderReady}, {@link #onUploadStarted}, any number of
 *       {@link #onUploadProgress}, {@link #onUploadFinished}, {@link #onConfirmed},
 *       {@link #onStacked}, {@link #onStatusChanged}, and one of the endings:
 *       {@link #onDelivered}, {@link #onQuarantined}, {@link #onSuperseded} or {@link #onFailed}.
 *       {@link #onRetried} may come after any step; the steps already done are then not repeated
 *       (a confirmed file is not uploaded again), so after a retry or a restart the sequence
 *       resumes where it stopped. After a crash, a step that was under way may be reported twice.</li>
 *   <li>Calls come from the pipeline's worker and watcher threads, never two at once for one
 *       delivery. They must return quickly and must not block: hand slow work to your own
 *       executor.</li>
 *   <li>Several listeners may be registered; each is called in registration order. An exception
 *       thrown by a listener is caught and logged and never stops the pipeline or other
 *       listeners.</li>
 * </ul>
 * Every method has a default that does nothing, so implement only what you need.
 */
public interface PipelineListener {
  /** A listener that ignores everything. */
  PipelineListener NONE = new PipelineListener() {};

  /** A settled or submitted file version was recorded in the journal. */
  default void onSeen(Delivery delivery) {}

  /** Its name was read and its shot found in the shot list. */
  default void onMatched(Delivery delivery, Shot shot) {}

  /** Its name matches no pattern or its shot is not in the list; set aside with {@code reason}. */
  default void onQuarantined(Delivery delivery, String reason) {}

  /** The Frame.io folder it goes to exists. */
  default void onFolderReady(Delivery delivery, FolderPath path, String folderId) {}

  /** Its upload began (or began again after a failed attempt). */
  default void onUploadStarted(Delivery delivery, UploadRequest request) {}

  /** Its upload progressed; rate-limited by the uploader. */
  default void onUploadProgress(Delivery delivery, UploadProgress progress) {}

  /** The uploader finished: the service confirmed every byte. */
  default void onUploadFinished(Delivery delivery, UploadResult result) {}

  /**
   * The file is on Frame.io and recorded as such, after an upload or because a file this journal
   * had created was found there and adopted instead of uploading a duplicate.
   */
  default void onConfirmed(Delivery delivery, String fileId, boolean adopted) {}

  /** The file joined its shot's version stack on top of {@code previousFileId}. */
  default void onStacked(Delivery delivery, String versionStackId, String previousFileId) {}

  /** The shot's status changed from {@code previous} because of this delivery. */
  default void onStatusChanged(Delivery delivery, Shot shot, ShotStatus previous) {}

  /** A step failed and will be tried again after {@code delay}; {@code attempt} failures so far. */
  default void onRetried(Delivery delivery, int attempt, Duration delay, Throwable cause) {}

  /** Everything is done for this file version. */
  default void onDelivered(Delivery delivery) {}

  /** A newer version of the same file arrived, or the file changed, before this one was delivered. */
  default void onSuperseded(Delivery delivery, String reason) {}

  /** Stopped for good: a permanent error, or retries used up. */
  default void onFailed(Delivery delivery, Throwable cause) {}
}
