package io.postflow.frameio;

import org.immutables.value.Value;

/**
 * One entry of a local upload's {@code upload_urls}: PUT exactly {@link #size()} bytes to
 * {@link #url()}, as given, never re-encoded. The URL is a secret ({@code toString()} masks it).
 */
@Value.Immutable
public abstract class PresignedPart {
  /** The exact number of bytes to PUT to this URL. */
  public abstract long size();

  /** The presigned S3 URL, exactly as the service returned it. */
  @Value.Redacted
  public abstract String url();
}
