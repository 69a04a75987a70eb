package io.postflow.frameio;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * WireMock's request journal, read after a synchronising event. WireMock journals a request once
 * its answer is on its way, so a client can have the answer before the journal has the request:
 * reading {@code getAllServeEvents().get(0)} right after the call fails now and then on a busy
 * machine. This waits (bounded) for the entry instead.
 */
public final class ServeEvents {
  private ServeEvents() {}

  /**
   * The newest request journaled by {@code journal} (e.g. {@code wire::getAllServeEvents}), as
   * {@code getAllServeEvents().get(0)} gives it, once there is one; waits up to 10 s.
   */
  public static ServeEvent latest(Supplier<List<ServeEvent>> journal) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<ServeEvent> events = journal.get();
    while (events.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("WireMock journaled no request within 10 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for WireMock's journal", e);
      }
      events = journal.get();
    }
    return events.get(0); // the journal lists the newest first
  }
}
