package io.postflow.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.ConfigurationException;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications as JSON to a webhook: a Slack incoming webhook, a Microsoft Teams workflow,
 * or your own service ({@link WebhookFormat}). A burst becomes one message (Slack: as few as its
 * text limit allows). A 429 or 5xx throws a retryable {@link NotifierException} carrying the
 * {@code Retry-After} the service asked for; the pipeline waits it out on its own thread.
 *
 * <p>The URL is a secret (Slack's and Teams' paths let anyone post): it appears in no log,
 * exception or {@code toString()}.
 *
 * <pre>{@code
 * WebhookNotifier slack = WebhookNotifier.builder()
 *     .url(URI.create(System.getenv("POSTFLOW_WEBHOOK_URL"))).format(WebhookFormat.SLACK).build();
 * }</pre>
 */
public final class WebhookNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final WebhookUrl url;
  private final WebhookFormat format;
  private final WebhookPost post;
  private final ObjectMapper json = new ObjectMapper();
  private final WebhookBodies bodies = new WebhookBodies(json);
  private final String channel;

  private WebhookNotifier(Builder b) {
    this.url = b.url;
    this.format = b.format;
    this.post = new WebhookPost(b.httpClient != null ? b.httpClient : WebhookPost.defaultClient(), b.timeout);
    this.channel = switch (format) {
      case SLACK -> "Slack webhook";
      case TEAMS -> "Teams workflow";
      case JSON -> "JSON webhook";
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void notify(Notification notification) {
    notifyAll(List.of(notification));
  }

  @Override
  public void notifyAll(List<Notification> burst) {
    for (ObjectNode body : bodies.of(format, burst)) {
      WebhookPost.Answer answer = post.post(channel, url, url.uri(), body);
      int status = answer.status();
      if (status >= 200 && status < 300) {
        continue;
      }
      Duration retryAfter = DiscordRateLimits.seconds(answer.headers().firstValue("retry-after").orElse(null))
          .orElse(null);
      boolean retryable = status == 429 || status == 408 || status >= 500;
      throw new NotifierException(channel + " at " + url + " answered " + status
          + (retryAfter == null ? "" : " (retry after " + retryAfter.toMillis() + " ms)"),
          status, retryable, retryAfter, null);
    }
    LOG.debug("Posted {} notification(s) to {} at {}", burst.size(), channel, url);
  }

  /** Names the host only: the URL's path is the webhook's secret. */
  @Override
  public String toString() {
    return "WebhookNotifier[" + format + " " + url + "]";
  }

  /** Builds a {@link WebhookNotifier}; the URL is required, the format defaults to {@link WebhookFormat#JSON}. */
  public static final class Builder {
    private WebhookUrl url;
    private WebhookFormat format = WebhookFormat.JSON;
    private HttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(15);

    private Builder() {}

    /** Where to post; a secret. */
    public Builder url(URI url) {
      this.url = WebhookUrl.of("url", url);
      return this;
    }

    public Builder format(WebhookFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The HTTP client (never closed by the notifier); default one of its own. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** How long one request may take; default 15 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** @throws ConfigurationException naming the setting at fault */
    public WebhookNotifier build() {
      if (url == null) {
        throw new ConfigurationException("'url' is required");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new ConfigurationException("'timeout' must be positive, was " + timeout);
      }
      return new WebhookNotifier(this);
    }
  }
}
