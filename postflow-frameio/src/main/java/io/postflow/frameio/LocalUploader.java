package io.postflow.frameio;

import io.postflow.api.ConfigurationException;
import io.postflow.api.UploadRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The default {@link io.postflow.api.Uploader}: {@code local_upload}, then the file's parts PUT in parallel to
 * their presigned URLs, then confirmation through the status endpoint.
 *
 * <p>Parts are streamed from disk with fixed-size buffers, so memory does not grow with the file;
 * each part is retried on its own (re-read from its offset); when the part URLs are refused for
 * good the placeholder is deleted and the upload starts over once ({@link
 * io.postflow.api.UploadResult#attempts()} is then 2). The result carries the SHA-256 of the bytes
 * that were sent. A file that changes while it is sent fails with an
 * {@link io.postflow.api.UploadException}.
 *
 * <pre>{@code
 * try (LocalUploader uploader = LocalUploader.builder().client(frameio).accountId(accountId).build()) {
 *   UploadResult result = uploader.upload(UploadRequest.of(file, folderId)).completion().join();
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe; share one instance. {@link #upload} does not
 * block. {@link #close()} shuts down the executor this uploader created (never one you gave it)
 * and aborts uploads still running on it.
 */
public final class LocalUploader extends UploaderBase {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

  private final Config config;

  private LocalUploader(UploadSettings settings, Config config) {
    super(settings);
    this.config = config;
  }

  /**
   * A builder with the defaults described on each setting; {@code client} and {@code accountId}
   * are required.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  UploadExecution session(UploadRequest request, UploadSource source) {
    return new LocalUploadSession(request, source, settings, config);
  }

  /** The local-upload-only settings, shared by all sessions. */
  static final class Config {
    final int partConcurrency;
    final PartSender sender;

    Config(int partConcurrency, PartSender sender) {
      this.partConcurrency = partConcurrency;
      this.sender = sender;
    }
  }

  /** Builds a {@link LocalUploader}; not thread-safe. {@link #build()} names a bad setting. */
  public static final class Builder extends UploadBuilder<Builder> {
    private int partConcurrency = 6;
    private RetryPolicy partRetry = UploadBackoff.PART_DEFAULT;
    private Duration partTimeout = Duration.ofMinutes(15);

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Parts sent at the same time, 1 to 64. Default 6. */
    public Builder partConcurrency(int value) {
      this.partConcurrency = value;
      return this;
    }

    /**
     * How each part is retried. Default: 4 attempts, waits of 1 s doubling to at most 8 s (only
     * {@code maxAttempts}, {@code baseDelay}, {@code maxDelay} and {@code jitter} apply to parts).
     */
    public Builder partRetry(RetryPolicy value) {
      this.partRetry = Objects.requireNonNull(value, "partRetry");
      return this;
    }

    /** The most one part PUT may take, from start to answer. Default 15 minutes. */
    public Builder partTimeout(Duration value) {
      this.partTimeout = value;
      return this;
    }

    /** How long to wait for {@code upload_complete} after the last part. Default 10 minutes. */
    public Builder confirmTimeout(Duration value) {
      this.confirmTimeout = value;
      return this;
    }

    /**
     * Validates the settings and builds the uploader, with its own executor unless one was given.
     *
     * @throws ConfigurationException naming the setting that is missing or out of range
     */
    public LocalUploader build() {
      if (partConcurrency < 1 || partConcurrency > 64) {
        throw new ConfigurationException("'partConcurrency' must be between 1 and 64, was "
            + partConcurrency);
      }
      requirePositive("partTimeout", partTimeout);
      // Presigned S3 URLs: HTTP/1.1, no authenticator, no cookies, no redirects to follow.
      HttpClient http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      UploadSettings settings = settings("postflow-upload");
      return new LocalUploader(settings,
          new Config(partConcurrency, new PartSender(http, partTimeout, new UploadBackoff(partRetry))));
    }
  }
}
