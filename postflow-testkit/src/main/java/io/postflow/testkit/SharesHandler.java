package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shares of a project's assets: create ({@code type} {@code asset}, {@code name} 1 to 175
 * characters without line breaks, {@code access} {@code public} or {@code secure}, 1 to 100
 * {@code asset_ids} of the project; a secure share without a passphrase gets one generated),
 * list, show and delete, with the documented limits ({@code shares.create} 10 per minute, reads
 * 100, delete 60). The answer is the document's {@code Share}, with a {@code short_url} on
 * {@code https://f.io/}.
 */
final class SharesHandler {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final Set<String> FIELDS = Set.of("type", "name", "access", "asset_ids", "description",
      "downloading_enabled", "expiration", "passphrase");

  private final SandboxStore store;

  SharesHandler(SandboxStore store) {
    this.store = store;
  }

  void register(Router router) {
    String list = "/v4/accounts/{account_id}/projects/{project_id}/shares";
    String one = "/v4/accounts/{account_id}/shares/{share_id}";
    router.add("POST", list, "shares.create", RateLimit.TEN_PER_MINUTE, this::create);
    router.add("GET", list, "shares.index", RateLimit.HUNDRED_PER_MINUTE, r -> store.locked(() -> {
      ProjectRecord project = store.project(r.accountId(), r.param("project_id"));
      List<ShareRecord> shares = new ArrayList<>();
      store.shares.values().stream().filter(s -> s.projectId().equals(project.id())).forEach(shares::add);
      return Pagination.page(r, store.pageLimits, shares, SharesHandler::view);
    }));
    router.add("GET", one, "shares.show", RateLimit.HUNDRED_PER_MINUTE,
        r -> store.locked(() -> ApiResponse.ok(view(share(r)))));
    router.add("DELETE", one, "shares.delete", RateLimit.SIXTY_PER_MINUTE, r -> store.locked(() -> {
      store.shares.remove(share(r).id());
      return ApiResponse.noContent();
    }));
  }

  private ShareRecord share(ApiRequest r) {
    store.checkAccount(r.accountId());
    ShareRecord share = store.shares.get(r.param("share_id"));
    if (share == null) {
      throw ApiException.notFound("Share " + r.param("share_id"));
    }
    return share;
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(FIELDS, Set.of("type", "name", "access"));
    if (!"asset".equals(data.get("type").asText())) {
      throw ApiException.invalid("/data/type", "type must be asset");
    }
    String name = RequestBodies.string(data, "name", 1, 175);
    if (name.isBlank() || name.contains("\n") || name.contains("\r")) {
      throw ApiException.invalid("/data/name", "name must include a non-whitespace character and no line breaks");
    }
    String access = RequestBodies.string(data, "access", 1, 10);
    if (!access.equals("public") && !access.equals("secure")) {
      throw ApiException.invalid("/data/access", "access must be public or secure");
    }
    String description = RequestBodies.string(data, "description", 0, 640);
    String passphrase = RequestBodies.string(data, "passphrase", 1, 255);
    Boolean downloading = RequestBodies.bool(data, "downloading_enabled");
    Instant expiration = expiration(data);
    List<String> assetIds = assetIds(data.get("asset_ids"));
    return store.locked(() -> {
      ProjectRecord project = store.project(r.accountId(), r.param("project_id"));
      for (int i = 0; i < assetIds.size(); i++) {
        Asset asset = store.assets.get(assetIds.get(i));
        if (asset == null || !asset.projectId.equals(project.id())) {
          throw ApiException.invalid("/data/asset_ids/" + i, "asset " + assetIds.get(i)
              + " is not in project " + project.id());
        }
      }
      String phrase = passphrase == null && access.equals("secure") ? random(12) : passphrase;
      ShareRecord share = new ShareRecord(SandboxStore.newId(), project.id(), name, description, access, assetIds,
          downloading == null || downloading, expiration, phrase, "https://f.io/" + random(8), SandboxStore.newId(),
          store.clock.instant());
      store.shares.put(share.id(), share);
      return ApiResponse.created(view(share));
    });
  }

  private Instant expiration(ObjectNode data) {
    String raw = RequestBodies.string(data, "expiration", 1, 64);
    if (raw == null) {
      return null;
    }
    try {
      Instant at = Instant.parse(raw);
      if (!at.isAfter(store.clock.instant())) {
        throw ApiException.invalid("/data/expiration", "expiration must be in the future");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("/data/expiration", "expiration must be an ISO 8601 date-time");
    }
  }

  private static List<String> assetIds(JsonNode node) {
    return node == null || node.isNull() ? List.of() : RequestBodies.ids(node, "/data/asset_ids");
  }

  static ObjectNode view(ShareRecord s) {
    ObjectNode node = Json.object().put("id", s.id()).put("name", s.name()).put("description", s.description())
        .put("collection_id", s.collectionId()).put("short_url", s.shortUrl()).put("access", s.access())
        .put("enabled", true).put("commenting_enabled", true).put("downloading_enabled", s.downloadingEnabled())
        .put("passphrase", s.passphrase());
    node.put("expiration", s.expiration() == null ? null : Json.time(s.expiration()));
    node.putNull("last_viewed_at");
    return node.put("created_at", Json.time(s.createdAt())).put("updated_at", Json.time(s.createdAt()));
  }

  private static String random(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
