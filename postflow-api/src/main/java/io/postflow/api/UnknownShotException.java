package io.postflow.api;

/**
 * A {@link ShotRepository} was asked about a shot it does not hold: {@code "no shot UNDLM_00042 in
 * shots.csv"}. Not retryable: the shot list has to change first.
 */
public class UnknownShotException extends PostFlowException {
  private static final long serialVersionUID = 1L;

  private final String nomenclature;

  /**
   * @param nomenclature the nomenclature asked for, as given
   * @param source where the shots come from, e.g. {@code shots.csv}; may be null
   */
  public UnknownShotException(String nomenclature, String source) {
    super("no shot " + nomenclature + (source == null ? "" : " in " + source));
    this.nomenclature = nomenclature;
  }

  /** The nomenclature asked for, as given (e.g. {@code UNDLM_00042}). */
  public String nomenclature() {
    return nomenclature;
  }
}
