package io.postflow.testkit;

import java.util.Set;

/** The {@code include} values each kind of answer accepts, from the OpenAPI enums. */
final class Includes {
  /** Files and asset lists (children, files, version stack children). */
  static final Set<String> FILE = Set.of("media_links.original", "media_links.thumbnail",
      "media_links.thumbnail_high_quality", "media_links.video_h264_180", "media_links.high_quality",
      "media_links.efficient", "media_links.scrub_sheet", "creator", "project", "metadata");
  static final Set<String> FOLDER = Set.of("creator", "project", "metadata");
  static final Set<String> COMMENT = Set.of("owner", "replies");
  /** Projects (list and show). */
  static final Set<String> PROJECT = Set.of("owner");
  /** Workspaces and webhooks (list and show). */
  static final Set<String> CREATOR = Set.of("creator");

  private Includes() {}
}
