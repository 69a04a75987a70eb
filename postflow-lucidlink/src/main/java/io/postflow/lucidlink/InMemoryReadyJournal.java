package io.postflow.lucidlink;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest reported version per path, in a concurrent map. */
final class InMemoryReadyJournal implements ReadyJournal {
  private final Map<Path, FileVersion> latest = new ConcurrentHashMap<>();

  @Override
  public boolean alreadyReported(FileVersion version) {
    return version.equals(latest.get(version.path()));
  }

  @Override
  public void markReported(FileVersion version) {
    latest.put(version.path(), version);
  }

  int size() {
    return latest.size();
  }
}
