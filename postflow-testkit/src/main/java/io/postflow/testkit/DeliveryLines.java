package io.postflow.testkit;

import io.postflow.api.Delivery;
import io.postflow.api.PipelineListener;
import io.postflow.api.UploadRequest;
import java.io.PrintStream;

/**
 * A {@link PipelineListener} that prints one flushed line per step a test in another JVM waits for
 * (see {@link ChildJvm}): {@code started NAME} or {@code resumed NAME} (an upload begins, or
 * resumes from a checkpoint), {@code confirmed NAME} or {@code adopted NAME} (Frame.io has the
 * file, uploaded now or by an earlier attempt), {@code delivered NAME}.
 */
public final class DeliveryLines implements PipelineListener {
  private final PrintStream out;

  public DeliveryLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onUploadStarted(Delivery d, UploadRequest request) {
    say((request.resumeFrom().isPresent() ? "resumed " : "started ") + d.file().fileName());
  }

  @Override
  public void onConfirmed(Delivery d, String fileId, boolean adopted) {
    say((adopted ? "adopted " : "confirmed ") + d.file().fileName());
  }

  @Override
  public void onDelivered(Delivery d) {
    say("delivered " + d.file().fileName());
  }

  /** Prints {@code line} and flushes, whole even when several threads print at once. */
  public void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
