package io.postflow.lucidlink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records every ready file; thread-safe, with a wait for the real-time tests. */
final class ReadyRecorder implements ReadyListener {
  private final List<ReadyFile> files = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  @Override
  public synchronized void onReady(ReadyFile file) {
    files.add(file);
    threads.add(Thread.currentThread());
    notifyAll();
  }

  synchronized List<ReadyFile> files() {
    return List.copyOf(files);
  }

  synchronized List<Path> paths() {
    return files.stream().map(ReadyFile::path).toList();
  }

  synchronized List<Thread> threads() {
    return List.copyOf(threads);
  }

  /** Waits (bounded) until at least {@code n} files were reported; returns whether they were. */
  synchronized boolean awaitCount(int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (files.size() < n) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
