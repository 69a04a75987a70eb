package io.postflow.cli;

import io.postflow.api.UploadHandle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ctrl-C while uploading: a JVM shutdown hook cancels the upload and waits a little for the
 * uploader to delete the placeholder, so no half-uploaded file is left in Frame.io. Registered
 * for the duration of one upload and removed afterwards ({@link #close}).
 */
final class CancelOnShutdown implements AutoCloseable {
  static final Duration CLEANUP_WAIT = Duration.ofSeconds(10);

  private final Thread hook;

  private CancelOnShutdown(Thread hook) {
    this.hook = hook;
  }

  /** Registers the hook for {@code handle}. */
  static CancelOnShutdown register(UploadHandle handle, PrintStream err) {
    Thread hook = new Thread(() -> cancel(handle, err, CLEANUP_WAIT), "upload-cancel-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new CancelOnShutdown(hook);
  }

  /** What the hook does; returns whether it cancelled a running upload. */
  static boolean cancel(UploadHandle handle, PrintStream err, Duration wait) {
    if (!handle.cancel()) {
      return false;
    }
    err.println("interrupted: upload cancelled, removing the placeholder...");
    try {
      handle.completion().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      // The expected ending of a cancelled upload.
    } catch (TimeoutException e) {
      err.println("the uploader did not finish cleaning up within " + wait.toSeconds() + " s");
    }
    return true;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running and must be left to finish.
    }
  }
}
