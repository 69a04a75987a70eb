package io.postflow.api;

/** How the bytes reached Frame.io. */
public enum UploadMethod {
  /** PostFlow sent them: {@code local_upload} and presigned part PUTs. */
  LOCAL,
  /** Frame.io pulled them from an exposed URL: {@code remote_upload}. */
  REMOTE
}
