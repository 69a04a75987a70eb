package io.postflow.testkit;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Connects the sandbox core to the edge components (webhook delivery, remote source fetching) so the
 * core depends on two small seams, {@link WebhookEvents.Sender} and {@link RemoteUploads.Fetch}.
 */
final class SandboxWiring {
  /** A webhook sender and what must be closed with the sandbox. */
  record Webhooks(WebhookEvents.Sender sender, AutoCloseable closeable) {}

  private SandboxWiring() {}

  static Webhooks webhooks(HttpClient client, Clock clock) {
    // TEMPORARY until WebhookDispatcher lands: events are computed but not sent.
    return new Webhooks((url, secret, body) -> { }, () -> { });
  }

  /**
   * Remote uploads through {@link RemoteSourceFetcher}: 8 MiB range requests, up to 5 resumes, and a
   * source that sends nothing for 30 s counts as stalled.
   */
  static RemoteUploads.Fetch remoteFetch(HttpClient client) {
    RemoteSourceFetcher fetcher = new RemoteSourceFetcher(client, 8L << 20, 5, Duration.ofSeconds(30));
    return (source, sink) -> {
      FetchResult result = fetcher.fetch(source, sink);
      return new RemoteUploads.Fetched(result.bytes(), result.sha256());
    };
  }
}
