package io.postflow.frameio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Shares (review links) of one account's projects, from {@link FrameioAccount#shares()}. Same
 * contract as the client: thread-safe, blocking, retried, paced (creating shares is limited to 10
 * calls a minute).
 *
 * <pre>{@code
 * Share link = client.account(accountId).shares()
 *     .createShare(projectId, "SC03 review", List.of(sceneFolderId), false, Optional.empty());
 * link.shortUrl();   // https://f.io/...
 * }</pre>
 */
public final class FrameioShares {
  /** Tolerance for the clock difference with the service when recognising our own creates. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final FrameioAccount account;
  private final ApiTransport transport;
  private final Clock clock;

  FrameioShares(FrameioAccount account, ApiTransport transport, Clock clock) {
    this.account = account;
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * {@code POST .../projects/{id}/shares}: a public review link to these assets (folders, files,
   * version stacks of the project). When an attempt's answer is lost, the client looks for a share
   * of that name created in the last minutes before trying again, and returns it if there is one.
   *
   * @param name 1 to 175 characters, no line breaks
   * @param assetIds 1 to 100 ids
   * @param downloading whether reviewers may download the media
   * @param expiration when the link stops working, or empty for never
   * @throws IllegalArgumentException when the name or the ids are out of those bounds
   */
  public Share createShare(String projectId, String name, List<String> assetIds, boolean downloading,
      Optional<Instant> expiration) {
    if (name == null || name.isBlank() || name.length() > 175 || name.contains("\n") || name.contains("\r")) {
      throw new IllegalArgumentException("a share name is 1 to 175 characters without line breaks, was '"
          + name + "'");
    }
    if (assetIds.isEmpty() || assetIds.size() > 100) {
      throw new IllegalArgumentException("a share takes 1 to 100 assets, got " + assetIds.size());
    }
    ObjectNode data = Json.object().put("type", "asset").put("name", name).put("access", "public")
        .put("downloading_enabled", downloading);
    ArrayNode ids = data.putArray("asset_ids");
    assetIds.forEach(ids::add);
    expiration.ifPresent(at -> data.put("expiration", at.toString()));
    Instant since = clock.instant().minus(CLOCK_SKEW);
    ApiRequest request = account.request(Endpoint.CREATE_SHARE, projectId).withBody(Json.envelope(data))
        .withCheck(() -> Pager.stream(transport, account.request(Endpoint.SHARES, projectId), json -> Optional.of(json))
            .filter(json -> name.equals(Json.text(json, "name").orElse(null)))
            .filter(json -> Json.instant(json, "created_at").map(t -> !t.isBefore(since)).orElse(false))
            .findFirst());
    return share(transport.execute(request).data());
  }

  /** The shares of a project, lazily. */
  public Stream<Share> shares(String projectId) {
    return Pager.stream(transport, account.request(Endpoint.SHARES, projectId), json -> Optional.of(share(json)));
  }

  /**
   * {@code GET .../shares/{id}}.
   *
   * @throws ResourceNotFoundException when it was deleted
   */
  public Share share(String shareId) {
    return share(transport.execute(account.request(Endpoint.SHARE, shareId)).data());
  }

  /**
   * {@code DELETE .../shares/{id}}: the link stops working.
   *
   * @throws ResourceNotFoundException when it was already deleted
   */
  public void deleteShare(String shareId) {
    transport.execute(account.request(Endpoint.DELETE_SHARE, Objects.requireNonNull(shareId, "shareId")));
  }

  static Share share(JsonNode json) {
    return ImmutableShare.builder()
        .id(Json.required(json, "id", "share"))
        .name(Json.text(json, "name").orElse(""))
        .shortUrl(Json.text(json, "short_url").map(URI::create))
        .access(Json.text(json, "access").orElse("public"))
        .enabled(Json.bool(json, "enabled").orElse(true))
        .expiration(Json.instant(json, "expiration"))
        .passphrase(Json.text(json, "passphrase"))
        .createdAt(Json.instant(json, "created_at"))
        .build();
  }
}
