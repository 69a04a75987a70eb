package io.postflow.examples.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/** Samples heap use every 5 ms and reads the pools' peaks: the larger is reported. */
final class HeapWatcher {
  private final AtomicLong peak = new AtomicLong();
  private volatile boolean running;
  private Thread thread;
  private long gcBefore;
  private long gcAfter;

  void start() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    gcBefore = gcCount();
    running = true;
    thread = new Thread(() -> {
      while (running) {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
            Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
    gcAfter = gcCount();
  }

  long peakBytes() {
    long pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return Math.max(peak.get(), pools);
  }

  long gcRuns() {
    return gcAfter - gcBefore;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }
}
