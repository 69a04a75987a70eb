package io.postflow.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file and the state of its upload: the part sizes it was promised, the parts received so far
 * (temp files, last PUT wins), and the status the service shows. Guarded by the store lock.
 */
final class FileAsset extends Asset {
  /** Frame.io's file statuses; there is no failed value (failure shows on the status endpoint). */
  enum Status {
    CREATED,
    UPLOADED,
    TRANSCODED;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A received part: where its bytes are, how many, and the MD5 the ETag carried. */
  record Part(Path file, long bytes, String md5) {}

  long fileSize;
  final String mediaType;
  final List<Long> partSizes;
  final Map<Integer, Part> parts = new TreeMap<>();
  Status status = Status.CREATED;
  Instant uploadStartedAt;
  Instant uploadCompletedAt;
  Instant transcodeDueAt;
  boolean uploadFailed;
  /** Every part is in and the upload is being completed: no part may change any more. */
  boolean partsSealed;
  String sha256;
  long bytesReceived;

  FileAsset(
      String id,
      String projectId,
      String parentId,
      String name,
      long seq,
      Instant now,
      long fileSize,
      String mediaType,
      List<Long> partSizes) {
    super(id, projectId, parentId, name, seq, now);
    this.fileSize = fileSize;
    this.mediaType = mediaType;
    this.partSizes = List.copyOf(partSizes);
  }

  /** Whether a part PUT may still land: a local upload not yet complete. */
  boolean acceptsParts() {
    return status == Status.CREATED && !partsSealed && !partSizes.isEmpty();
  }

  boolean allPartsReceived() {
    if (partSizes.isEmpty() || parts.size() != partSizes.size()) {
      return false;
    }
    for (int i = 0; i < partSizes.size(); i++) {
      Part part = parts.get(i);
      if (part == null || part.bytes() != partSizes.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  String type() {
    return "file";
  }
}
