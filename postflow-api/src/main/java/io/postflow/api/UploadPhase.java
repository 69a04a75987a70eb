package io.postflow.api;

/** Where an upload is, in order. The last three are terminal. */
public enum UploadPhase {
  /** Creating the remote file (or exposing the local one). */
  PREPARING,
  /** Bytes are moving. */
  TRANSFERRING,
  /** All bytes sent; waiting for the service to confirm it has them. */
  CONFIRMING,
  /** The service has the bytes; waiting for transcodes (only when asked to wait for them). */
  TRANSCODING,
  /** Finished successfully. */
  COMPLETED,
  /** Finished with an error. */
  FAILED,
  /** Cancelled by the caller. */
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
