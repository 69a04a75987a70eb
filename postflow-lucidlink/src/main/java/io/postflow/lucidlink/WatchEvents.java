package io.postflow.lucidlink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WatchService} events, used only to notice changes sooner. They are never trusted to be
 * complete: on a FUSE or network mount other machines' writes raise no event, the service drops
 * to {@code OVERFLOW} under load, registration fails when inotify watches run out, and on macOS
 * the JDK polls anyway. Every such gap is covered by the reconcile scan; here a failure only
 * costs latency, so it is logged once and otherwise ignored.
 */
final class WatchEvents implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WatchEvents.class);

  private final WatchService service;
  private final Consumer<Path> onPath;
  private final Runnable onOverflow;
  private final Map<WatchKey, Path> keys = new HashMap<>();
  /** The directories in {@link #keys}, for a cheap "already registered?" on every full scan. */
  private final Set<Path> registered = new HashSet<>();
  private boolean warnedRegistration;

  WatchEvents(WatchService service, Consumer<Path> onPath, Runnable onOverflow) {
    this.service = service;
    this.onPath = onPath;
    this.onOverflow = onOverflow;
  }

  /** Registers each directory not yet registered. Directories that vanished are skipped. */
  synchronized void register(Iterable<Path> dirs) {
    for (Path dir : dirs) {
      if (registered.contains(dir)) {
        continue;
      }
      try {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        keys.put(key, dir);
        registered.add(dir);
      } catch (ClosedWatchServiceException e) {
        return;
      } catch (IOException e) {
        if (!warnedRegistration) {
          warnedRegistration = true;
          log.warn("Cannot watch {} for events ({}); changes there are found by the periodic scan."
              + " On Linux raise fs.inotify.max_user_watches if this says the limit is reached.",
              dir, e.toString());
        }
      }
    }
  }

  synchronized int registeredCount() {
    return keys.size();
  }

  /** Handles every event queued so far, without blocking. */
  void drain() {
    while (true) {
      WatchKey key;
      try {
        key = service.poll();
      } catch (ClosedWatchServiceException e) {
        return;
      }
      if (key == null) {
        return;
      }
      Path dir;
      synchronized (this) {
        dir = keys.get(key);
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          log.debug("Watch events overflowed in {}; running a full scan", dir);
          onOverflow.run();
        } else if (dir != null && event.context() instanceof Path) {
          onPath.accept(dir.resolve((Path) event.context()));
        }
      }
      if (!key.reset()) {
        synchronized (this) {
          registered.remove(keys.remove(key)); // the directory is gone
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
