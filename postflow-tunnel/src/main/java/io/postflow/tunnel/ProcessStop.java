package io.postflow.tunnel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping a tunnel process: politely, then forcibly, its children included, so that nothing is
 * left running (see {@link OrphanGuard} for what survives a JVM that dies). Stateless.
 */
final class ProcessStop {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTunnel.class);

  private ProcessStop() {}

  /**
   * SIGTERM to the process and its children, then SIGKILL after {@code grace}. Keeps the caller's
   * interrupt flag: an interrupt cuts the waits short, never the kill.
   */
  static void stop(Process p, Duration grace, String provider) {
    List<ProcessHandle> children = p.descendants().collect(Collectors.toList());
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    boolean interrupted = false;
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("{} (pid {}) did not stop politely; killing it", provider, p.pid());
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    children.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    OrphanGuard.unregister(p.toHandle());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills what a dead process left running (an agent started by a wrapper script, say). */
  static void stopLeftovers(List<ProcessHandle> lastDescendants, String provider) {
    List<ProcessHandle> leftovers = lastDescendants.stream().filter(ProcessHandle::isAlive)
        .collect(Collectors.toList());
    if (!leftovers.isEmpty()) {
      LOG.warn("{} process exited but left {} child process(es) running; killing them", provider,
          leftovers.size());
      leftovers.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
