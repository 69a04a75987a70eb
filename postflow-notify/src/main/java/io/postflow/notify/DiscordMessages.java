package io.postflow.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Notification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a burst of notifications into Discord webhook messages within Discord's limits: renders
 * delivered in the same scene become one message listing them (thirty renders of a scene in a
 * minute are one message, not thirty); a lone render gets a rich embed; every other kind gets an
 * embed of its own, up to ten embeds to a message.
 */
final class DiscordMessages {
  // Discord's documented embed limits.
  static final int MAX_EMBEDS = 10;
  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_FIELDS = 25;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = 1024;
  static final int MAX_MESSAGE_TEXT = 6000;

  /** One message to post and the notifications it tells. */
  record Message(ObjectNode body, List<Notification> tells) {}

  private final ObjectMapper json;
  private final String username;
  private final String avatarUrl;

  DiscordMessages(ObjectMapper json, String username, String avatarUrl) {
    this.json = json;
    this.username = username;
    this.avatarUrl = avatarUrl;
  }

  List<Message> of(List<Notification> burst) {
    Map<String, List<NotificationView>> deliveredByScene = new LinkedHashMap<>();
    List<NotificationView> others = new ArrayList<>();
    for (Notification notification : burst) {
      NotificationView view = new NotificationView(notification);
      if (notification.kind() == Notification.Kind.DELIVERED) {
        deliveredByScene.computeIfAbsent(view.sceneLabel(), k -> new ArrayList<>()).add(view);
      } else {
        others.add(view);
      }
    }
    List<Message> messages = new ArrayList<>();
    for (List<NotificationView> scene : deliveredByScene.values()) {
      if (scene.size() == 1) {
        others.add(0, scene.get(0));
      } else {
        messages.add(message(List.of(sceneEmbed(scene)), scene));
      }
    }
    List<ObjectNode> embeds = new ArrayList<>();
    List<NotificationView> told = new ArrayList<>();
    int text = 0;
    for (NotificationView view : others) {
      ObjectNode embed = embed(view);
      int size = textSize(embed);
      if (!embeds.isEmpty() && (embeds.size() == MAX_EMBEDS || text + size > MAX_MESSAGE_TEXT)) {
        messages.add(message(embeds, told));
        embeds = new ArrayList<>();
        told = new ArrayList<>();
        text = 0;
      }
      embeds.add(embed);
      told.add(view);
      text += size;
    }
    if (!embeds.isEmpty()) {
      messages.add(message(embeds, told));
    }
    return messages;
  }

  private Message message(List<ObjectNode> embeds, List<NotificationView> views) {
    ObjectNode body = json.createObjectNode();
    body.put("username", username);
    if (avatarUrl != null) {
      body.put("avatar_url", avatarUrl);
    }
    // A file or shot named "@everyone" must not ping the whole server.
    body.putObject("allowed_mentions").putArray("parse");
    ArrayNode array = body.putArray("embeds");
    embeds.forEach(array::add);
    return new Message(body, views.stream().map(NotificationView::notification).toList());
  }

  /** A rich embed: title, message, shot, scene, version, the details, link and thumbnail. */
  ObjectNode embed(NotificationView view) {
    ObjectNode embed = json.createObjectNode();
    embed.put("title", cut(view.title(), MAX_TITLE));
    embed.put("description", cut(view.message(), MAX_DESCRIPTION));
    embed.put("color", view.color());
    view.link().ifPresent(link -> embed.put("url", link));
    view.thumbnail().ifPresent(url -> embed.putObject("thumbnail").put("url", url));
    view.notification().delivery().ifPresent(d -> embed.put("timestamp", d.updatedAt().toString()));
    ArrayNode fields = embed.putArray("fields");
    for (Map.Entry<String, String> field : view.fields().entrySet()) {
      if (fields.size() == MAX_FIELDS) {
        break;
      }
      String value = field.getValue().isBlank() ? "-" : field.getValue();
      fields.addObject()
          .put("name", cut(field.getKey(), MAX_FIELD_NAME))
          .put("value", cut(value, MAX_FIELD_VALUE))
          .put("inline", value.length() <= 40);
    }
    return embed;
  }

  /** One embed for several renders of a scene: a line each, linked, with their details. */
  private ObjectNode sceneEmbed(List<NotificationView> views) {
    NotificationView first = views.get(0);
    ObjectNode embed = json.createObjectNode();
    embed.put("title", cut(first.sceneLabel() + ": " + views.size() + " new versions", MAX_TITLE));
    embed.put("color", first.color());
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < views.size(); i++) {
      String line = line(views.get(i));
      String more = "\n… and " + (views.size() - i) + " more";
      if (description.length() + line.length() + 1 + more.length() > MAX_DESCRIPTION) {
        description.append(more);
        break;
      }
      description.append(description.length() == 0 ? "" : "\n").append(line);
    }
    embed.put("description", description.toString());
    first.thumbnail().ifPresent(url -> embed.putObject("thumbnail").put("url", url));
    return embed;
  }

  private static String line(NotificationView view) {
    String name = view.shotName().orElse("?") + view.version().map(v -> " v" + v).orElse("");
    String label = view.link().map(link -> "[" + escape(name) + "](" + link + ")").orElse(escape(name));
    List<String> facts = new ArrayList<>();
    view.notification().details().forEach((key, value) -> {
      if (!key.equals(NotificationView.THUMBNAIL) && !key.equals("Folder") && !key.equals("File")) {
        facts.add(value);
      }
    });
    return cut("• " + label + (facts.isEmpty() ? "" : " · " + String.join(" · ", facts)), 400);
  }

  /** Markdown characters in a shot name would format the line; show them as they are. */
  private static String escape(String text) {
    return text.replaceAll("([\\\\*_~`|\\[\\]()>])", "\\\\$1");
  }

  private static int textSize(ObjectNode embed) {
    int size = embed.path("title").asText().length() + embed.path("description").asText().length();
    for (var field : embed.path("fields")) {
      size += field.path("name").asText().length() + field.path("value").asText().length();
    }
    return size;
  }

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
