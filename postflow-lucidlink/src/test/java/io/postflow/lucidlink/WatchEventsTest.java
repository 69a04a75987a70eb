package io.postflow.lucidlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Event handling with a scripted WatchService: what the real one does only under load. */
class WatchEventsTest {
  @Test
  void drain_whenEventsOverflow_asksForAFullScan_andSurvivesAClosedService() throws Exception {
    Deque<WatchKey> queued = new ArrayDeque<>();
    queued.add(key(overflow()));
    queued.add(key(overflow()));
    AtomicInteger fullScans = new AtomicInteger();
    List<Path> paths = new ArrayList<>();
    WatchEvents events = new WatchEvents(service(queued), paths::add, fullScans::incrementAndGet);
    events.drain();
    assertThat(fullScans).hasValue(2);
    assertThat(paths).isEmpty();
    assertThat(queued).isEmpty();
    events.close();
    events.drain(); // a closed service ends the drain quietly
  }

  private static WatchEvent<Object> overflow() {
    return new WatchEvent<>() {
      @Override
      public Kind<Object> kind() {
        return StandardWatchEventKinds.OVERFLOW;
      }

      @Override
      public int count() {
        return 1;
      }

      @Override
      public Object context() {
        return null;
      }
    };
  }

  private static WatchKey key(WatchEvent<?> event) {
    return new WatchKey() {
      @Override
      public boolean isValid() {
        return true;
      }

      @Override
      public List<WatchEvent<?>> pollEvents() {
        return List.of(event);
      }

      @Override
      public boolean reset() {
        return true;
      }

      @Override
      public void cancel() {}

      @Override
      public Watchable watchable() {
        return Path.of("/");
      }
    };
  }

  private static WatchService service(Deque<WatchKey> queued) {
    return new WatchService() {
      private boolean closed;

      @Override
      public void close() {
        closed = true;
      }

      @Override
      public WatchKey poll() {
        if (closed) {
          throw new java.nio.file.ClosedWatchServiceException();
        }
        return queued.poll();
      }

      @Override
      public WatchKey poll(long timeout, TimeUnit unit) {
        return poll();
      }

      @Override
      public WatchKey take() {
        return poll();
      }
    };
  }
}
