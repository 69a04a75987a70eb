package io.postflow.api;

import java.util.List;
import java.util.Optional;

/**
 * The production's shots and scenes, and the review status of each shot.
 *
 * <p><b>Contract.</b> Thread-safe. Lookups do not block on I/O (implementations load up front or
 * cache); {@link #updateStatus} persists before it returns, so a status survives a restart.
 * Nomenclature lookups are normalised the way the implementation documents (case, dashes,
 * spaces), so {@code undlm_00042} finds {@code UNDLM_00042} when that is configured.
 */
public interface ShotRepository {

  /** All shots in list order. */
  List<Shot> shots();

  /** All scenes in order of first appearance. */
  List<Scene> scenes();

  /** The shot with this nomenclature (e.g. {@code UNDLM_00042}). */
  Optional<Shot> findByNomenclature(String nomenclature);

  /** The shot with this number as written in the list (e.g. {@code 042}). */
  Optional<Shot> findByNumber(String number);

  /**
   * Records a new status for the shot and persists it.
   *
   * @return the updated shot
   * @throws UnknownShotException when no shot has that nomenclature
   */
  Shot updateStatus(String nomenclature, ShotStatus status);
}
