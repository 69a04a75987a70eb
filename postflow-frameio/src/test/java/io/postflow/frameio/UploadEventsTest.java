package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadEventsTest {
  private final FakeTime time = new FakeTime();
  private final UploadRecordingListener listener = new UploadRecordingListener();
  private final UploadEvents events =
      new UploadEvents(listener, time, Duration.ofMillis(250), "a.mov");
  private final UploadProgressTracker tracker = new UploadProgressTracker(time, 1000);

  @Test
  void progress_isRateLimited_unlessForced() {
    events.started(UploadRequest.of(Path.of("a.mov"), "f"));
    events.progress(tracker::snapshot, false);
    events.progress(tracker::snapshot, false);
    time.advance(Duration.ofMillis(249));
    events.progress(tracker::snapshot, false);
    time.advance(Duration.ofMillis(1));
    events.progress(tracker::snapshot, false);
    events.progress(tracker::snapshot, true);

    assertThat(listener.events).containsExactly("started", "progress", "progress", "progress");
  }

  @Test
  void terminalCalls_happenOnce_andNothingFollowsThem() {
    events.started(UploadRequest.of(Path.of("a.mov"), "f"));
    assertThat(events.failed(new IllegalStateException("x"))).isTrue();
    assertThat(events.failed(new IllegalStateException("y"))).isFalse();
    events.partCompleted(0, 1, 10);
    events.progress(tracker::snapshot, true);
    events.started(UploadRequest.of(Path.of("a.mov"), "f"));

    assertThat(listener.events).containsExactly("started", "failed");
    assertThat(listener.error).hasMessage("x");
  }

  @Test
  void throughput_isMeasuredOverTheRecentWindow_andEtaFollows() {
    tracker.transferring(1);
    tracker.throughput();
    time.advance(Duration.ofSeconds(1));
    tracker.sentCounter().addAndGet(100);
    tracker.partCompleted(100);

    UploadProgress progress = tracker.snapshot();

    assertThat(progress.bytesPerSecond()).isEqualTo(100);
    assertThat(progress.eta()).contains(Duration.ofSeconds(9));
    assertThat(progress.phase()).isEqualTo(UploadPhase.TRANSFERRING);
    time.advance(Duration.ofSeconds(10));
    assertThat(tracker.snapshot().bytesPerSecond()).as("nothing sent lately").isZero();
  }
}
