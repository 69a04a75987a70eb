package io.postflow.production.shotlist;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a {@link ReloadableShotRepository}, told in the order they were added; one
 * that throws is logged and does not keep the others from hearing. Thread-safe.
 */
final class ReloadListeners {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadListeners.class);

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** See {@link ReloadableShotRepository#addReloadListener}. */
  void add(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** See {@link ReloadableShotRepository#removeReloadListener}. */
  void remove(Runnable listener) {
    listeners.remove(listener);
  }

  /** Tells every listener that the list changed, on this thread. */
  void tell() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("A shot list reload listener failed", e);
      }
    }
  }
}
