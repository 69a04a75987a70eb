package io.postflow.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * How Frame.io splits a local upload into parts. Not documented; consistent with the one official
 * example (50,645,990 bytes -> 16,881,997 / 16,881,997 / 16,881,996): {@code ceil(size / max)} parts,
 * split evenly, the remainder spread one byte each over the first parts.
 */
final class PartSizing {
  static final long DEFAULT_MAX_PART_BYTES = 25_000_000L;

  private PartSizing() {}

  static List<Long> split(long fileSize, long maxPartBytes) {
    if (fileSize < 1) {
      throw new IllegalArgumentException("file size must be at least 1, was " + fileSize);
    }
    long count = (fileSize + maxPartBytes - 1) / maxPartBytes;
    long base = fileSize / count;
    long remainder = fileSize % count;
    List<Long> sizes = new ArrayList<>((int) Math.min(count, 1_000_000));
    for (long i = 0; i < count; i++) {
      sizes.add(base + (i < remainder ? 1 : 0));
    }
    return sizes;
  }
}
