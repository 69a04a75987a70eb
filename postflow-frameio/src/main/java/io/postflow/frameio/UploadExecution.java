package io.postflow.frameio;

import io.postflow.api.PostFlowException;
import io.postflow.api.UploadException;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadPhase;
import io.postflow.api.UploadProgress;
import io.postflow.api.UploadRequest;
import io.postflow.api.UploadResult;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running upload, seen from outside as its {@link UploadHandle}. Owns the life cycle both
 * uploaders share: the listener's started and terminal calls, the one decision between success,
 * failure and cancel (taken under this object's lock, so cancel and completion cannot both win),
 * deleting the placeholder after a failure, and turning internal failures into the exceptions the
 * API promises. Subclasses only say how the bytes travel.
 */
abstract class UploadExecution implements UploadHandle {
  private static final Logger LOG = LoggerFactory.getLogger(UploadExecution.class);

  final UploadRequest request;
  final UploadSource source;
  final UploadSettings settings;
  final UploadProgressTracker tracker;
  final UploadEvents events;
  final UploadWakeup wakeup;
  private final Completion future = new Completion();
  /** The remote placeholder while it exists and is ours to delete on failure. */
  volatile String placeholderId;
  /**
   * Set once the service confirmed every byte ({@code upload_complete}): the file is then the
   * upload, not a placeholder, and a later failure (reading its status, waiting for the
   * transcode) must not delete it. Cancel still does.
   */
  volatile boolean uploadConfirmed;
  private boolean finished;
  private boolean cancelRequested;
  /** The thread running {@link #run()} until the outcome is decided; cancel interrupts it. */
  private Thread runner;
  private boolean interruptedByCancel;
  /** While the runner creates the placeholder, cancel does not interrupt it (see create()). */
  private boolean creating;

  UploadExecution(UploadRequest request, UploadSource source, UploadSettings settings) {
    this.request = request;
    this.source = source;
    this.settings = settings;
    this.tracker = new UploadProgressTracker(settings.clock, source.size());
    this.events = new UploadEvents(request.listener(), settings.clock, settings.progressInterval,
        request.fileName());
    this.wakeup = settings.newWakeup();
  }

  /** Moves the bytes and confirms; runs on the uploader's executor. */
  abstract UploadResult execute() throws Exception;

  /** Aborts whatever is in flight (called from the cancelling thread). */
  abstract void abortTransfer();

  /** Starts the upload on the executor. */
  final UploadHandle start() {
    try {
      settings.executor.execute(this::run);
    } catch (RejectedExecutionException e) {
      throw new UploadException(request.fileName(), null,
          "the uploader is closed or its executor refused the upload", false, e);
    }
    return this;
  }

  @Override
  public final CompletableFuture<UploadResult> completion() {
    return future;
  }

  @Override
  public final UploadProgress progress() {
    return tracker.snapshot();
  }

  @Override
  public final boolean cancel() {
    synchronized (this) {
      if (finished || cancelRequested) {
        return false;
      }
      cancelRequested = true;
    }
    abort();
    return true;
  }

  private void abort() {
    LOG.debug("cancelling the upload of {}", request.fileName());
    wakeup.cancel();
    abortTransfer();
    // The upload's thread may be inside a Frame.io call that is waiting out a back-off (30 s
    // after a 5xx on a status poll): only an interrupt ends that (the client honours it).
    synchronized (this) {
      if (runner != null && !creating) {
        interruptedByCancel = true;
        runner.interrupt();
      }
    }
  }

  /**
   * Makes the placeholder and tells the listener its id. Cancel does not interrupt this call: a
   * POST aborted in flight may still have created a file whose id we would never learn, left
   * behind in the folder. A cancel that came meanwhile is acted on as soon as the placeholder is
   * known (and so deleted).
   *
   * @throws CancellationException when the upload was cancelled during the call
   */
  final <T> T create(Supplier<T> call, Function<T, String> id) {
    T created;
    synchronized (this) {
      if (cancelRequested) {
        throw new CancellationException("upload cancelled"); // its interrupt may be pending
      }
      creating = true;
    }
    try {
      created = call.get();
    } finally {
      synchronized (this) {
        creating = false;
      }
    }
    placeholderId = id.apply(created);
    // Before anything else, cancel included: the file exists now, and the caller may be keeping
    // a durable record of such ids to clean up after a crash.
    events.remoteFileCreated(request, placeholderId);
    if (isCancelRequested()) {
      throw new CancellationException("upload cancelled");
    }
    return created;
  }

  /**
   * Takes over the placeholder an earlier attempt (another process, before a crash) created, as if
   * this execution had created it: a cancel or a failure deletes it like its own.
   */
  final void resumePlaceholder(String fileId) {
    placeholderId = fileId;
  }

  /**
   * The handle's future. Cancelling it cancels the upload, and is refused once the outcome has
   * been decided: otherwise a future cancelled while {@code onCompleted} runs would report a
   * cancellation for a file that was uploaded, kept, and reported complete to the listener.
   */
  private final class Completion extends CompletableFuture<UploadResult> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean first;
      synchronized (UploadExecution.this) {
        if (finished) {
          return isCancelled();
        }
        first = !cancelRequested;
        cancelRequested = true;
      }
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (first) {
        abort();
      }
      return cancelled;
    }

    /** Ends the future as cancelled, from {@link #run()} (which has decided so). */
    void cancelled() {
      super.cancel(false);
    }
  }

  final boolean isCancelRequested() {
    return wakeup.isCancelled();
  }

  private void run() {
    synchronized (this) {
      runner = Thread.currentThread();
    }
    events.started(request);
    UploadResult result = null;
    Throwable error = null;
    boolean interrupted = false;
    try {
      result = execute();
    } catch (InterruptedException e) {
      interrupted = true;
      error = new UploadException(request.fileName(), null, "interrupted", true, e);
    } catch (java.io.UncheckedIOException e) {
      error = e.getCause();
    } catch (Throwable e) {
      // The client reports an interrupted call this way, with the flag restored.
      interrupted = e instanceof PostFlowException && e.getCause() instanceof InterruptedException;
      error = interrupted ? new UploadException(request.fileName(), null, "interrupted", true, e) : e;
    }
    boolean cancelled;
    boolean cancelInterrupted;
    synchronized (this) {
      finished = true;
      cancelled = cancelRequested;
      cancelInterrupted = interruptedByCancel;
      runner = null;
    }
    // No cancel interrupts this thread from here on. A pending interrupt would make the clean-up
    // calls below fail at once, so it is taken off now and, unless it was cancel's own, put back
    // at the end (an interrupt of cancel's must not reach the executor's next task).
    interrupted |= Thread.interrupted();
    if (cancelled && cancelInterrupted) {
      interrupted = false;
    }
    if (cancelled || error instanceof CancellationException) {
      deletePlaceholder("cancelled");
      tracker.phase(UploadPhase.CANCELLED);
      events.failed(new CancellationException("upload of " + request.fileName() + " cancelled"));
      future.cancelled();
    } else if (error != null) {
      if (!(error instanceof ConfirmTimeoutException) && !uploadConfirmed) {
        deletePlaceholder("failed");
      }
      RuntimeException failure = toPublic(error);
      tracker.phase(UploadPhase.FAILED);
      LOG.debug("upload of {} failed: {}", request.fileName(), failure.getMessage());
      events.failed(failure);
      future.completeExceptionally(failure);
    } else {
      tracker.phase(UploadPhase.COMPLETED);
      events.progress(tracker::snapshot, true);
      events.completed(result);
      future.complete(result);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes the remote placeholder, best effort, and forgets it once gone. */
  final void deletePlaceholder(String why) {
    String id = placeholderId;
    if (id == null) {
      return;
    }
    try {
      settings.transport.deleteFile(id);
      placeholderId = null;
      LOG.debug("deleted placeholder {} of {} ({})", id, request.fileName(), why);
    } catch (RuntimeException e) {
      LOG.warn("could not delete the placeholder {} of {} ({}): {}", id, request.fileName(), why,
          e.toString());
    }
  }

  /** The exception the API promises, saying whether a placeholder was left behind. */
  private RuntimeException toPublic(Throwable error) {
    String left = placeholderId;
    if (error instanceof ConfirmTimeoutException) {
      return (UploadException) error;
    }
    if (error instanceof UploadException) {
      UploadException e = (UploadException) error;
      if (left == null) {
        return e;
      }
      return new UploadException(request.fileName(), left, stripName(e.getMessage())
          + "; the placeholder " + left + " could not be deleted", e.isRetryable(), e.getCause());
    }
    if (error instanceof PostFlowException) {
      return (PostFlowException) error;
    }
    String suffix = left == null ? "" : "; the placeholder " + left + " could not be deleted";
    if (error instanceof PartRejectedException) {
      PartRejectedException e = (PartRejectedException) error;
      return new UploadException(request.fileName(), left, e.getMessage() + suffix, e.retryable(), e);
    }
    if (error instanceof IOException) {
      return new UploadException(request.fileName(), left, "cannot read " + source.file() + ": "
          + error.getMessage() + suffix, true, error);
    }
    return new UploadException(request.fileName(), left, "unexpected failure: " + error + suffix,
        false, error);
  }

  private String stripName(String message) {
    String prefix = request.fileName() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
