package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Workspace webhooks: create (201 with the {@code secret}, the only time it is shown), list, show,
 * update ({@code name}, {@code url}, {@code events}, {@code active}) and delete. Event names must be
 * documented ones ({@link WebhookEventNames}); the URL must be an absolute HTTPS URL, plain HTTP only
 * when the sandbox was built with {@code plainHttpWebhooks(true)}.
 */
final class WebhooksHandler {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxStore store;
  private final Views views;
  private final boolean plainHttpAllowed;

  WebhooksHandler(SandboxStore store, Views views, boolean plainHttpAllowed) {
    this.store = store;
    this.views = views;
    this.plainHttpAllowed = plainHttpAllowed;
  }

  void register(Router router) {
    String list = "/v4/accounts/{account_id}/workspaces/{workspace_id}/webhooks";
    String one = "/v4/accounts/{account_id}/webhooks/{webhook_id}";
    router.add("POST", list, "webhooks.create", RateLimit.TEN_PER_MINUTE, this::create);
    router.add("GET", list, "webhooks.index", RateLimit.HUNDRED_PER_MINUTE, r -> {
      List<String> includes = r.includes(Includes.CREATOR);
      return store.locked(() -> {
        store.checkWorkspace(r.accountId(), r.param("workspace_id"));
        return Pagination.page(r, store.pageLimits, new ArrayList<>(store.webhooks.values()),
            Ordering.<WebhookRecord>ascending(w -> SortKey.of(w.createdAt, w.id)), w -> views.webhook(w, false, includes));
      });
    });
    router.add("GET", one, "webhooks.show", RateLimit.HUNDRED_PER_MINUTE, r -> {
      List<String> includes = r.includes(Includes.CREATOR);
      return store.locked(() -> ApiResponse.ok(views.webhook(webhook(r), false, includes)));
    });
    router.add("PATCH", one, "webhooks.update", RateLimit.TEN_PER_MINUTE, this::update);
    router.add("DELETE", one, "webhooks.delete", RateLimit.SIXTY_PER_MINUTE, r -> store.locked(() -> {
      store.webhooks.remove(webhook(r).id);
      return ApiResponse.noContent();
    }));
  }

  private WebhookRecord webhook(ApiRequest r) {
    store.checkAccount(r.accountId());
    WebhookRecord w = store.webhooks.get(r.param("webhook_id"));
    if (w == null) {
      throw ApiException.notFound("Webhook " + r.param("webhook_id"));
    }
    return w;
  }

  private ApiResponse create(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name", "url", "events"), Set.of("name", "url", "events"));
    String name = RequestBodies.string(data, "name", 1, 255);
    String url = url(data);
    List<String> events = events(data);
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return store.locked(() -> {
      store.checkWorkspace(r.accountId(), r.param("workspace_id"));
      WebhookRecord w = new WebhookRecord(SandboxStore.newId(), store.workspaceId, HexFormat.of().formatHex(secret),
          name, url, events, store.clock.instant());
      store.webhooks.put(w.id, w);
      return ApiResponse.created(views.webhook(w, true));
    });
  }

  private ApiResponse update(ApiRequest r) {
    ObjectNode data = r.data(Set.of("name", "url", "events", "active"), Set.of());
    String name = RequestBodies.string(data, "name", 1, 255);
    String url = data.hasNonNull("url") ? url(data) : null;
    List<String> events = data.hasNonNull("events") ? events(data) : null;
    Boolean active = RequestBodies.bool(data, "active");
    return store.locked(() -> {
      WebhookRecord w = webhook(r);
      if (name != null) {
        w.name = name;
      }
      if (url != null) {
        w.url = url;
      }
      if (events != null) {
        w.events = events;
      }
      if (active != null) {
        w.active = active;
      }
      w.updatedAt = store.clock.instant();
      return ApiResponse.ok(views.webhook(w, false));
    });
  }

  private String url(ObjectNode data) {
    String url = RequestBodies.string(data, "url", 1, 2000);
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw ApiException.invalid("/data/url", "url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean allowed = scheme.equals("https") || (plainHttpAllowed && scheme.equals("http"));
    if (uri.getHost() == null || !allowed) {
      throw ApiException.invalid("/data/url", "url must be an absolute https URL"
          + (scheme.equals("http") ? " (plain http is refused)" : ""));
    }
    return url;
  }

  private static List<String> events(ObjectNode data) {
    JsonNode node = data.get("events");
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ApiException.invalid("/data/events", "events must be a non-empty array of event names");
    }
    Set<String> events = new LinkedHashSet<>();
    for (JsonNode e : node) {
      if (!e.isTextual() || !events.add(e.asText())) {
        throw ApiException.invalid("/data/events", "events must be distinct event names like file.ready");
      }
      if (!WebhookEventNames.DOCUMENTED.contains(e.asText())) {
        throw ApiException.invalid("/data/events", "'" + e.asText() + "' is not a webhook event; valid events: "
            + new java.util.TreeSet<>(WebhookEventNames.DOCUMENTED));
      }
    }
    return List.copyOf(events);
  }
}
