package io.postflow.pipeline.engine;

import io.postflow.api.DeliveryJournal;
import io.postflow.api.FileIdentity;
import io.postflow.lucidlink.FileVersion;
import io.postflow.lucidlink.ReadyFile;
import io.postflow.lucidlink.ReadyJournal;
import io.postflow.lucidlink.ReadyListener;
import java.nio.file.Path;

/**
 * Joins a {@link io.postflow.lucidlink.DirectoryWatcher} to the delivery journal, so that there is
 * one record of what has been seen, not two: the watcher asks the journal whether a version was
 * already recorded, and its listener records a ready version in the journal before returning. A
 * crash after the watcher saw a file but before it was recorded makes the next scan offer it again;
 * a crash after recording loses nothing, since the journal is the work queue.
 */
public final class JournalReadyView implements ReadyJournal, ReadyListener {
  private final String label;
  private final Path root;
  private final DeliveryJournal journal;
  private final Orchestrator orchestrator;

  public JournalReadyView(String label, Path root, DeliveryJournal journal, Orchestrator orchestrator) {
    this.label = label;
    this.root = root;
    this.journal = journal;
    this.orchestrator = orchestrator;
  }

  @Override
  public boolean alreadyReported(FileVersion version) {
    return journal.isRecorded(identity(version));
  }

  /** Nothing to do: {@link #onReady} recorded the version durably before the watcher calls this. */
  @Override
  public void markReported(FileVersion version) {}

  @Override
  public void onReady(ReadyFile file) {
    orchestrator.recordReady(identity(file.version()), file.path());
  }

  private FileIdentity identity(FileVersion version) {
    return FileIdentity.of(label, root.relativize(version.path()), version.size(), version.lastModified());
  }
}
