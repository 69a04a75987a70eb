package io.postflow.tunnel;

import io.postflow.api.internal.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one tunnel process: each line goes to SLF4J (DEBUG, prefixed with the provider)
 * and the last {@link #KEEP} lines are kept for error messages and for parsers that look for a
 * URL or an error in them. Thread-safe.
 */
final class OutputLog {
  static final int KEEP = 40;
  private static final Logger LOG = LoggerFactory.getLogger("io.postflow.tunnel.process");

  private final String prefix;
  private final Deque<String> last = new ArrayDeque<>(KEEP);

  OutputLog(String prefix) {
    this.prefix = prefix;
  }

  /** Reads {@code stream} to its end on a daemon thread, which is returned. */
  Thread pump(InputStream stream, String threadName) {
    Thread t = DaemonThreads.thread(threadName, () -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          add(line);
        }
      } catch (IOException e) {
        LOG.debug("[{}] output closed: {}", prefix, e.toString());
      }
    });
    t.start();
    return t;
  }

  void add(String line) {
    String clipped = line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
    LOG.debug("[{}] {}", prefix, clipped);
    synchronized (last) {
      if (last.size() == KEEP) {
        last.removeFirst();
      }
      last.addLast(clipped);
    }
  }

  /** The kept lines, oldest first. */
  List<String> lines() {
    synchronized (last) {
      return List.copyOf(last);
    }
  }
}
