package io.postflow.pipeline.engine;

import io.postflow.api.Delivery;
import io.postflow.api.DeliveryException;
import io.postflow.api.DeliveryState;
import io.postflow.api.LeaseLostException;
import io.postflow.api.LocalFileException;
import io.postflow.api.Notification;
import io.postflow.api.PostFlowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a run that threw ends: given back (the pipeline is stopping), superseded (the file
 * changed under the upload: the new version is delivered on its own), retried later with capped,
 * jittered exponential back-off (a failure that may pass), or failed for good with the reason.
 */
final class RunFailures {
  private static final Logger LOG = LoggerFactory.getLogger(RunFailures.class);

  private final EngineConfig config;
  private final Listeners listeners;
  private final Notifications notifications;
  private final LocalFiles localFiles;

  RunFailures(EngineConfig config, Listeners listeners, Notifications notifications, LocalFiles localFiles) {
    this.config = config;
    this.listeners = listeners;
    this.notifications = notifications;
    this.localFiles = localFiles;
  }

  /**
   * Ends the run after {@code error}; returns the delivery as it ended, or empty when the lease
   * was lost (the new owner decides).
   */
  Optional<Delivery> ended(LeaseKeeper lease, Throwable error, boolean stopping) {
    Throwable cause = unwrap(error);
    if (cause instanceof LeaseLostException) {
      LOG.warn("Delivery {}: {}; its new owner carries on", lease.deliveryId(), cause.getMessage());
      return Optional.empty();
    }
    try {
      if (cause instanceof StopRequestedException || (stopping && isInterruption(cause))) {
        LOG.info("Delivery {} given back: the pipeline is stopping", lease.deliveryId());
        return Optional.of(lease.release());
      }
      Delivery delivery = lease.delivery();
      Optional<String> offline = localFiles.rootUnavailable(delivery);
      if (offline.isPresent()) {
        // Not the file's fault nor a failed attempt: wait for the filespace, counting nothing.
        LOG.warn("{}: {}", delivery.file().relativePath(), offline.get());
        return Optional.of(lease.postpone(config.work().retryMaxDelay(), offline.get()));
      }
      if (delivery.facts().fileId().isEmpty()) {
        Optional<String> change = LocalFiles.changed(localFiles.locate(delivery), delivery.file());
        if (change.isPresent()) {
          Delivery superseded = lease.finish(DeliveryState.SUPERSEDED, change.get());
          listeners.onSuperseded(superseded, change.get());
          return Optional.of(superseded);
        }
      }
      String reason = describe(cause);
      int attempt = delivery.attempts() + 1;
      if (isRetryable(cause) && attempt < config.work().maxAttempts()) {
        Duration delay = delay(attempt);
        LOG.info("{}: attempt {} failed ({}); trying again in {} ms", delivery.file().relativePath(),
            attempt, reason, delay.toMillis());
        LOG.debug("{}: attempt {} failed", delivery.file().relativePath(), attempt, cause);
        Delivery retried = lease.retryLater(delay, reason);
        listeners.onRetried(retried, attempt, delay, cause);
        return Optional.of(retried);
      }
      String finalReason = isRetryable(cause) ? reason + " (gave up after " + attempt + " attempts)" : reason;
      LOG.warn("{} failed for good: {}", delivery.file().relativePath(), finalReason, cause);
      Delivery failed = lease.finish(DeliveryState.FAILED, finalReason);
      // Only once the journal holds the ending: an agent that lost its lease meanwhile tells nobody.
      notifications.send(Notification.Kind.FAILED, failed, Optional.empty(),
          delivery.file().relativePath() + " could not be delivered: " + finalReason);
      listeners.onFailed(failed, new DeliveryException(failed, cause));
      return Optional.of(failed);
    } catch (LeaseLostException e) {
      LOG.warn("Delivery {}: {} while ending a failed run; its new owner carries on",
          lease.deliveryId(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The wait before attempt {@code failedAttempts + 1}: doubling from the base, capped, plus up to 50% jitter. */
  Duration delay(int failedAttempts) {
    long base = config.work().retryBaseDelay().toMillis();
    long capped = Math.min(config.work().retryMaxDelay().toMillis(),
        base << Math.min(Math.max(failedAttempts - 1, 0), 20));
    return Duration.ofMillis(capped + (long) (capped * 0.5 * ThreadLocalRandom.current().nextDouble()));
  }

  static boolean isRetryable(Throwable cause) {
    if (cause instanceof LocalFileException) {
      // Local I/O in PostFlow's words (the shot list's status file on a full disk): may pass too.
      return true;
    }
    if (cause instanceof PostFlowException) {
      return ((PostFlowException) cause).isRetryable();
    }
    // Local I/O may pass (a filespace briefly offline); anything else is a bug to look at.
    return cause instanceof IOException || cause instanceof UncheckedIOException;
  }

  private static boolean isInterruption(Throwable cause) {
    return cause instanceof InterruptedException || cause instanceof CancellationException;
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
