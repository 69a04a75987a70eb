package io.postflow.api;

/**
 * The workflow does not allow a shot to go from its status to the one asked for:
 * {@code "UNDLM_00042: pending -> review_approved is not allowed (allowed from pending:
 * sources_verified, ...)"}. Nothing was changed. Not retryable.
 */
public class IllegalTransitionException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String shot;
  private final transient ShotStatus from;
  private final transient ShotStatus to;

  /**
   * @param shot the shot's nomenclature
   * @param from its status
   * @param to the status asked for
   * @param allowed the statuses it could go to instead, for the message
   */
  public IllegalTransitionException(String shot, ShotStatus from, ShotStatus to, String allowed) {
    super(shot + ": " + from + " -> " + to + " is not allowed by the workflow (allowed from "
        + from + ": " + allowed + ")");
    this.shot = shot;
    this.from = from;
    this.to = to;
  }

  /** The shot's nomenclature. */
  public String shot() {
    return shot;
  }

  /** The status the shot has (and keeps). */
  public ShotStatus from() {
    return from;
  }

  /** The status that was refused. */
  public ShotStatus to() {
    return to;
  }
}
