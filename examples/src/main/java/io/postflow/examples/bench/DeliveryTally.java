package io.postflow.examples.bench;

import io.postflow.api.Delivery;
import io.postflow.api.PipelineListener;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notes, by file name, when each delivery ended and how, and counts the pipeline's retries: what
 * a phase waits for and reports. Thread-safe and quick, as a listener must be.
 */
final class DeliveryTally implements PipelineListener {
  /** How a delivery ended and when ({@link System#nanoTime()}). */
  record End(String how, long atNanos) {}

  private final Map<String, End> ends = new ConcurrentHashMap<>();
  private final AtomicInteger retries = new AtomicInteger();

  @Override
  public void onDelivered(Delivery delivery) {
    end(delivery, "delivered");
  }

  @Override
  public void onQuarantined(Delivery delivery, String reason) {
    end(delivery, "quarantined: " + reason);
  }

  @Override
  public void onSuperseded(Delivery delivery, String reason) {
    end(delivery, "superseded: " + reason);
  }

  @Override
  public void onFailed(Delivery delivery, Throwable cause) {
    end(delivery, "failed: " + cause);
  }

  @Override
  public void onRetried(Delivery delivery, int attempt, Duration delay, Throwable cause) {
    retries.incrementAndGet();
  }

  private void end(Delivery delivery, String how) {
    ends.putIfAbsent(delivery.file().fileName(), new End(how, System.nanoTime()));
  }

  /** How many of {@code names} have ended, and how many of those were delivered. */
  int[] ended(Collection<String> names) {
    int ended = 0;
    int delivered = 0;
    for (String name : names) {
      End end = ends.get(name);
      if (end != null) {
        ended++;
        if (end.how().equals("delivered")) {
          delivered++;
        }
      }
    }
    return new int[] {ended, delivered};
  }

  /** When the last of {@code names} ended (all must have). */
  long lastEndNanos(Collection<String> names) {
    return names.stream().mapToLong(n -> ends.get(n).atNanos()).max().orElseThrow();
  }

  /** The first of {@code names} that did not end delivered, with how it ended, if any. */
  String firstProblem(Collection<String> names) {
    for (String name : names) {
      End end = ends.get(name);
      if (end != null && !end.how().equals("delivered")) {
        return name + " " + end.how();
      }
    }
    return null;
  }

  int retries() {
    return retries.get();
  }
}
