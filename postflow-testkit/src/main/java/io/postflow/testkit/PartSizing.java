package io.postflow.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * How Frame.io splits a local upload into parts. Not documented; consistent with the one official
 * example (50,645,990 bytes -> 16,881,997 / 16,881,997 / 16,881,996): {@code ceil(size / max)} parts,
 * split evenly, the remainder spread one byte each over the first parts. Capped at S3's 10,000 parts
 * per multipart upload (which the presigned URLs are parts of): past 250 GB the parts grow instead
 * (5 TB -> 10,000 parts of 500 MB). That cap is the sandbox's reading of S3, not a Frame.io fact.
 */
final class PartSizing {
  static final long DEFAULT_MAX_PART_BYTES = 25_000_000L;
  static final long MAX_PARTS = 10_000;

  private PartSizing() {}

  static List<Long> split(long fileSize, long maxPartBytes) {
    if (fileSize < 1) {
      throw new IllegalArgumentException("file size must be at least 1, was " + fileSize);
    }
    long count = Math.min(MAX_PARTS, (fileSize + maxPartBytes - 1) / maxPartBytes);
    long base = fileSize / count;
    long remainder = fileSize % count;
    List<Long> sizes = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      sizes.add(base + (i < remainder ? 1 : 0));
    }
    return sizes;
  }
}
