package io.postflow.pipeline.engine;

import io.postflow.api.AuthenticationException;
import io.postflow.api.Delivery;
import io.postflow.api.JournalException;
import io.postflow.api.LocalFileException;
import io.postflow.api.PipelineListener;
import io.postflow.api.ServiceException;
import io.postflow.api.TunnelException;
import io.postflow.api.UploadException;
import io.postflow.api.UploadProgress;
import io.postflow.frameio.FrameioObserver;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one hook metrics and alerts hang on: a {@link PipelineListener} for what deliveries do and a
 * {@link FrameioObserver} for what the Frame.io client does, both turned into signals for every
 * {@link SignalSink} (Micrometer's meters when present, the alert monitor when on).
 */
public final class PipelineSignals implements PipelineListener, FrameioObserver {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineSignals.class);

  private final List<SignalSink> sinks;

  PipelineSignals(List<SignalSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void onApiAttempt(String operation, int status, Duration latency, int attempt) {
    each(s -> s.apiAttempt(operation, status, latency, attempt));
  }

  @Override
  public void onFolderLookup(boolean cached) {
    each(s -> s.folderLookup(cached));
  }

  /** One journal call took {@code latency}. */
  void journalCall(String operation, Duration latency) {
    each(s -> s.journalCall(operation, latency));
  }

  @Override
  public void onUploadProgress(Delivery delivery, UploadProgress progress) {
    each(SignalSink::progressed);
  }

  @Override
  public void onConfirmed(Delivery delivery, String fileId, boolean adopted) {
    each(SignalSink::progressed);
  }

  @Override
  public void onDelivered(Delivery delivery) {
    Duration upload = delivery.facts().uploadStartedAt().map(s -> Duration.between(s, delivery.updatedAt()))
        .filter(d -> !d.isNegative()).orElse(null);
    ended("delivered", delivery, upload);
  }

  @Override
  public void onRetried(Delivery delivery, int attempt, Duration delay, Throwable cause) {
    each(s -> s.error(errorKind(cause)));
    ended("retried", delivery, null);
  }

  @Override
  public void onFailed(Delivery delivery, Throwable cause) {
    Throwable root = cause.getCause() != null && cause instanceof io.postflow.api.DeliveryException
        ? cause.getCause() : cause;
    each(s -> s.error(errorKind(root)));
    ended("failed", delivery, null);
  }

  @Override
  public void onQuarantined(Delivery delivery, String reason) {
    ended("quarantined", delivery, null);
  }

  @Override
  public void onSuperseded(Delivery delivery, String reason) {
    ended("superseded", delivery, null);
  }

  private void ended(String outcome, Delivery delivery, Duration uploadTime) {
    each(s -> {
      s.deliveryEnded(outcome, delivery.file().sizeBytes(), uploadTime);
      s.progressed();
    });
  }

  /** A few stable words for an error (metric tags stay few): the exception family, not its text. */
  static String errorKind(Throwable cause) {
    Throwable e = RunFailures.unwrap(cause);
    if (e instanceof AuthenticationException) {
      return "authentication";
    }
    if (e instanceof ServiceException service) {
      int status = service.httpStatus();
      return status == 429 ? "rate_limited" : status == 0 ? "no_answer" : status >= 500 ? "service_5xx" : "service_4xx";
    }
    if (e instanceof TunnelException) {
      return "tunnel";
    }
    if (e instanceof UploadException) {
      return "upload";
    }
    if (e instanceof LocalFileException || e instanceof java.io.IOException) {
      return "local_file";
    }
    if (e instanceof JournalException) {
      return "journal";
    }
    return "other";
  }

  private void each(java.util.function.Consumer<SignalSink> signal) {
    for (SignalSink sink : sinks) {
      try {
        signal.accept(sink);
      } catch (RuntimeException e) {
        LOG.warn("Metrics sink {} failed; ignored", sink.getClass().getSimpleName(), e);
      }
    }
  }
}
