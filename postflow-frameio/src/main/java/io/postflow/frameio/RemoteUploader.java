package io.postflow.frameio;

import io.postflow.api.ConfigurationException;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import io.postflow.api.Tunnel;
import io.postflow.api.UploadRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link io.postflow.api.Uploader} where Frame.io pulls the file: it is exposed at an unguessable URL by a
 * {@link FileExposer}, made public by a {@link Tunnel} when the URL is local, and handed to
 * {@code remote_upload}. Progress follows the bytes the exposer serves; the result carries their
 * SHA-256 (see {@code docs/uploads.md} for how it is computed). The exposure is revoked when the
 * upload ends, whatever the outcome. Use it when the machine cannot send fast but can be reached,
 * or with your own exposer that hands out presigned URLs of your own bucket (no tunnel needed).
 *
 * <pre>{@code
 * try (RemoteUploader uploader = RemoteUploader.builder()
 *     .client(frameio).accountId(accountId)
 *     .exposer(exposer).tunnel(tunnel)
 *     .build()) {
 *   UploadResult result = uploader.upload(UploadRequest.of(file, folderId)).completion().join();
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe. {@link #upload} does not block (the tunnel
 * is opened on the upload's thread the first time one is needed, if it is not open yet).
 * {@link #close()} shuts down the executor this uploader created and nothing else: the exposer,
 * the tunnel (even one this uploader opened) and your executor are yours to close.
 */
public final class RemoteUploader extends UploaderBase {
  private final Config config;

  private RemoteUploader(UploadSettings settings, Config config) {
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
    return new RemoteUploadSession(request, source, settings, config);
  }

  /** The remote-upload-only settings, shared by all sessions. */
  static final class Config {
    final FileExposer exposer;
    final RemoteUploadTunnel tunnel;
    final ExposureOptions exposureOptions;
    final Duration transferTimeout;
    final Duration stallTimeout;

    Config(FileExposer exposer, RemoteUploadTunnel tunnel, ExposureOptions exposureOptions,
        Duration transferTimeout, Duration stallTimeout) {
      this.exposer = exposer;
      this.tunnel = tunnel;
      this.exposureOptions = exposureOptions;
      this.transferTimeout = transferTimeout;
      this.stallTimeout = stallTimeout;
    }
  }

  /** Builds a {@link RemoteUploader}; not thread-safe. {@link #build()} names a bad setting. */
  public static final class Builder extends UploadBuilder<Builder> {
    private FileExposer exposer;
    private Tunnel tunnel;
    private ExposureOptions exposureOptions = ExposureOptions.ofDefaults();
    private Duration tunnelTimeout = Duration.ofSeconds(60);
    private Duration transferTimeout = Duration.ofHours(2);
    private Duration stallTimeout = Duration.ofMinutes(5);

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Serves the files. Required. Not closed by this uploader. */
    public Builder exposer(FileExposer value) {
      this.exposer = Objects.requireNonNull(value, "exposer");
      return this;
    }

    /**
     * Makes local exposures public. Required when the exposer's URLs are local; opened on first
     * use if it is not open yet. Never closed by this uploader: close it after the uploader.
     */
    public Builder tunnel(Tunnel value) {
      this.tunnel = Objects.requireNonNull(value, "tunnel");
      return this;
    }

    /** How long and how often each exposed URL may be fetched. Default: 6 hours, no limit. */
    public Builder exposureOptions(ExposureOptions value) {
      this.exposureOptions = Objects.requireNonNull(value, "exposureOptions");
      return this;
    }

    /**
     * How long to wait for the tunnel: to be ready when this uploader opens it, and to come back
     * when an upload starts while it restarts (the upload then fails with a retryable
     * {@link io.postflow.api.TunnelException}). Default 60 s.
     */
    public Builder tunnelTimeout(Duration value) {
      this.tunnelTimeout = value;
      return this;
    }

    /** The most a pull may take, until {@code upload_complete}. Default 2 hours. */
    public Builder transferTimeout(Duration value) {
      this.transferTimeout = value;
      return this;
    }

    /** Fail when the service has fetched nothing for this long. Default 5 minutes. */
    public Builder stallTimeout(Duration value) {
      this.stallTimeout = value;
      return this;
    }

    /**
     * Validates the settings and builds the uploader, with its own executor unless one was given.
     *
     * @throws ConfigurationException naming the setting that is missing or out of range
     */
    public RemoteUploader build() {
      if (exposer == null) {
        throw new ConfigurationException("'exposer' is required");
      }
      requirePositive("tunnelTimeout", tunnelTimeout);
      requirePositive("transferTimeout", transferTimeout);
      requirePositive("stallTimeout", stallTimeout);
      UploadSettings settings = settings("postflow-remote-upload");
      return new RemoteUploader(settings, new Config(exposer,
          new RemoteUploadTunnel(tunnel, tunnelTimeout), exposureOptions, transferTimeout,
          stallTimeout));
    }
  }
}
