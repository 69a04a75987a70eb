package io.postflow.frameio;

import io.postflow.api.UploadListener;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records what a listener is told, and notices two calls at once (which the contract forbids). */
final class UploadRecordingListener implements UploadListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<UploadProgress> progress = new CopyOnWriteArrayList<>();
  final AtomicBoolean overlapped = new AtomicBoolean();
  final CountDownLatch terminal = new CountDownLatch(1);
  volatile Throwable error;
  volatile UploadResult result;
  private final AtomicBoolean inCall = new AtomicBoolean();

  @Override
  public void onStarted(UploadRequest request) {
    record("started");
  }

  @Override
  public void onRemoteFileCreated(UploadRequest request, String fileId) {
    record("created " + fileId);
  }

  @Override
  public void onProgress(UploadProgress snapshot) {
    progress.add(snapshot);
    record("progress");
  }

  @Override
  public void onPartCompleted(int partIndex, int totalParts, long partBytes) {
    record("part " + partIndex + "/" + totalParts);
  }

  @Override
  public void onCompleted(UploadResult done) {
    result = done;
    record("completed");
    terminal.countDown();
  }

  @Override
  public void onFailed(Throwable failure) {
    error = failure;
    record("failed");
    terminal.countDown();
  }

  /** Waits for the terminal call; the listener is told before the future completes. */
  void awaitTerminal() throws InterruptedException {
    if (!terminal.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no terminal event; events so far: " + events);
    }
  }

  List<String> withoutProgress() {
    return events.stream().filter(e -> !e.equals("progress")).toList();
  }

  private void record(String event) {
    if (!inCall.compareAndSet(false, true)) {
      overlapped.set(true);
    }
    try {
      events.add(event);
      Thread.yield();
    } finally {
      inCall.set(false);
    }
  }
}
