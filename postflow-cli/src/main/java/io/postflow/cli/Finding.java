package io.postflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** One thing {@code postflow doctor} found, and what to do about it. */
final class Finding {
  enum Level { OK, INFO, WARN, FAIL }

  final Level level;
  final String topic;
  final String text;
  final String remedy;

  private Finding(Level level, String topic, String text, String remedy) {
    this.level = level;
    this.topic = topic;
    this.text = text;
    this.remedy = remedy;
  }

  static Finding ok(String topic, String text) {
    return new Finding(Level.OK, topic, text, null);
  }

  static Finding info(String topic, String text) {
    return new Finding(Level.INFO, topic, text, null);
  }

  static Finding warn(String topic, String text, String remedy) {
    return new Finding(Level.WARN, topic, text, remedy);
  }

  static Finding fail(String topic, String text, String remedy) {
    return new Finding(Level.FAIL, topic, text, remedy);
  }

  String line() {
    String line = String.format(Locale.ROOT, "[%-4s] %-13s %s", level, topic, text);
    return remedy == null ? line : line + System.lineSeparator() + "       " + " ".repeat(13) + " -> " + remedy;
  }

  ObjectNode json() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("level", level.name().toLowerCase(Locale.ROOT));
    node.put("topic", topic);
    node.put("finding", text);
    if (remedy != null) {
      node.put("what_to_do", remedy);
    }
    return node;
  }
}
