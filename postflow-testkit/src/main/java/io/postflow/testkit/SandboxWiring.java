package io.postflow.testkit;

import io.postflow.api.Sleeper;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Connects remote uploads to {@link RemoteSourceFetcher} through the small {@link RemoteUploads.Fetch}
 * seam, so tests of the upload flow can fetch however they like.
 */
final class SandboxWiring {
  private SandboxWiring() {}

  /** How long the size probe behind the remote-upload 202 may take before the size is left at 0. */
  static final Duration SIZE_PROBE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Remote uploads through {@link RemoteSourceFetcher}: 8 MiB range requests, as many resumes as
   * the rules allow (100 ms back-off, doubling, waited with {@code sleeper}), redirects followed only
   * when they allow it, and a source that sends nothing for 30 s counts as stalled.
   */
  static RemoteUploads.Fetch remoteFetch(RemoteSourceRules rules, Sleeper sleeper) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(rules.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
    RemoteSourceFetcher fetcher = new RemoteSourceFetcher(client, 8L << 20, rules.maxResumes(), Duration.ofSeconds(30),
        Duration.ofMillis(100), sleeper);
    return new RemoteUploads.Fetch() {
      @Override
      public RemoteUploads.Fetched fetch(java.net.URI source, java.io.OutputStream sink) throws Exception {
        FetchResult result = fetcher.fetch(source, sink);
        return new RemoteUploads.Fetched(result.bytes(), result.sha256());
      }

      @Override
      public java.util.OptionalLong size(java.net.URI source) throws InterruptedException {
        return fetcher.probeSize(source, SIZE_PROBE_TIMEOUT);
      }
    };
  }
}
