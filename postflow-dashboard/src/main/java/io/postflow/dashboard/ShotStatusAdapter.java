package io.postflow.dashboard;

import io.postflow.api.Shot;
import java.util.Locale;

/**
 * The one place the dashboard reads a shot's status and the workflow stage it belongs to. Shot
 * statuses are becoming data (a production defines its own, each in a stage); when they do, only
 * this class changes.
 */
final class ShotStatusAdapter {
  private ShotStatusAdapter() {}

  /** The status as the page shows and styles it, e.g. {@code review_uploaded}. */
  static String status(Shot shot) {
    return shot.status().name().toLowerCase(Locale.ROOT);
  }

  /** The stage of the workflow the status belongs to: waiting, delivery, review or done. */
  static String stage(Shot shot) {
    switch (shot.status()) {
      case PENDING:
        return "waiting";
      case UPLOADING:
      case UPLOAD_FAILED:
        return "delivery";
      case REVIEW_UPLOADED:
        return "review";
      case APPROVED:
        return "done";
      default:
        return "other";
    }
  }
}
