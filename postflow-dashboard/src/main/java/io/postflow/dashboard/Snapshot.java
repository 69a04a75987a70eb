package io.postflow.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Delivery;
import io.postflow.api.DeliveryState;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.ShotRepository;
import io.postflow.pipeline.Deliveries;
import io.postflow.pipeline.PostFlow;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dashboard's JSON: each section of the page, read from the journal and the shot list (what
 * is durable, and shared with other agents) and from {@link LiveState} (what only this agent sees
 * as it happens). Sections are built on request; nothing is cached, so a page never shows a state
 * older than its last request.
 */
final class Snapshot {
  /** The sections, in the order the page shows them; {@code /api/<name>} serves one. */
  static final List<String> SECTIONS = List.of(
      "summary", "uploads", "throughput", "scenes", "deliveries", "quarantine", "failed", "agents", "events",
      "notifications");
  private static final int LIST_LIMIT = 100;

  private final PostFlow postflow;
  private final LiveState live;
  private final Clock clock;

  Snapshot(PostFlow postflow, LiveState live, Clock clock) {
    this.postflow = postflow;
    this.live = live;
    this.clock = clock;
  }

  /** Every section, under its name. */
  ObjectNode all() {
    ObjectNode all = Json.MAPPER.createObjectNode();
    Optional<Deliveries> journal = journal();
    for (String section : SECTIONS) {
      all.set(section, section(section, journal));
    }
    return all;
  }

  /** One section, or empty for an unknown name. */
  Optional<com.fasterxml.jackson.databind.JsonNode> section(String name) {
    return SECTIONS.contains(name) ? Optional.of(section(name, journal())) : Optional.empty();
  }

  private com.fasterxml.jackson.databind.JsonNode section(String name, Optional<Deliveries> journal) {
    switch (name) {
      case "summary": return summary(journal);
      case "uploads": return live.uploads();
      case "throughput": return throughput();
      case "scenes": return scenes(postflow.shots());
      case "deliveries": return deliveries(journal, Set.of());
      case "quarantine": return deliveries(journal, Set.of(DeliveryState.QUARANTINED));
      case "failed": return deliveries(journal, Set.of(DeliveryState.FAILED));
      case "agents": return agents(journal);
      case "events": return live.events();
      case "notifications": return live.notifications();
      default: throw new IllegalArgumentException("no section " + name);
    }
  }

  /** The journal, or empty while the pipeline is not running (its journal is closed then). */
  private Optional<Deliveries> journal() {
    try {
      return Optional.of(postflow.deliveries());
    } catch (IllegalStateException notRunning) {
      return Optional.empty();
    }
  }

  private ObjectNode summary(Optional<Deliveries> journal) {
    ObjectNode summary = Json.MAPPER.createObjectNode()
        .put("time", clock.instant().toString())
        .put("running", journal.isPresent())
        .put("uploadsInFlight", live.uploadsInFlight())
        .put("bytesUploaded", live.throughput().total())
        .put("shots", postflow.shots().shots().size())
        .put("scenes", postflow.shots().scenes().size());
    ObjectNode counts = summary.putObject("deliveries");
    Map<DeliveryState, Long> byState = journal.map(Deliveries::counts).orElse(Map.of());
    for (DeliveryState state : DeliveryState.values()) {
      counts.put(name(state), byState.getOrDefault(state, 0L));
    }
    return summary;
  }

  private ObjectNode throughput() {
    ObjectNode chart = Json.MAPPER.createObjectNode();
    ArrayNode points = chart.putArray("points");
    Throughput.Point[] window = live.throughput().window();
    for (Throughput.Point point : window) {
      points.addObject().put("start", point.start().toString()).put("bytesPerSecond", point.bytesPerSecond());
    }
    chart.put("slotSeconds", window.length < 2 ? 10
        : (window[1].start().toEpochMilli() - window[0].start().toEpochMilli()) / 1000);
    chart.put("totalBytes", live.throughput().total());
    return chart;
  }

  private static ArrayNode scenes(ShotRepository shots) {
    Map<Integer, ObjectNode> byScene = new TreeMap<>();
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (Scene scene : shots.scenes()) {
      ObjectNode node = array.addObject()
          .put("number", scene.number()).put("name", scene.rawName()).put("slug", scene.slug());
      node.putObject("byStatus");
      node.putObject("byStage");
      node.putArray("shots");
      byScene.put(scene.number(), node);
    }
    for (Shot shot : shots.shots()) {
      ObjectNode scene = byScene.get(shot.scene().number());
      if (scene == null) {
        continue;
      }
      String status = ShotStatusAdapter.status(shot);
      String stage = ShotStatusAdapter.stage(shot);
      increment((ObjectNode) scene.get("byStatus"), status);
      increment((ObjectNode) scene.get("byStage"), stage);
      ObjectNode node = ((ArrayNode) scene.get("shots")).addObject()
          .put("number", shot.number())
          .put("nomenclature", shot.nomenclature().orElse(""))
          .put("status", status)
          .put("stage", stage);
      shot.recordIn().ifPresent(tc -> node.put("recordIn", tc));
    }
    return array;
  }

  private static void increment(ObjectNode counts, String key) {
    counts.put(key, counts.path(key).asLong(0) + 1);
  }

  private static ArrayNode deliveries(Optional<Deliveries> journal, Set<DeliveryState> states) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    journal.ifPresent(j -> j.list(states, LIST_LIMIT).forEach(d -> array.add(delivery(d))));
    return array;
  }

  static ObjectNode delivery(Delivery d) {
    ObjectNode node = Json.MAPPER.createObjectNode()
        .put("id", d.id())
        .put("file", d.file().relativePath())
        .put("root", d.file().root())
        .put("size", d.file().sizeBytes())
        .put("state", name(d.state()))
        .put("attempts", d.attempts())
        .put("recordedAt", d.recordedAt().toString())
        .put("updatedAt", d.updatedAt().toString());
    d.facts().shot().ifPresent(s -> node.put("shot", s));
    d.facts().version().ifPresent(v -> node.put("version", v));
    d.facts().folderPath().ifPresent(p -> node.put("folder", p));
    d.facts().sha256().ifPresent(h -> node.put("sha256", h));
    d.reason().ifPresent(r -> node.put("reason", r));
    d.owner().ifPresent(o -> node.put("owner", o));
    d.leaseExpiresAt().ifPresent(t -> node.put("leaseExpiresAt", t.toString()));
    return node;
  }

  /** The agents holding leases on the shared journal now, and what each holds. */
  private static ArrayNode agents(Optional<Deliveries> journal) {
    Map<String, ArrayNode> held = new LinkedHashMap<>();
    journal.ifPresent(j -> {
      for (Delivery d : j.list(Set.of(DeliveryState.IN_PROGRESS), 1000)) {
        held.computeIfAbsent(d.owner().orElse("(no owner)"), o -> Json.MAPPER.createArrayNode()).add(delivery(d));
      }
    });
    ArrayNode array = Json.MAPPER.createArrayNode();
    held.forEach((owner, deliveries) -> {
      ObjectNode agent = array.addObject().put("agent", owner).put("holding", deliveries.size());
      agent.set("deliveries", deliveries);
    });
    return array;
  }

  private static String name(DeliveryState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
