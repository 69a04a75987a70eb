package io.postflow.production.shotlist;

import io.postflow.api.Scene;
import io.postflow.api.Shot;
import java.util.List;
import java.util.Optional;

/**
 * What every reloadable shot repository shares: lookups over the list as last read (through a
 * {@link ShotIndex}, so every repository normalises nomenclatures alike) and its reload
 * listeners. Subclasses hold the list and swap it atomically: {@link CsvShotRepository} here,
 * the Google Sheets repository of {@code postflow-sheets}.
 */
public abstract class IndexedShotRepository implements ReloadableShotRepository {
  private final ReloadListeners reloadListeners = new ReloadListeners();

  /** For subclasses. */
  protected IndexedShotRepository() {}

  /** The list as last read, with current statuses: statistics, normalisations, warnings, exports. */
  public abstract ShotList shotList();

  /** Lookups over {@link #shotList()}'s shots, as last read. */
  protected abstract ShotIndex index();

  @Override
  public List<Shot> shots() {
    return index().shots();
  }

  @Override
  public List<Scene> scenes() {
    return shotList().scenes();
  }

  @Override
  public Optional<Shot> findByNomenclature(String nomenclature) {
    return index().byNomenclature(nomenclature);
  }

  @Override
  public Optional<Shot> findByNumber(String number) {
    return index().byNumber(number);
  }

  @Override
  public void addReloadListener(Runnable listener) {
    reloadListeners.add(listener);
  }

  @Override
  public void removeReloadListener(Runnable listener) {
    reloadListeners.remove(listener);
  }

  /** Tells the listeners the list changed; call after the new list is in place, outside locks. */
  protected final void tellReloadListeners() {
    reloadListeners.tell();
  }
}
