package io.postflow.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits Frame.io webhook events ({@code file.created}, {@code file.upload.completed},
 * {@code file.ready}, {@code file.versioned}, {@code file.updated}, {@code file.deleted},
 * {@code folder.created}, {@code folder.updated}, {@code folder.deleted}, {@code comment.created},
 * {@code metadata.value.updated}, {@code project.created})
 * to every active webhook of the workspace subscribed to them. The payload carries ids only, as on Frame.io.
 */
final class WebhookEvents {
  /** Sends one signed delivery; the real one is {@code WebhookDispatcher::deliver}. */
  interface Sender {
    void deliver(String url, String secret, String jsonBody);
  }

  private static final Logger LOG = LoggerFactory.getLogger(WebhookEvents.class);

  private final SandboxStore store;
  private final Sender sender;

  WebhookEvents(SandboxStore store, Sender sender) {
    this.store = store;
    this.sender = sender;
  }

  /** Queues the event for every subscriber; never blocks on delivery. Call with or without the lock. */
  void emit(String type, String resourceId, String resourceType, String projectId) {
    List<WebhookRecord> targets = store.locked(() -> {
      List<WebhookRecord> matching = new ArrayList<>();
      for (WebhookRecord webhook : store.webhooks.values()) {
        if (webhook.active && webhook.events.contains(type)) {
          matching.add(webhook);
        }
      }
      return matching;
    });
    if (targets.isEmpty()) {
      return;
    }
    ObjectNode payload = Json.object().put("type", type);
    payload.set("resource", Json.object().put("id", resourceId).put("type", resourceType));
    payload.set("account", Json.object().put("id", store.accountId));
    payload.set("workspace", Json.object().put("id", store.workspaceId));
    payload.set("project", Json.object().put("id", projectId));
    payload.set("user", Json.object().put("id", store.userId));
    String body = payload.toString();
    for (WebhookRecord webhook : targets) {
      LOG.debug("Webhook event {} for {} -> webhook {}", type, resourceId, webhook.id);
      sender.deliver(webhook.url, webhook.secret, body);
    }
  }
}
