package io.postflow.pipeline;

import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.PipelineListener;
import io.postflow.pipeline.engine.Listeners;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners and notifiers added to a built {@link PostFlow} (a dashboard, a progress display):
 * unlike the builder's, they come and go while the pipeline runs. The engine sees them as one more
 * listener and one more notifier, after the builder's, that call whoever is registered at the time.
 */
final class Observers implements Notifier {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Observers.class);
  private final CopyOnWriteArrayList<PipelineListener> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Notifier> notifiers = new CopyOnWriteArrayList<>();
  private final PipelineListener asListener = Listeners.live(listeners);

  void add(PipelineListener listener) {
    listeners.add(listener);
  }

  void remove(PipelineListener listener) {
    listeners.remove(listener);
  }

  void add(Notifier notifier) {
    notifiers.add(notifier);
  }

  void remove(Notifier notifier) {
    notifiers.remove(notifier);
  }

  /** One listener that calls every listener registered at the time of each call. */
  PipelineListener listener() {
    return asListener;
  }

  /** Tells each notifier registered now; one that throws is logged and the others still hear. */
  @Override
  public void notify(Notification notification) {
    for (Notifier notifier : notifiers) {
      try {
        notifier.notify(notification);
      } catch (RuntimeException e) {
        LOG.warn("Notifier {} failed for {} notification \"{}\"", notifier.getClass().getName(),
            notification.kind(), notification.message(), e);
      }
    }
  }
}
