package io.postflow.frameio;

import io.postflow.api.Sleeper;
import io.postflow.api.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings both uploader builders share, so that {@link LocalUploader.Builder} and
 * {@link RemoteUploader.Builder} say them once. Not thread-safe; {@link #settings} validates and
 * names the setting it rejects.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
abstract class UploadBuilder<B extends UploadBuilder<B>> {
  UploadTransport transport;
  private FrameioClient client;
  private String accountId;
  Executor executor;
  Clock clock = Clock.systemUTC();
  /** Null for real, wakeable waits. */
  Sleeper sleeper;
  ConfirmSignals signals = new ConfirmSignals();
  Duration confirmTimeout = Duration.ofMinutes(10);
  boolean waitForTranscode;
  Duration transcodeTimeout = Duration.ofMinutes(30);
  Duration progressInterval = Duration.ofMillis(250);

  UploadBuilder() {}

  abstract B self();

  /** The Frame.io client whose calls create and confirm the uploads. Required. */
  public B client(FrameioClient value) {
    this.client = Objects.requireNonNull(value, "client");
    return self();
  }

  /** The account the target folders belong to. Required with {@link #client}. */
  public B accountId(String value) {
    this.accountId = value;
    return self();
  }

  /**
   * The executor uploads run on. Default: a cached pool of daemon threads that the uploader
   * creates and shuts down on {@code close()}; an executor given here is never shut down.
   */
  public B executor(Executor value) {
    this.executor = Objects.requireNonNull(value, "executor");
    return self();
  }

  /** Whether to wait until the file is {@code transcoded}. Default false. */
  public B waitForTranscode(boolean value) {
    this.waitForTranscode = value;
    return self();
  }

  /** How long to wait for transcodes when waiting for them. Default 30 minutes. */
  public B transcodeTimeout(Duration value) {
    this.transcodeTimeout = value;
    return self();
  }

  /** The least time between two {@code onProgress} calls of one upload. Default 250 ms. */
  public B progressInterval(Duration value) {
    this.progressInterval = value;
    return self();
  }

  B transport(UploadTransport value) {
    this.transport = Objects.requireNonNull(value, "transport");
    return self();
  }

  /**
   * The clock uploads are timed on: their durations, the progress interval, the stall, confirm
   * and transcode timeouts. Default {@link Clock#systemUTC()}. Give a test's manual clock together
   * with its sleeper (testkit's {@code ManualTime}), so that waits move the clock.
   */
  public B clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return self();
  }

  /**
   * How uploads wait between part retries and between status polls. Default: none, meaning real
   * waits that end early when the upload is cancelled or a webhook (see
   * {@code webhookListener()}) says the file moved on. A sleeper given here gets every such wait
   * instead ({@link Sleeper#system()}, or a test's {@code ManualTime} so that back-offs and polls
   * run instantly): its waits are not shortened by webhooks, and a cancel takes effect when the
   * current one ends (the upload's own thread is still interrupted at once).
   */
  public B sleeper(Sleeper value) {
    this.sleeper = Objects.requireNonNull(value, "sleeper");
    return self();
  }

  B signals(ConfirmSignals value) {
    this.signals = Objects.requireNonNull(value, "signals");
    return self();
  }

  /** Validates the shared settings and builds them, creating the executor when none was given. */
  UploadSettings settings(String threadPrefix) {
    if (transport == null) {
      if (client == null) {
        throw new ConfigurationException("'client' is required (with 'accountId')");
      }
      if (accountId == null || accountId.isBlank()) {
        throw new ConfigurationException("'accountId' is required with 'client', was "
            + (accountId == null ? "not set" : "blank"));
      }
    }
    requirePositive("confirmTimeout", confirmTimeout);
    requirePositive("transcodeTimeout", transcodeTimeout);
    if (progressInterval == null || progressInterval.isNegative()) {
      throw new ConfigurationException("'progressInterval' must not be negative, was "
          + progressInterval);
    }
    UploadTransport chosen = transport != null ? transport
        : new UploadClientTransport(client.account(accountId));
    return new UploadSettings(this, chosen, threadPrefix);
  }

  static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigurationException("'" + name + "' must be positive, was " + value);
    }
  }
}
