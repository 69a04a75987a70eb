package io.postflow.lucidlink;

import java.nio.file.Path;

/**
 * Optional evidence, from LucidLink itself, of whether a file is still on its way to object
 * storage. Absent or failing evidence is {@link State#UNKNOWN}, and unknown never blocks a file:
 * the size-and-mtime rule of the {@link SettleGate} alone decides then.
 *
 * <p>Implementations must be thread-safe, answer within a second or so, and never throw.
 */
@FunctionalInterface
public interface SyncEvidence {
  /** What LucidLink says about a file. */
  enum State {
    /** Another client is still uploading it: not ready, whatever its size says. */
    SYNCING,
    /** LucidLink says its data is complete. */
    SYNCED,
    /** No evidence: no daemon, an error, or an answer we do not understand. */
    UNKNOWN
  }

  /** Evidence that never knows anything: readiness is decided by size and mtime alone. */
  SyncEvidence NONE = file -> State.UNKNOWN;

  /** The state of {@code file} (an absolute path under the filespace's mount point). */
  State state(Path file);
}
