package io.postflow.testkit;

import java.time.Instant;
import java.util.List;

/** A workspace webhook; mutable under the store lock (PATCH). The secret never leaves except on create. */
final class WebhookRecord {
  final String id;
  final String workspaceId;
  final String secret;
  final Instant createdAt;
  String name;
  String url;
  List<String> events;
  boolean active = true;
  Instant updatedAt;

  WebhookRecord(String id, String workspaceId, String secret, String name, String url, List<String> events, Instant now) {
    this.id = id;
    this.workspaceId = workspaceId;
    this.secret = secret;
    this.name = name;
    this.url = url;
    this.events = List.copyOf(events);
    this.createdAt = now;
    this.updatedAt = now;
  }

  @Override
  public String toString() {
    return "WebhookRecord[id=" + id + ", name=" + name + ", active=" + active + "]";
  }
}
