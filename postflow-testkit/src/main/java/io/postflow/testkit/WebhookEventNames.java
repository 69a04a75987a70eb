package io.postflow.testkit;

import java.util.Set;

/**
 * The event names a webhook may subscribe to: exactly the list the OpenAPI document gives for
 * {@code webhooks.create} ("Valid events") and its {@code WebhookEvents} schema. Any other name is a
 * 422 naming it, as on Frame.io. Which of them the sandbox can cause is {@link WebhookEvents}'
 * business.
 */
final class WebhookEventNames {
  static final Set<String> DOCUMENTED = Set.of(
      "file.created", "file.deleted", "file.ready", "file.updated", "file.upload.completed", "file.versioned",
      "file.copied", "folder.created", "folder.deleted", "folder.updated", "folder.copied",
      "comment.completed", "comment.created", "comment.deleted", "comment.uncompleted", "comment.updated",
      "customfield.created", "customfield.updated", "customfield.deleted", "metadata.value.updated",
      "project.created", "project.deleted", "project.updated",
      "collection.created", "collection.updated", "collection.deleted",
      "share.created", "share.updated", "share.deleted", "share.viewed");

  private WebhookEventNames() {}
}
