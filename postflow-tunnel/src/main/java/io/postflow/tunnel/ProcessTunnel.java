package io.postflow.tunnel;

import io.postflow.api.Sleeper;
import io.postflow.api.Tunnel;
import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import io.postflow.api.internal.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one supervisor behind every process tunnel, in the manner of a test container: spawn, wait
 * until the agent reports ready and the public URL itself answers, log output with a prefix and
 * keep the last lines for errors, watch the process (exit and readiness), restart it with capped
 * exponential back-off a bounded number of times (a longer wait after a provider rate limit,
 * never a tight respawn loop), stop politely then forcibly, and kill leftovers at JVM exit.
 */
final class ProcessTunnel implements Tunnel {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTunnel.class);
  private static final long POLL_MILLIS = 100;
  private static final int UNHEALTHY_CHECKS_BEFORE_RESTART = 3;
  /**
   * How long to wait for the output reader after the process is gone: its last lines (cloudflared's
   * 1015 rate-limit answer comes right before it exits) decide how long to wait before respawning.
   * Bounded, as a leftover child may hold the pipe open.
   */
  private static final long DRAIN_MILLIS = 1000;

  private final TunnelDriver driver;
  private final Path configuredBinary;
  private final RestartPolicy policy;
  private final Sleeper sleeper;
  private final UrlProbe probe;
  private final Clock clock;
  private final Object openLock = new Object();
  private final AtomicReference<TunnelEndpoint> endpoint = new AtomicReference<>();
  private final EndpointWaiter waiter = new EndpointWaiter();
  private volatile Process process;
  private volatile OutputLog output = new OutputLog("none");
  /** The thread reading the running process's output, joined before its last lines are judged. */
  private volatile Thread pump;
  private volatile boolean closed;
  private volatile boolean failed;
  /** While the first {@link #open} runs: awaitEndpoint then waits rather than failing as "not open". */
  private volatile boolean opening;
  private volatile int restarts;
  private volatile Thread monitor;
  /**
   * The running process's descendants as last seen: once it dies they are re-parented and no
   * longer its descendants, so this is the only way to find what a wrapper script left behind.
   */
  private volatile List<ProcessHandle> lastDescendants = List.of();
  private Path binary;
  private int localPort;

  ProcessTunnel(TunnelDriver driver, Path configuredBinary, RestartPolicy policy, Sleeper sleeper, UrlProbe probe,
      Clock clock) {
    this.driver = driver;
    this.configuredBinary = configuredBinary;
    this.policy = policy;
    this.sleeper = sleeper;
    this.probe = probe;
    this.clock = clock;
  }

  @Override
  public TunnelEndpoint open(int localPort, Duration timeout) {
    if (localPort < 1 || localPort > 65535) {
      throw new IllegalArgumentException("'localPort' must be between 1 and 65535, was " + localPort);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("'timeout' must be positive, was " + timeout);
    }
    synchronized (openLock) {
      if (closed) {
        throw new IllegalStateException(driver.provider() + " tunnel is closed");
      }
      if (monitor != null) {
        throw new IllegalStateException(driver.provider() + " tunnel is already open");
      }
      binary = BinaryLocator.locate(driver.binaryName(), configuredBinary, driver.installHint());
      this.localPort = localPort;
      TunnelEndpoint opened;
      opening = true;
      try {
        opened = startOnce(System.nanoTime() + timeout.toNanos());
      } catch (StartFailure f) {
        throw f.rateLimited
            ? new TunnelException(driver.provider() + " refused to create a tunnel: rate limited; not retrying now, try"
                + " again in " + policy.rateLimitBackoff().toSeconds() + " s or use another provider", f.lines, true, null)
            : new TunnelException(driver.provider() + " exited with code " + f.exitCode + " before it was ready",
                f.lines, true, null);
      } finally {
        opening = false;
        waiter.signal();
      }
      monitor = DaemonThreads.thread("postflow-tunnel-" + driver.provider() + "-monitor", this::supervise);
      monitor.start();
      return opened;
    }
  }

  @Override
  public Optional<TunnelEndpoint> endpoint() {
    return Optional.ofNullable(endpoint.get());
  }

  /**
   * Waits while the process restarts; fails at once, not retryable, when the tunnel is closed, not
   * open, or gave up restarting.
   */
  @Override
  public TunnelEndpoint awaitEndpoint(Duration timeout) {
    return waiter.await(timeout, new EndpointWaiter.View() {
      @Override
      public TunnelEndpoint endpoint() {
        return endpoint.get();
      }

      @Override
      public TunnelException hopeless() {
        if (closed) {
          return new TunnelException(driver.provider() + " tunnel is closed", List.of(), false, null);
        }
        if (failed) {
          return new TunnelException(driver.provider() + " tunnel gave up after " + restarts
              + " restarts", output.lines(), false, null);
        }
        return monitor == null && !opening
            ? new TunnelException(driver.provider() + " tunnel is not open", List.of(), false, null)
            : null;
      }

      @Override
      public TunnelException timedOut(Duration timeout) {
        return new TunnelException(driver.provider() + " tunnel is restarting (restart " + restarts + " of "
            + policy.maxRestarts() + ") and was not back within " + timeout, output.lines(), true, null);
      }
    });
  }

  @Override
  public boolean isHealthy() {
    Process p = process;
    TunnelEndpoint e = endpoint.get();
    return !closed && !failed && p != null && p.isAlive() && e != null && driver.reportsReady()
        && probe.answers(e.publicUrl());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    endpoint.set(null);
    waiter.signal();
    Thread m = monitor;
    if (m != null) {
      m.interrupt();
      try {
        m.join(policy.stopGrace().toMillis() + 5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Process p = process;
    if (p != null) {
      stop(p);
    }
    stopLeftovers();
    driver.cleanUp();
    LOG.debug("{} tunnel closed", driver.provider());
  }

  /** The running process, for tests that kill it on cue. */
  Optional<ProcessHandle> currentProcess() {
    Process p = process;
    return p == null || !p.isAlive() ? Optional.empty() : Optional.of(p.toHandle());
  }

  int restarts() {
    return restarts;
  }

  /** Whether it gave up restarting. */
  boolean hasFailed() {
    return failed;
  }

  /** Spawns one process and waits until it is usable; stops it again on any failure. */
  private TunnelEndpoint startOnce(long deadline) throws StartFailure {
    List<String> command = driver.command(binary, localPort);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(driver.environment());
    OutputLog log = new OutputLog(driver.provider());
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      throw new TunnelException("cannot start " + binary + ": " + e.getMessage(), List.of(), false, e);
    }
    OrphanGuard.register(p.toHandle());
    Thread reader = log.pump(p.getInputStream(), "postflow-tunnel-" + driver.provider() + "-" + p.pid() + "-output");
    process = p;
    output = log;
    pump = reader;
    LOG.debug("started {} (pid {}): {}", driver.provider(), p.pid(), command.get(0));
    try {
      while (true) {
        if (closed) {
          throw new TunnelException(driver.provider() + " tunnel was closed while starting", log.lines(), false, null);
        }
        if (!p.isAlive()) {
          joinQuietly(reader);
          List<String> lines = log.lines();
          throw new StartFailure(p.exitValue(), lines, driver.rateLimited(lines));
        }
        Optional<URI> url;
        try {
          url = driver.poll(log);
        } catch (IllegalArgumentException e) {
          // An agent's answer is input: a malformed URL fails this start, it must not escape as
          // an unchecked error (on a restart that would end the monitor thread silently).
          throw new TunnelException(driver.provider() + " reported a public URL that is not valid: " + e.getMessage(),
              log.lines(), true, e);
        }
        if (url.isPresent() && probe.answers(url.get())) {
          TunnelEndpoint opened = TunnelEndpoint.builder().publicUrl(url.get()).localPort(localPort)
              .provider(driver.provider()).openedAt(clock.instant()).build();
          endpoint.set(opened);
          waiter.signal();
          lastDescendants = p.descendants().collect(Collectors.toList());
          LOG.info("{} tunnel ready at {} for local port {}", driver.provider(), url.get(), localPort);
          return opened;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new TunnelException(driver.provider() + " was not ready in time"
              + (url.isPresent() ? " (its public URL " + url.get() + " did not answer)" : ""), log.lines(), true, null);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
      throw new TunnelException(driver.provider() + " start was interrupted", log.lines(), false, e);
    } catch (StartFailure | RuntimeException e) {
      stop(p);
      throw e;
    }
  }

  /** The monitor thread: waits for death or lasting unreadiness, then restarts within the policy. */
  private void supervise() {
    int unhealthy = 0;
    while (!closed) {
      Process p = process;
      try {
        if (!p.waitFor(policy.healthCheckInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          lastDescendants = p.descendants().collect(Collectors.toList());
          unhealthy = driver.reportsReady() ? 0 : unhealthy + 1;
          if (unhealthy < UNHEALTHY_CHECKS_BEFORE_RESTART) {
            continue;
          }
          LOG.warn("{} has not reported ready for {} checks; restarting it", driver.provider(), unhealthy);
          stop(p);
        }
      } catch (InterruptedException e) {
        return; // close() interrupts us; it stops the process itself
      }
      unhealthy = 0;
      if (closed) {
        return;
      }
      endpoint.set(null); // awaitEndpoint waits from now on
      OrphanGuard.unregister(p.toHandle());
      stopLeftovers();
      joinQuietly(pump);
      if (closed) {
        return;
      }
      List<String> lines = output.lines();
      LOG.warn("{} tunnel process exited with code {}; restarting. Last output:\n  {}", driver.provider(),
          p.exitValue(), String.join("\n  ", lines));
      if (!restart(driver.rateLimited(lines))) {
        return;
      }
    }
  }

  /** Restarts until one start succeeds, the bound is reached, or the tunnel is closed. */
  private boolean restart(boolean rateLimited) {
    boolean limited = rateLimited;
    while (!closed) {
      if (restarts >= policy.maxRestarts()) {
        failed = true;
        waiter.signal();
        LOG.error("{} tunnel gave up after {} restarts; last output:\n  {}", driver.provider(), restarts,
            output.lines().stream().collect(Collectors.joining("\n  ")));
        return false;
      }
      restarts++;
      Duration wait = limited ? policy.rateLimitBackoff() : policy.backoff(restarts);
      LOG.debug("{} restart {} of {} in {}{}", driver.provider(), restarts, policy.maxRestarts(), wait,
          limited ? " (provider rate limit)" : "");
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        return false;
      }
      if (closed) {
        return false;
      }
      try {
        startOnce(System.nanoTime() + policy.restartTimeout().toNanos());
        return true;
      } catch (StartFailure f) {
        limited = f.rateLimited;
        LOG.warn("{} restart {} failed: exit code {}{}", driver.provider(), restarts, f.exitCode,
            limited ? " (provider rate limit)" : "");
      } catch (RuntimeException e) {
        // TunnelException and anything unexpected alike: a failed attempt counts against the
        // bound; escaping would end the monitor with the tunnel neither running nor failed.
        if (Thread.currentThread().isInterrupted()) {
          return false;
        }
        limited = false;
        LOG.warn("{} restart {} failed: {}", driver.provider(), restarts, e.toString());
      }
    }
    return false;
  }

  /** Kills what the dead process left running (an agent started by a wrapper script, say). */
  private void stopLeftovers() {
    List<ProcessHandle> last = lastDescendants;
    lastDescendants = List.of();
    ProcessStop.stopLeftovers(last, driver.provider());
  }

  private void stop(Process p) {
    ProcessStop.stop(p, policy.stopGrace(), driver.provider());
  }

  /** Waits up to {@link #DRAIN_MILLIS} for an output reader to reach the end of the pipe. */
  private static void joinQuietly(Thread t) {
    try {
      t.join(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    TunnelEndpoint e = endpoint.get();
    return driver.provider() + " tunnel{" + (e == null ? "not open" : e.publicUrl() + " -> " + e.localPort())
        + ", restarts=" + restarts + (failed ? ", failed" : "") + (closed ? ", closed" : "") + "}";
  }

  /** The process died before it was ready. */
  private static final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;
    final transient List<String> lines;
    final boolean rateLimited;

    StartFailure(int exitCode, List<String> lines, boolean rateLimited) {
      super("exit " + exitCode, null, false, false);
      this.exitCode = exitCode;
      this.lines = lines;
      this.rateLimited = rateLimited;
    }
  }
}
