package io.postflow.frameio;

import io.postflow.api.RemoteFileStatus;
import io.postflow.api.ServiceException;
import io.postflow.api.UploadException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the service to confirm an upload: the status endpoint until {@code upload_complete} (or
 * {@code upload_failed}), then, when asked, the file until {@code transcoded}. Polls start at
 * 200 ms and grow by half to 2 s, which keeps one upload under the status endpoint's 5 requests per
 * second and a long wait cheap. Every wait is time-boxed; a timeout names the state the file was
 * stuck in. A {@link ConfirmSignals} (webhooks) can end a wait early. Thread-safe, blocking.
 */
final class ConfirmPoller {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmPoller.class);
  private static final Duration FIRST_DELAY = Duration.ofMillis(200);
  private static final Duration MAX_DELAY = Duration.ofSeconds(2);

  private final UploadTransport transport;
  private final Clock clock;
  private final ConfirmSignals signals;
  private final Duration firstDelay;
  private final Duration maxDelay;

  ConfirmPoller(UploadTransport transport, Clock clock, ConfirmSignals signals) {
    this(transport, clock, signals, FIRST_DELAY, MAX_DELAY);
  }

  /** With another poll schedule: tests use pauses so long that only a signal can end them. */
  ConfirmPoller(UploadTransport transport, Clock clock, ConfirmSignals signals,
      Duration firstDelay, Duration maxDelay) {
    this.transport = transport;
    this.clock = clock;
    this.signals = signals;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
  }

  /**
   * Blocks until the status endpoint says {@code upload_complete}.
   *
   * @param beforePoll runs before every poll (remote uploads follow the pull and detect a stall
   *     there); may throw
   * @throws UploadException on {@code upload_failed}; {@link ConfirmTimeoutException} after
   *     {@code timeout}
   */
  void awaitUploaded(String fileId, String fileName, Duration timeout, UploadWakeup wakeup,
      Runnable beforePoll) throws InterruptedException {
    poll(fileId, timeout, wakeup, () -> {
      beforePoll.run();
      UploadTransport.Status status = transport.uploadStatus(fileId);
      if (status.uploadFailed()) {
        throw new UploadException(fileName, fileId,
            "Frame.io reported upload_failed for file " + fileId, true, null);
      }
      if (status.uploadComplete()) {
        LOG.debug("file {} ({}) upload_complete", fileId, fileName);
        return Boolean.TRUE;
      }
      return null;
    }, () -> new ConfirmTimeoutException(fileName, fileId, "not confirmed within " + timeout
        + ": the status of file " + fileId + " still says upload_complete=false;"
        + " the file is left in place"));
  }

  /**
   * Blocks until the file is {@code transcoded}.
   *
   * @throws ConfirmTimeoutException after {@code timeout}, naming the status it stayed in
   */
  RemoteFileStatus awaitTranscoded(String fileId, String fileName, Duration timeout,
      UploadWakeup wakeup) throws InterruptedException {
    RemoteFileStatus[] last = {RemoteFileStatus.CREATED};
    return poll(fileId, timeout, wakeup, () -> {
      last[0] = transport.fileStatus(fileId);
      return last[0] == RemoteFileStatus.TRANSCODED ? last[0] : null;
    }, () -> new ConfirmTimeoutException(fileName, fileId, "uploaded but not transcoded"
        + " within " + timeout + ": file " + fileId + " is still '" + last[0].toWire()
        + "' (some file types never transcode; do not wait for transcodes for them)"));
  }

  /**
   * Calls {@code attempt} until it returns a value, pausing with a growing delay between calls,
   * and throws what {@code onTimeout} makes once {@code timeout} has passed. The wait can be cut
   * short by a webhook signal for {@code fileId} and ends with a cancellation on cancel.
   */
  private <T> T poll(String fileId, Duration timeout, UploadWakeup wakeup, Supplier<T> attempt,
      Supplier<RuntimeException> onTimeout) throws InterruptedException {
    long deadline = clock.millis() + timeout.toMillis();
    Duration delay = firstDelay;
    signals.register(fileId, wakeup);
    try {
      while (true) {
        T done = attempt.get();
        if (done != null) {
          return done;
        }
        if (clock.millis() >= deadline) {
          throw onTimeout.get();
        }
        wakeup.pause(delay);
        if (wakeup.isCancelled()) {
          throw new CancellationException("upload cancelled");
        }
        Duration next = delay.plus(delay.dividedBy(2));
        delay = next.compareTo(maxDelay) > 0 ? maxDelay : next;
      }
    } finally {
      signals.unregister(fileId);
    }
  }

  /**
   * The file's status now, at least {@code uploaded} since the upload was confirmed. Only
   * informative: when it cannot be read (but the file exists) {@code uploaded} is reported
   * rather than failing an upload the service has confirmed.
   */
  RemoteFileStatus currentStatus(String fileId) {
    RemoteFileStatus status;
    try {
      status = transport.fileStatus(fileId);
    } catch (ResourceNotFoundException gone) {
      throw gone;
    } catch (ServiceException e) {
      LOG.debug("file {} confirmed uploaded; its status could not be read: {}", fileId,
          e.getMessage());
      return RemoteFileStatus.UPLOADED;
    }
    return status == RemoteFileStatus.CREATED ? RemoteFileStatus.UPLOADED : status;
  }
}
