package io.postflow.lucidlink;

import io.postflow.api.ConfigurationException;
import io.postflow.api.internal.OwnedExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings files into the LucidLink local cache before (or while) they are uploaded, so the upload
 * reads at disk speed instead of waiting on object storage. Pins through the CLI when one is
 * given; otherwise (or if pinning fails) reads the file sequentially, which pulls it into the
 * cache, with at most {@link Builder#concurrency} files read at once.
 *
 * <p>Thread-safe. {@link #warm} returns at once with a {@link WarmHandle}. {@link #close()}
 * cancels nothing by itself but shuts down the executor the warmer created (interrupting reads);
 * a caller-supplied executor is left alone.
 *
 * <pre>{@code
 * CacheWarmer warmer = CacheWarmer.builder().concurrency(2).maxAhead(2L << 30).build();
 * WarmHandle h = warmer.warm(ready.path());
 * // while uploading: h.advanceReader(bytesSent);
 * }</pre>
 */
public final class CacheWarmer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

  /** What each warm-up needs to know; shared, immutable. */
  record Settings(LucidCli cli, int bufferSize, long maxAhead) {}

  private final Settings settings;
  private final Semaphore slots;
  private final OwnedExecutor executor;
  private final Clock clock;

  private CacheWarmer(Builder b) {
    this.settings = new Settings(b.cli, b.bufferSize, b.maxAhead);
    this.slots = new Semaphore(b.concurrency);
    this.clock = b.clock;
    this.executor = OwnedExecutor.givenOrCachedPool(b.executor, "postflow-warm");
  }

  /** A builder with the defaults: read ahead (no CLI), 2 files at once, 1 MiB blocks, no distance limit. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts warming {@code file}. Never blocks: the work waits for a free slot on the executor.
   *
   * @throws RejectedExecutionException when the executor no longer accepts work
   */
  public WarmHandle warm(Path file) {
    ReadAhead task = new ReadAhead(file, settings, slots, clock);
    executor.executor().execute(task);
    log.debug("Warming {} ({})", file, settings.cli() != null ? "pin, else read" : "read");
    return task;
  }

  /** Shuts down the executor this warmer created, interrupting warm-ups in progress. Idempotent. */
  @Override
  public void close() {
    executor.close();
  }

  /** Builds a {@link CacheWarmer}. Not thread-safe. */
  public static final class Builder {
    private LucidCli cli;
    private int concurrency = 2;
    private int bufferSize = 1 << 20;
    private long maxAhead;
    private Executor executor;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Pin through this CLI instead of reading; default none (always read). */
    public Builder cli(LucidCli cli) {
      this.cli = cli;
      return this;
    }

    /** How many files are read at once; default 2, at most 64. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** Size of each read; default 1 MiB, 4 KiB to 64 MiB. */
    public Builder bufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    /**
     * How far ahead of the uploader's position (see {@link WarmHandle#advanceReader}) reading may
     * go; default 0, meaning no limit: read the whole file as fast as possible.
     */
    public Builder maxAhead(long bytes) {
      this.maxAhead = bytes;
      return this;
    }

    /** Runs warm-ups; default a daemon thread pool of the warmer's own. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The clock throughput is measured on; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** @throws ConfigurationException naming the setting that is out of range */
    public CacheWarmer build() {
      if (concurrency < 1 || concurrency > 64) {
        throw new ConfigurationException("'concurrency' must be between 1 and 64, was " + concurrency);
      }
      if (bufferSize < 4096 || bufferSize > (64 << 20)) {
        throw new ConfigurationException("'bufferSize' must be between 4096 and 67108864, was " + bufferSize);
      }
      if (maxAhead < 0) {
        throw new ConfigurationException("'maxAhead' must be 0 (no limit) or positive, was " + maxAhead);
      }
      if (maxAhead > 0 && maxAhead < bufferSize) {
        throw new ConfigurationException("'maxAhead' (" + maxAhead + ") must be at least 'bufferSize' ("
            + bufferSize + ")");
      }
      if (clock == null) {
        throw new ConfigurationException("'clock' is required");
      }
      return new CacheWarmer(this);
    }
  }
}
