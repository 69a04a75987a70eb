package io.postflow.lucidlink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** A located LucidLink filespace: where it is mounted and, when known, which client serves it. */
@Value.Immutable
@SuppressWarnings("exports") // the Immutables annotations are compile-only; users never need them
public abstract class Filespace {
  /** How the mount point was found. */
  public enum Source {
    /** The root configured by the user. */
    CONFIGURED,
    /** {@code lucid list} and {@code lucid status}. */
    CLI,
    /** The operating system's mount table. */
    MOUNT_TABLE
  }

  /** The directory the filespace is mounted on. */
  public abstract Path mountPoint();

  /** How {@link #mountPoint()} was found. */
  public abstract Source source();

  /** The client instance serving it, when the CLI could tell. */
  public abstract Optional<LucidInstance> instance();

  /**
   * The clock {@link #syncEvidence()} times its back-off on (the locator's); not part of the value.
   */
  @Value.Default
  @Value.Auxiliary
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Evidence from the instance's local daemon API of files still uploading, or
   * {@link SyncEvidence#NONE} when no instance port is known. Asks {@code 127.0.0.1} with a 1 s
   * timeout, and leaves an unreachable daemon alone for 30 s (on the locator's clock). Computed
   * once per value.
   */
  @Value.Lazy
  public SyncEvidence syncEvidence() {
    return instance().filter(i -> i.port() > 0)
        .<SyncEvidence>map(i -> new LucidDaemonEvidence("127.0.0.1", i.port(), i.filespace(),
            mountPoint(), Duration.ofSeconds(1), Duration.ofSeconds(30), clock()))
        .orElse(SyncEvidence.NONE);
  }

  static Filespace of(Path mountPoint, Source source, Optional<LucidInstance> instance, Clock clock) {
    return ImmutableFilespace.builder().mountPoint(mountPoint.toAbsolutePath().normalize())
        .source(source).instance(instance).clock(clock).build();
  }
}
