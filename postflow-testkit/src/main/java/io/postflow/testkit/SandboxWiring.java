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

  /**
   * Remote uploads through {@link RemoteSourceFetcher}: 8 MiB range requests, up to 5 resumes
   * (100 ms back-off, doubling, waited with {@code sleeper}), and a source that sends nothing for
   * 30 s counts as stalled.
   */
  static RemoteUploads.Fetch remoteFetch(HttpClient client, Sleeper sleeper) {
    RemoteSourceFetcher fetcher = new RemoteSourceFetcher(client, 8L << 20, 5, Duration.ofSeconds(30),
        Duration.ofMillis(100), sleeper);
    return (source, sink) -> {
      FetchResult result = fetcher.fetch(source, sink);
      return new RemoteUploads.Fetched(result.bytes(), result.sha256());
    };
  }
}
