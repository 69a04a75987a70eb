package io.postflow.dashboard;

import io.postflow.api.Shot;

/**
 * The one place the dashboard reads a shot's status and the workflow stage it belongs to. Both
 * are data of the production's workflow ({@link io.postflow.api.ShotStatus}): a studio's own
 * statuses and stages show as they are named.
 */
final class ShotStatusAdapter {
  private ShotStatusAdapter() {}

  /** The status as the page shows and styles it, e.g. {@code review_uploaded}, {@code blocked}. */
  static String status(Shot shot) {
    return shot.status().name();
  }

  /** The workflow stage the status belongs to, e.g. {@code source}, {@code review}. */
  static String stage(Shot shot) {
    return shot.status().stage();
  }
}
