package io.postflow.frameio.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postflow.api.InvalidInputException;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One Frame.io webhook delivery. Frame.io sends ids only ({@code {"type", "resource":{"id","type"},
 * "account":{"id"}, "workspace":{"id"}, "project":{"id"}, "user":{"id"}}}); fetch the resource
 * through the REST client for details. Note that {@code file.created} arrives before the upload
 * has finished: wait for {@code file.upload.completed} or {@code file.ready}. Immutable.
 */
@Value.Immutable
public abstract class WebhookEvent {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The event type, e.g. {@code file.ready} or {@code comment.created}. */
  public abstract String type();

  /** The id of the resource the event is about. */
  public abstract String resourceId();

  /** The kind of that resource, e.g. {@code file}, {@code comment}; may be empty. */
  public abstract String resourceType();

  /** The account the resource belongs to, when Frame.io says. */
  public abstract Optional<String> accountId();

  /** The workspace the resource belongs to, when Frame.io says. */
  public abstract Optional<String> workspaceId();

  /** The project the resource belongs to, when Frame.io says. */
  public abstract Optional<String> projectId();

  /** The user whose action caused the event, when Frame.io says. */
  public abstract Optional<String> userId();

  /** The body exactly as received, for fields this class does not model. */
  @Value.Auxiliary
  public abstract String rawBody();

  /**
   * Parses a webhook body.
   *
   * @throws InvalidInputException naming the field when the body is not JSON, not an object, or
   *     lacks {@code type} or {@code resource.id}
   */
  public static WebhookEvent parse(String rawBody) {
    JsonNode root;
    try {
      root = JSON.readTree(rawBody == null ? "" : rawBody);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidInputException("webhook body", line, null,
          "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("webhook body", 0, null, "not a JSON object");
    }
    String type = text(root.path("type"))
        .orElseThrow(() -> missing("type"));
    String resourceId = text(root.path("resource").path("id"))
        .orElseThrow(() -> missing("resource.id"));
    return ImmutableWebhookEvent.builder()
        .type(type)
        .resourceId(resourceId)
        .resourceType(text(root.path("resource").path("type")).orElse(""))
        .accountId(text(root.path("account").path("id")))
        .workspaceId(text(root.path("workspace").path("id")))
        .projectId(text(root.path("project").path("id")))
        .userId(text(root.path("user").path("id")))
        .rawBody(rawBody)
        .build();
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText())
        : node.isNumber() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static InvalidInputException missing(String field) {
    return new InvalidInputException("webhook body", 0, field, "missing or not a string");
  }
}
