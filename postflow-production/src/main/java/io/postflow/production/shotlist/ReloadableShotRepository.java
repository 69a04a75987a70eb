package io.postflow.production.shotlist;

import io.postflow.api.ShotRepository;

/**
 * A {@link ShotRepository} whose list the production edits while the pipeline runs (a CSV saved
 * again from the spreadsheet), reloaded when its source changed. Lookups never do I/O: whoever
 * runs the repository (the pipeline's idle workers) calls {@link #reloadIfDue()}, which checks the
 * source at most once per check interval on the repository's clock, and listeners hear of every
 * reload that changed the list.
 *
 * <p>A reload keeps every shot's status. A source that became invalid (a half-saved or broken
 * edit) keeps the last good list and is warned about once per bad content, naming the line.
 */
public interface ReloadableShotRepository extends ShotRepository {

  /**
   * Checks the source when the check interval has passed since the last check, and reloads it
   * when it changed.
   *
   * @return whether the list changed
   */
  boolean reloadIfDue();

  /**
   * Checks the source now and reloads it when it changed.
   *
   * @return whether the list changed
   */
  boolean reloadIfChanged();

  /**
   * Calls {@code listener} after every reload that changed the list, on the thread that reloaded;
   * it must not block. Exceptions it throws are logged and do not stop other listeners.
   */
  void addReloadListener(Runnable listener);

  /** Stops calling {@code listener}; nothing happens when it was not added. */
  void removeReloadListener(Runnable listener);
}
