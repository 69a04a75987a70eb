package io.postflow.lucidlink;

/**
 * Told when a file version has finished being written.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Exactly once per {@link FileVersion} for the life of a {@link DirectoryWatcher}, and
 *       across restarts as far as the {@link ReadyJournal} remembers: the journal is written
 *       after {@link #onReady} returns, so a crash in between re-delivers that version once.</li>
 *   <li>Calls run on the executor given to the watcher's builder (by default the scanning
 *       thread itself), never two at once for the same watcher when that executor is
 *       single-threaded.</li>
 *   <li>Calls must return quickly; hand slow work (uploads) to your own executor. With the
 *       default executor the call runs inside the scan: do not close the watcher from it.</li>
 *   <li>An exception thrown here is caught and logged; the version still counts as reported.</li>
 * </ul>
 */
@FunctionalInterface
public interface ReadyListener {
  /** {@code file} has settled and has not been reported before. */
  void onReady(ReadyFile file);
}
