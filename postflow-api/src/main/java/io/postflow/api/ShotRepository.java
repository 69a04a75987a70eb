package io.postflow.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The production's shots and scenes, and where each shot is in the workflow.
 *
 * <p><b>Contract.</b> Thread-safe. Lookups do not block on I/O (implementations load up front or
 * cache); {@link #updateStatus} persists before it returns, so a status survives a restart.
 * Nomenclature lookups are normalised the way the implementation documents (case, dashes,
 * spaces), so {@code undlm_00042} finds {@code UNDLM_00042} when that is configured.
 *
 * <p>History and the queries by scene, stage and status have default implementations, so a
 * repository that only stores statuses (an older or a minimal one) keeps working: it simply keeps
 * no history. Repositories that check a workflow refuse illegal transitions with an
 * {@link IllegalTransitionException}.
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
   * @throws IllegalTransitionException when the repository's workflow does not allow the move
   */
  Shot updateStatus(String nomenclature, ShotStatus status);

  /**
   * Records a new status and, in the shot's history, who or what changed it. Setting the status
   * a shot already has changes nothing and adds no history. The default ignores the source and
   * calls {@link #updateStatus(String, ShotStatus)}.
   *
   * @param actor who exactly (a user name, a Frame.io user id), or null when unknown
   * @throws UnknownShotException when no shot has that nomenclature
   * @throws IllegalTransitionException when the repository's workflow does not allow the move
   */
  default Shot updateStatus(String nomenclature, ShotStatus status, StatusChange.Source source, String actor) {
    return updateStatus(nomenclature, status);
  }

  /** The shot's status changes, oldest first; empty when none was recorded (or none is kept). */
  default List<StatusChange> history(String nomenclature) {
    return List.of();
  }

  /** The shots of the scene with this number, in list order. */
  default List<Shot> shotsInScene(int sceneNumber) {
    return shots().stream().filter(s -> s.scene().number() == sceneNumber).collect(Collectors.toList());
  }

  /** The shots whose status is in this stage (blocked ones included), in list order. */
  default List<Shot> shotsInStage(String stage) {
    return shots().stream().filter(s -> s.status().stage().equals(stage)).collect(Collectors.toList());
  }

  /**
   * The shots with a status of this name, in list order; {@code blocked} finds every blocked
   * shot, whatever it was blocked in.
   */
  default List<Shot> shotsWithStatus(String statusName) {
    return shots().stream().filter(s -> s.status().name().equals(statusName)).collect(Collectors.toList());
  }
}
