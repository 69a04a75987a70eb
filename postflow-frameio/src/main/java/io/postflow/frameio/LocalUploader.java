package io.postflow.frameio;

import io.postflow.api.ConfigurationException;
import io.postflow.api.UploadHandle;
import io.postflow.api.UploadRequest;
import io.postflow.api.Uploader;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The default {@link Uploader}: {@code local_upload}, then the file's parts PUT in parallel to
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
public final class LocalUploader implements Uploader, AutoCloseable {
  private final UploadSettings settings;
  private final Config config;

  private LocalUploader(UploadSettings settings, Config config) {
    this.settings = settings;
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts uploading {@code request.file()}; returns at once.
   *
   * @throws io.postflow.api.UploadException when the file is missing, not a regular file, empty
   *     or unreadable, or the uploader is closed
   */
  @Override
  public UploadHandle upload(UploadRequest request) {
    Objects.requireNonNull(request, "request");
    UploadSource source = UploadSource.inspect(request.file(), request.fileName());
    return new LocalUploadSession(request, source, settings, config).start();
  }

  /** The webhook hook: give it a file id when an upload event arrives (see {@link ConfirmSignals}). */
  Consumer<String> confirmSignals() {
    return settings.signals;
  }

  /** Shuts down the executor this uploader created, if any. Idempotent. */
  @Override
  public void close() {
    settings.close();
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
  public static final class Builder {
    private final UploadSettings.Builder shared = new UploadSettings.Builder();
    private int partConcurrency = 6;
    private RetryPolicy partRetry = UploadBackoff.PART_DEFAULT;
    private Duration partTimeout = Duration.ofMinutes(15);
    private Duration connectTimeout = Duration.ofSeconds(20);
    private HttpClient partHttpClient;

    private Builder() {}

    /** The Frame.io client whose calls create and confirm the uploads. Required. */
    public Builder client(FrameioClient client) {
      shared.client(client);
      return this;
    }

    /** The account the target folders belong to. Required with {@link #client}. */
    public Builder accountId(String accountId) {
      shared.accountId(accountId);
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

    /** The executor uploads run on. Default: a cached pool of daemon threads, closed by {@link #close()}. */
    public Builder executor(Executor value) {
      shared.executor(value);
      return this;
    }

    /** How long to wait for {@code upload_complete} after the last part. Default 10 minutes. */
    public Builder confirmTimeout(Duration value) {
      shared.confirmTimeout(value);
      return this;
    }

    /** Whether to wait until the file is {@code transcoded}. Default false. */
    public Builder waitForTranscode(boolean value) {
      shared.waitForTranscode(value);
      return this;
    }

    /** How long to wait for transcodes when waiting for them. Default 30 minutes. */
    public Builder transcodeTimeout(Duration value) {
      shared.transcodeTimeout(value);
      return this;
    }

    /** The least time between two {@code onProgress} calls of one upload. Default 250 ms. */
    public Builder progressInterval(Duration value) {
      shared.progressInterval(value);
      return this;
    }

    Builder transport(UploadTransport value) {
      shared.transport(value);
      return this;
    }

    Builder partHttpClient(HttpClient value) {
      this.partHttpClient = value;
      return this;
    }

    Builder clock(Clock value) {
      shared.clock(value);
      return this;
    }

    Builder sleeper(Sleeper value) {
      shared.sleeper(value);
      return this;
    }

    Builder signals(ConfirmSignals value) {
      shared.signals(value);
      return this;
    }

    /**
     * @throws ConfigurationException naming the setting that is missing or out of range
     */
    public LocalUploader build() {
      if (partConcurrency < 1 || partConcurrency > 64) {
        throw new ConfigurationException("'partConcurrency' must be between 1 and 64, was "
            + partConcurrency);
      }
      UploadSettings.Builder.requirePositive("partTimeout", partTimeout);
      HttpClient http = partHttpClient != null ? partHttpClient : HttpClient.newBuilder()
          // Presigned S3 URLs: HTTP/1.1, no authenticator, no cookies, no redirects to follow.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      UploadSettings settings = shared.build("postflow-upload-");
      return new LocalUploader(settings,
          new Config(partConcurrency, new PartSender(http, partTimeout, new UploadBackoff(partRetry))));
    }
  }
}
