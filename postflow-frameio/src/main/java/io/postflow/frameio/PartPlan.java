package io.postflow.frameio;

import io.postflow.frameio.internal.Redaction;
import java.util.ArrayList;
import java.util.List;

/**
 * One part of a local upload: where its bytes start in the file, how many there are and the
 * presigned URL they go to. The URL is a secret; {@link #toString()} hides its query.
 */
record PartPlan(int index, long offset, long size, String url) {

  /**
   * Lays the parts the service gave end to end, in the order given, and checks that they cover
   * exactly {@code fileSize} bytes (the service chooses the sizes; we never re-split).
   *
   * @throws IllegalStateException naming the mismatch when the sizes do not add up
   */
  static List<PartPlan> layOut(List<UploadTransport.PartUrl> urls, long fileSize) {
    if (urls.isEmpty()) {
      throw new IllegalStateException("local_upload returned no upload_urls");
    }
    List<PartPlan> plans = new ArrayList<>(urls.size());
    long offset = 0;
    for (int i = 0; i < urls.size(); i++) {
      UploadTransport.PartUrl url = urls.get(i);
      plans.add(new PartPlan(i, offset, url.size(), url.url()));
      offset += url.size();
    }
    if (offset != fileSize) {
      throw new IllegalStateException("upload_urls sizes add up to " + offset
          + " bytes but the file has " + fileSize);
    }
    return List.copyOf(plans);
  }

  long end() {
    return offset + size;
  }

  @Override
  public String toString() {
    return "part " + (index + 1) + " [" + offset + ", +" + size + ") " + Redaction.withoutQuery(url);
  }
}
