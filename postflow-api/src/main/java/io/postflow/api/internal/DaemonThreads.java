package io.postflow.api.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API: may change in any release. Daemon threads for the work PostFlow does in the
 * background, so that a library thread never keeps an application's JVM alive, every thread has
 * a name that says whose it is, and an exception nobody caught is logged through SLF4J (the JDK's
 * default prints it to {@code System.err}, where a service's logs never see it).
 */
public final class DaemonThreads {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);
  private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT = (thread, error) ->
      LOG.error("uncaught exception in thread {}", thread.getName(), error);

  private DaemonThreads() {}

  /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... Thread-safe. */
  public static ThreadFactory factory(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    AtomicInteger count = new AtomicInteger();
    return task -> thread(prefix + "-" + count.incrementAndGet(), task);
  }

  /** One daemon thread named {@code name}, not started. */
  public static Thread thread(String name, Runnable task) {
    Thread thread = new Thread(Objects.requireNonNull(task, "task"), Objects.requireNonNull(name, "name"));
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
    return thread;
  }
}
