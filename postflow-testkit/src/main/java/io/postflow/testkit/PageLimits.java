package io.postflow.testkit;

/**
 * Page sizes: the default, the maximum for ordinary lists and the maximum for folder listings
 * (children, files, folders, version stacks). Frame.io: 50, 100, 500.
 */
record PageLimits(int defaultSize, int max, int maxAssets) {
  static final PageLimits FRAMEIO = new PageLimits(50, 100, 500);
}
