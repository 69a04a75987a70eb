package io.postflow.frameio.auth;

import io.postflow.api.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The settings every IMS-backed authenticator shares (where IMS is, which credential, how time is
 * judged, how calls are retried), so their public builders offer them once, the same way, like
 * {@code StringBuilder} does through {@code AbstractStringBuilder}.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class ImsSettingsBuilder<B extends ImsSettingsBuilder<B>> {
  URI imsBaseUri = ImsAuthenticator.DEFAULT_IMS;
  String clientId;
  String clientSecret;
  Duration skew = Duration.ofMinutes(5);
  Clock clock = Clock.systemUTC();
  HttpClient httpClient;
  Sleeper sleeper = Sleeper.system();
  int maxAttempts = 4;
  Duration requestTimeout = Duration.ofSeconds(30);

  ImsSettingsBuilder() {}

  abstract B self();

  /** The IMS host; default {@code https://ims-na1.adobelogin.com}. */
  public B imsBaseUri(URI imsBaseUri) {
    this.imsBaseUri = imsBaseUri;
    return self();
  }

  /** The Adobe Developer Console credential's client id (API key). Required. */
  public B clientId(String clientId) {
    this.clientId = clientId;
    return self();
  }

  /** The credential's client secret. Required; never logged or shown. */
  public B clientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
    return self();
  }

  /** How long before expiry a token is renewed; default 5 minutes, at most 1 hour. */
  public B skew(Duration skew) {
    this.skew = skew;
    return self();
  }

  /** The clock expiry is judged by; default the system UTC clock. */
  public B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  /** The HTTP client for IMS calls; default a new one with a 10 s connect timeout. */
  public B httpClient(HttpClient httpClient) {
    this.httpClient = httpClient;
    return self();
  }

  /** How long one IMS request may take; default 30 s. */
  public B requestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    return self();
  }

  /** Attempts per IMS call for connect failures and 5xx answers; default 4, 1 to 10. */
  public B maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return self();
  }

  /**
   * How retries of IMS calls wait (after connect failures and 5xx answers); default
   * {@link Sleeper#system()}. A test's {@code ManualTime} sleeper, with its clock, makes them
   * instant.
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return self();
  }

  /** Checks the shared settings, naming the first at fault, and fills in the defaults. */
  void validateShared() {
    Settings.httpUri("imsBaseUri", imsBaseUri);
    Settings.required("clientId", clientId);
    Settings.required("clientSecret", clientSecret);
    Settings.duration("skew", skew, Duration.ZERO, Duration.ofHours(1));
    Settings.duration("requestTimeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
    Settings.range("maxAttempts", maxAttempts, 1, 10);
    Settings.required("clock", clock);
    Settings.required("sleeper", sleeper);
    if (httpClient == null) {
      httpClient = Settings.defaultHttpClient();
    }
  }

  /** The IMS client for these settings; call after {@link #validateShared()}. */
  ImsClient imsClient() {
    return new ImsClient(imsBaseUri, clientId, clientSecret, httpClient, sleeper, clock,
        maxAttempts, requestTimeout);
  }
}
