package io.postflow.lucidlink;

import java.time.Duration;
import org.immutables.value.Value;

/** A snapshot of one cache warm-up. */
@Value.Immutable
@SuppressWarnings("exports") // the Immutables annotations are compile-only; users never need them
public abstract class WarmProgress {
  /** How the file is being brought into the cache. */
  public enum Method {
    /** Pinned through the CLI: LucidLink fetches it in the background; bytes are not counted. */
    PIN,
    /** Read sequentially by this process, which pulls each block into the cache. */
    READ
  }

  /** Whether the file was pinned or read. */
  public abstract Method method();

  /** Bytes read so far (always 0 for {@link Method#PIN}). */
  public abstract long bytesWarmed();

  /** The file's size when warming started. */
  public abstract long totalBytes();

  /** Average throughput since the start, on the warmer's clock; 0 until measurable. */
  public abstract long bytesPerSecond();

  /** Time since warming started (including any wait for a free slot). */
  public abstract Duration elapsed();

  /** Whether this is the final snapshot (finished, failed or cancelled). */
  public abstract boolean done();

  static WarmProgress of(Method method, long warmed, long total, Duration elapsed, boolean done) {
    long millis = elapsed.toMillis();
    return ImmutableWarmProgress.builder().method(method).bytesWarmed(warmed).totalBytes(total)
        .bytesPerSecond(millis > 0 ? warmed * 1000 / millis : 0).elapsed(elapsed).done(done).build();
  }
}
