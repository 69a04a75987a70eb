package io.postflow.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON a {@link WebhookNotifier} posts for a burst, in each {@link WebhookFormat}. */
final class WebhookBodies {
  /** Slack cuts a message's text at 40,000 characters; stay well below. */
  static final int SLACK_TEXT = 3_500;

  private final ObjectMapper json;

  WebhookBodies(ObjectMapper json) {
    this.json = json;
  }

  /** The bodies to post, in order; a long burst becomes several Slack messages. */
  List<ObjectNode> of(WebhookFormat format, List<Notification> burst) {
    List<NotificationView> views = burst.stream().map(NotificationView::new).toList();
    return switch (format) {
      case SLACK -> slack(views);
      case TEAMS -> List.of(teams(views));
      case JSON -> List.of(plain(views));
    };
  }

  private List<ObjectNode> slack(List<NotificationView> views) {
    List<ObjectNode> bodies = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (NotificationView view : views) {
      StringBuilder one = new StringBuilder();
      one.append('*').append(slackEscape(view.title())).append("*\n").append(slackEscape(view.message()));
      for (Map.Entry<String, String> field : view.fields().entrySet()) {
        one.append("\n• ").append(slackEscape(field.getKey())).append(": ").append(slackEscape(field.getValue()));
      }
      view.link().ifPresent(link -> one.append("\n<").append(link).append("|Open in Frame.io>"));
      String block = DiscordMessages.cut(one.toString(), SLACK_TEXT);
      if (text.length() > 0 && text.length() + block.length() + 2 > SLACK_TEXT) {
        bodies.add(json.createObjectNode().put("text", text.toString()));
        text.setLength(0);
      }
      text.append(text.length() == 0 ? "" : "\n\n").append(block);
    }
    if (text.length() > 0) {
      bodies.add(json.createObjectNode().put("text", text.toString()));
    }
    return bodies;
  }

  private ObjectNode teams(List<NotificationView> views) {
    ObjectNode message = json.createObjectNode().put("type", "message");
    ObjectNode card = message.putArray("attachments").addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard").put("version", "1.4");
    ArrayNode body = card.putArray("body");
    ArrayNode actions = json.createArrayNode();
    for (NotificationView view : views) {
      body.addObject().put("type", "TextBlock").put("text", view.title()).put("weight", "Bolder")
          .put("size", "Medium").put("wrap", true)
          .put("color", view.notification().kind() == Notification.Kind.DELIVERED ? "Good"
              : view.color() == 0xE74C3C ? "Attention" : view.color() == 0xF39C12 ? "Warning" : "Default");
      body.addObject().put("type", "TextBlock").put("text", view.message()).put("wrap", true);
      ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
      view.fields().forEach((label, value) -> facts.addObject().put("title", label).put("value", value));
      view.link().ifPresent(link -> {
        if (actions.size() < 5) {
          actions.addObject().put("type", "Action.OpenUrl").put("title", "Open " + view.shotName().orElse("link"))
              .put("url", link);
        }
      });
    }
    if (!actions.isEmpty()) {
      card.set("actions", actions);
    }
    return message;
  }

  private ObjectNode plain(List<NotificationView> views) {
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("notifications");
    for (NotificationView view : views) {
      Notification n = view.notification();
      ObjectNode item = list.addObject().put("kind", n.kind().name()).put("title", view.title())
          .put("message", n.message());
      view.shotName().ifPresent(s -> item.put("shot", s));
      view.scene().ifPresent(s -> item.put("scene", view.sceneLabel()));
      view.version().ifPresent(v -> item.put("version", v));
      n.delivery().ifPresent(d -> item.put("delivery_id", d.id()));
      view.link().ifPresent(l -> item.put("link", l));
      ObjectNode details = item.putObject("details");
      n.details().forEach(details::put);
    }
    return root;
  }

  /** Slack's three control characters in text. */
  private static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
