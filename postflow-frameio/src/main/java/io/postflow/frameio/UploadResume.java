package io.postflow.frameio;

import io.postflow.api.UploadCheckpoint;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a local upload's target into an {@link UploadCheckpoint} and back, and judges whether a
 * checkpoint can still be resumed: its sizes must add up to the file, and its part URLs must stay
 * valid a while longer. Presigned S3 URLs say when they were signed ({@code X-Amz-Date}) and for
 * how long ({@code X-Amz-Expires}); a URL that says neither is tried, and a refusal then starts the
 * upload over like any refused part URL.
 */
final class UploadResume {
  /** Resuming with URLs that expire sooner than this would likely fail half-way. */
  static final Duration MIN_VALIDITY_LEFT = Duration.ofMinutes(2);
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private UploadResume() {}

  static UploadCheckpoint checkpoint(UploadTransport.LocalTarget target) {
    UploadCheckpoint.Builder b = UploadCheckpoint.builder().fileId(target.fileId()).mediaType(target.mediaType());
    for (UploadTransport.PartUrl part : target.parts()) {
      b.addPartSizes(part.size()).addPartUrls(part.url());
    }
    return b.build();
  }

  static UploadTransport.LocalTarget target(UploadCheckpoint checkpoint) {
    List<UploadTransport.PartUrl> parts = new ArrayList<>();
    for (int i = 0; i < checkpoint.partSizes().size(); i++) {
      parts.add(new UploadTransport.PartUrl(checkpoint.partSizes().get(i), checkpoint.partUrls().get(i)));
    }
    return new UploadTransport.LocalTarget(checkpoint.fileId(), checkpoint.mediaType(), parts);
  }

  /** Why {@code checkpoint} cannot be resumed for a file of {@code fileSize} bytes at {@code now}, if it cannot. */
  static Optional<String> obstacle(UploadCheckpoint checkpoint, long fileSize, Instant now) {
    if (checkpoint.totalBytes() != fileSize) {
      return Optional.of("its parts add up to " + checkpoint.totalBytes() + " bytes, the file has " + fileSize);
    }
    for (int i = 0; i < checkpoint.partUrls().size(); i++) {
      if (checkpoint.partsDone().contains(i)) {
        continue;
      }
      Optional<Instant> expiry = expiry(checkpoint.partUrls().get(i));
      if (expiry.isPresent() && expiry.get().isBefore(now.plus(MIN_VALIDITY_LEFT))) {
        return Optional.of("its part URLs expire(d) at " + expiry.get());
      }
    }
    return Optional.empty();
  }

  /** When a presigned URL stops working, from its {@code X-Amz-Date} and {@code X-Amz-Expires}. */
  static Optional<Instant> expiry(String url) {
    String query;
    try {
      query = URI.create(url).getRawQuery();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (query == null) {
      return Optional.empty();
    }
    String date = null;
    String expires = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (key.equalsIgnoreCase("X-Amz-Date")) {
        date = value;
      } else if (key.equalsIgnoreCase("X-Amz-Expires")) {
        expires = value;
      }
    }
    if (date == null || expires == null) {
      return Optional.empty();
    }
    try {
      Instant signed = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
      return Optional.of(signed.plusSeconds(Long.parseLong(expires)));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
