package io.postflow.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.ConfigurationException;
import io.postflow.api.Notification;
import io.postflow.api.Notifier;
import io.postflow.api.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to a Discord channel through a webhook: a rich embed per render (shot, scene,
 * version, size, upload time, the Frame.io link, its thumbnail when known), one message per scene
 * for a burst of renders, an embed for every other kind.
 *
 * <p>It keeps to Discord's rate limits: it reads the bucket headers ({@code X-RateLimit-Remaining},
 * {@code X-RateLimit-Reset-After}) and waits before a request the bucket would refuse; a 429 is
 * waited out for its {@code retry_after} (body, else {@code Retry-After}), globally when Discord
 * says the limit is global, and tried again. A 5xx or no answer throws a retryable
 * {@link NotifierException} (the pipeline tries again later); a 4xx that repeating cannot fix
 * (an unknown webhook) throws a non-retryable one. Waiting happens on the caller's thread: the
 * pipeline calls notifiers on threads of their own, so uploads never wait for Discord.
 *
 * <p>The webhook URL is a secret (its path lets anyone post): it appears in no log, exception or
 * {@code toString()}, which name the host only.
 *
 * <pre>{@code
 * DiscordNotifier discord = DiscordNotifier.builder()
 *     .webhookUrl(URI.create(System.getenv("POSTFLOW_DISCORD_WEBHOOK_URL")))
 *     .build();
 * PostFlow.builder().notifier(discord, Notification.Kind.DELIVERED, Notification.Kind.COMMENT_ADDED)...
 * }</pre>
 */
public final class DiscordNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);
  private static final String CHANNEL = "Discord webhook";

  private final WebhookUrl url;
  private final DiscordMessages messages;
  private final WebhookPost post;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxRateLimitedAttempts;
  private final Duration maxWait;
  private final ObjectMapper json = new ObjectMapper();
  private final DiscordRateLimits limits = new DiscordRateLimits();
  // Messages of a burst that failed part way: not posted again when the burst is retried.
  private final Set<Notification> sentOfFailedBurst = Collections.newSetFromMap(new IdentityHashMap<>());
  private List<Notification> failedBurst = List.of();

  private DiscordNotifier(Builder b) {
    this.url = b.url;
    this.messages = new DiscordMessages(json, b.username, b.avatarUrl == null ? null : b.avatarUrl.toString());
    this.post = new WebhookPost(b.httpClient != null ? b.httpClient : WebhookPost.defaultClient(), b.timeout);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.maxRateLimitedAttempts = b.maxRateLimitedAttempts;
    this.maxWait = b.maxWait;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void notify(Notification notification) {
    notifyAll(List.of(notification));
  }

  /** Posts the burst as few messages as Discord's limits allow (one per scene for renders). */
  @Override
  public synchronized void notifyAll(List<Notification> burst) {
    boolean retryOfFailed = burst.equals(failedBurst);
    if (!retryOfFailed) {
      sentOfFailedBurst.clear();
    }
    failedBurst = List.copyOf(burst);
    for (DiscordMessages.Message message : messages.of(burst)) {
      if (sentOfFailedBurst.containsAll(message.tells()) && !message.tells().isEmpty() && retryOfFailed) {
        continue;
      }
      post(message);
      sentOfFailedBurst.addAll(message.tells());
    }
    failedBurst = List.of();
    sentOfFailedBurst.clear();
  }

  private void post(DiscordMessages.Message message) {
    URI target = url.withQuery("wait", "true");
    for (int attempt = 1; ; attempt++) {
      pause(limits.waitBeforeSending(clock.instant()));
      WebhookPost.Answer answer = post.post(CHANNEL, url, target, message.body());
      limits.observe(answer.headers(), clock.instant());
      int status = answer.status();
      if (status >= 200 && status < 300) {
        LOG.debug("Posted {} notification(s) to {}", message.tells().size(), url);
        return;
      }
      JsonNode error = parse(answer.body());
      if (status == 429) {
        Duration wait = limits.rateLimited(answer.headers(), error, clock.instant());
        if (attempt >= maxRateLimitedAttempts || wait.compareTo(maxWait) > 0) {
          throw new NotifierException(CHANNEL + " at " + url + " is rate limited for " + wait.toMillis()
              + " ms (" + attempt + " attempt(s))", 429, true, wait, null);
        }
        LOG.debug("{} at {} answered 429; waiting {} ms{}", CHANNEL, url, wait.toMillis(),
            error.path("global").asBoolean(false) ? " (global limit)" : "");
        continue;
      }
      String detail = error.hasNonNull("message") ? ": " + DiscordMessages.cut(error.path("message").asText(), 200)
          + (error.hasNonNull("code") ? " (code " + error.path("code").asText() + ")" : "") : "";
      throw new NotifierException(CHANNEL + " at " + url + " answered " + status + detail, status,
          status >= 500 || status == 408, null, null);
    }
  }

  private void pause(Duration wait) {
    if (wait.isZero()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotifierException(CHANNEL + " at " + url + ": interrupted while waiting out its rate limit",
          0, true, wait, e);
    }
  }

  private JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (java.io.IOException e) {
      return json.createObjectNode(); // an HTML error page from a proxy: the status says enough
    }
  }

  /** Names the host only: the URL's path is the webhook's secret. */
  @Override
  public String toString() {
    return "DiscordNotifier[" + url + "]";
  }

  /** Builds a {@link DiscordNotifier}; only the webhook URL is required. */
  public static final class Builder {
    private WebhookUrl url;
    private String username = "PostFlow";
    private URI avatarUrl;
    private HttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private int maxRateLimitedAttempts = 5;
    private Duration maxWait = Duration.ofMinutes(5);

    private Builder() {}

    /** The channel's webhook URL ({@code https://discord.com/api/webhooks/<id>/<token>}); a secret. */
    public Builder webhookUrl(URI webhookUrl) {
      this.url = WebhookUrl.of("webhookUrl", webhookUrl);
      return this;
    }

    /** The name the messages are posted under; default {@code PostFlow}. */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /** The picture the messages are posted with; default the webhook's own. */
    public Builder avatarUrl(URI avatarUrl) {
      this.avatarUrl = avatarUrl;
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

    /**
     * How many 429s one message waits out before the notifier gives the burst back to the pipeline
     * (which tries again later), and the longest single wait it accepts; default 5 and 5 minutes.
     */
    public Builder rateLimitPatience(int attempts, Duration maxWait) {
      this.maxRateLimitedAttempts = attempts;
      this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
      return this;
    }

    /** The clock the rate limits are timed on; default the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the notifier waits out a rate limit; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** @throws ConfigurationException naming the setting at fault */
    public DiscordNotifier build() {
      if (url == null) {
        throw new ConfigurationException("'webhookUrl' is required");
      }
      if (username.isBlank() || username.length() > 80) {
        throw new ConfigurationException("'username' must be 1 to 80 characters, was '" + username + "'");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new ConfigurationException("'timeout' must be positive, was " + timeout);
      }
      if (maxRateLimitedAttempts < 1) {
        throw new ConfigurationException("'rateLimitPatience' attempts must be at least 1, was " + maxRateLimitedAttempts);
      }
      return new DiscordNotifier(this);
    }
  }
}
