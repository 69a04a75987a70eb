package io.postflow.pipeline.engine;

/** The pipeline is stopping and its grace period ran out: the run gives its delivery back. */
final class StopRequestedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StopRequestedException() {
    super("the pipeline is stopping", null, false, false);
  }
}
