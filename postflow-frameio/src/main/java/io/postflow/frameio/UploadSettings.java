package io.postflow.frameio;

import io.postflow.api.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both uploaders share: the service seam, the executor, time, and how confirmation waits.
 * Immutable once built; {@link Builder#build()} validates and names the setting it rejects.
 */
final class UploadSettings {
  final UploadTransport transport;
  final Executor executor;
  /** The executor this library created and must shut down, or null when the caller gave one. */
  final ExecutorService ownedExecutor;
  final Clock clock;
  /** Null for real, wakeable waits. */
  final Sleeper sleeper;
  final ConfirmSignals signals;
  final Duration confirmTimeout;
  final boolean waitForTranscode;
  final Duration transcodeTimeout;
  final Duration progressInterval;

  private UploadSettings(Builder b, ExecutorService owned) {
    this.transport = b.transport;
    this.ownedExecutor = owned;
    this.executor = owned != null ? owned : b.executor;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.signals = b.signals;
    this.confirmTimeout = b.confirmTimeout;
    this.waitForTranscode = b.waitForTranscode;
    this.transcodeTimeout = b.transcodeTimeout;
    this.progressInterval = b.progressInterval;
  }

  UploadWakeup newWakeup() {
    return new UploadWakeup(sleeper);
  }

  ConfirmPoller poller() {
    return new ConfirmPoller(transport, clock, signals);
  }

  /** Shuts down the executor if this library created it; never the caller's. */
  void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** The shared settings under construction; not thread-safe. */
  static final class Builder {
    private UploadTransport transport;
    private FrameioClient client;
    private String accountId;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private ConfirmSignals signals = new ConfirmSignals();
    private Duration confirmTimeout = Duration.ofMinutes(10);
    private boolean waitForTranscode;
    private Duration transcodeTimeout = Duration.ofMinutes(30);
    private Duration progressInterval = Duration.ofMillis(250);

    void transport(UploadTransport value) {
      this.transport = Objects.requireNonNull(value, "transport");
    }

    void client(FrameioClient value) {
      this.client = Objects.requireNonNull(value, "client");
    }

    void accountId(String value) {
      this.accountId = value;
    }

    void executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
    }

    void clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
    }

    void sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
    }

    void signals(ConfirmSignals value) {
      this.signals = Objects.requireNonNull(value, "signals");
    }

    void confirmTimeout(Duration value) {
      this.confirmTimeout = value;
    }

    void waitForTranscode(boolean value) {
      this.waitForTranscode = value;
    }

    void transcodeTimeout(Duration value) {
      this.transcodeTimeout = value;
    }

    void progressInterval(Duration value) {
      this.progressInterval = value;
    }

    UploadSettings build(String threadPrefix) {
      if (transport == null) {
        if (client == null) {
          throw new ConfigurationException("'client' is required (with 'accountId')");
        }
        if (accountId == null || accountId.isBlank()) {
          throw new ConfigurationException("'accountId' is required with 'client', was "
              + (accountId == null ? "not set" : "blank"));
        }
        transport = new UploadClientTransport(client.account(accountId));
      }
      requirePositive("confirmTimeout", confirmTimeout);
      requirePositive("transcodeTimeout", transcodeTimeout);
      if (progressInterval == null || progressInterval.isNegative()) {
        throw new ConfigurationException("'progressInterval' must not be negative, was "
            + progressInterval);
      }
      return new UploadSettings(this, executor == null ? newExecutor(threadPrefix) : null);
    }

    static void requirePositive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new ConfigurationException("'" + name + "' must be positive, was " + value);
      }
    }

    private static ExecutorService newExecutor(String prefix) {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory = task -> {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
      return Executors.newCachedThreadPool(factory);
    }
  }
}
