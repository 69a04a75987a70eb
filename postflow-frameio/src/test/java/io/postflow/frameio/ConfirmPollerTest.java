package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.postflow.api.RemoteFileStatus;
import io.postflow.api.UploadException;
import io.postflow.frameio.webhooks.WebhookEvent;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfirmPollerTest {
  private final UploadTransportFake transport = new UploadTransportFake(null);
  private final FakeTime time = new FakeTime();
  private final ConfirmSignals signals = new ConfirmSignals();
  private final ConfirmPoller poller = new ConfirmPoller(transport, time, signals);

  @Test
  void awaitUploaded_pollsFrom200msGrowingTo2s_untilComplete() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    transport.status = id -> new UploadTransport.Status(polls.incrementAndGet() == 9, false);

    poller.awaitUploaded("f1", "a.mov", Duration.ofMinutes(1), new UploadWakeup(time), () -> { });

    assertThat(time.sleeps).extracting(Duration::toMillis)
        .containsExactly(200L, 300L, 450L, 675L, 1012L, 1518L, 2000L, 2000L);
    assertThat(polls).hasValue(9);
  }

  @Test
  void awaitUploaded_whenNeverComplete_timesOutNamingTheState_andKeepsTheId() {
    transport.status = id -> new UploadTransport.Status(false, false);

    assertThatThrownBy(() -> poller.awaitUploaded("f1", "a.mov", Duration.ofSeconds(30),
        new UploadWakeup(time), () -> { }))
        .isInstanceOf(ConfirmTimeoutException.class)
        .hasMessage("a.mov: not confirmed within PT30S: the status of file f1 still says"
            + " upload_complete=false; the file is left in place")
        .satisfies(e -> assertThat(((UploadException) e).remoteFileId()).contains("f1"));
  }

  @Test
  void awaitTranscoded_whenStuck_namesTheStatusItStayedIn() {
    transport.fileStatus = id -> RemoteFileStatus.UPLOADED;

    assertThatThrownBy(() -> poller.awaitTranscoded("f1", "a.pdf", Duration.ofSeconds(10),
        new UploadWakeup(time)))
        .isInstanceOf(ConfirmTimeoutException.class)
        .hasMessageContaining("not transcoded within PT10S: file f1 is still 'uploaded'");
  }

  /**
   * Real monitor waits with an hour-long poll schedule: the upload is confirmed within the test's
   * deadline only if each webhook signal ends its pause, so the check holds on a loaded machine
   * and fails (by timeout) if signals stopped waking the poller.
   */
  @Test
  void aSignalFromAWebhook_endsTheWaitAtOnce_withRealWaits() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    transport.status = id -> new UploadTransport.Status(polls.incrementAndGet() >= 3, false);
    ConfirmPoller real = new ConfirmPoller(transport, java.time.Clock.systemUTC(), signals,
        Duration.ofHours(1), Duration.ofHours(1));
    UploadWakeup wakeup = new UploadWakeup(null);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        real.awaitUploaded("f1", "a.mov", Duration.ofDays(1), wakeup,
            () -> signals.webhookListener().onEvent(event("file.upload.completed", "f1")));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    waiting.get(60, TimeUnit.SECONDS);

    assertThat(polls).hasValue(3);
  }

  @Test
  void webhookEvents_wakeOnlyTheUploadOfTheirFile_andOnlyForCompletionEvents() throws Exception {
    UploadWakeup wakeup = new UploadWakeup(null);
    signals.register("f1", wakeup);
    signals.webhookListener().onEvent(event("file.created", "f1"));
    signals.webhookListener().onEvent(event("file.upload.completed", "other"));
    long start = System.nanoTime();
    wakeup.pause(Duration.ofMillis(150));
    // A lower bound only: a pause that was not woken lasts at least its delay, however busy.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

    signals.webhookListener().onEvent(event("file.ready", "f1"));
    // An hour-long pause ends only because the signal came: without it this times out.
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> wakeup.pause(Duration.ofHours(1)));
  }

  private static WebhookEvent event(String type, String fileId) {
    return WebhookEvent.parse("{\"type\":\"" + type + "\",\"resource\":{\"id\":\"" + fileId
        + "\",\"type\":\"file\"}}");
  }

  @Test
  void aCancelledWakeup_stopsPolling() {
    transport.status = id -> new UploadTransport.Status(false, false);
    UploadWakeup wakeup = new UploadWakeup(null);
    wakeup.cancel();

    assertThatThrownBy(() -> poller.awaitUploaded("f1", "a.mov", Duration.ofMinutes(1), wakeup,
        () -> { })).isInstanceOf(CancellationException.class);
    assertThat(transport.statusCalls).hasValue(1);
  }
}
