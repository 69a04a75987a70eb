package io.postflow.api;

/** Where a shot is in review, as the pipeline tracks it. */
public enum ShotStatus {
  /** Nothing delivered yet. */
  PENDING,
  /** A render is being uploaded. */
  UPLOADING,
  /** A version is on Frame.io, ready for review. */
  REVIEW_UPLOADED,
  /** The last upload failed; see the pipeline's journal for why. */
  UPLOAD_FAILED,
  /** Approved by the production. */
  APPROVED
}
