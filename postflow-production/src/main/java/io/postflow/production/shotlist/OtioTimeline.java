package io.postflow.production.shotlist;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Shot;
import io.postflow.production.timecode.FrameRate;
import java.util.List;

/**
 * Builds OpenTimelineIO's JSON for placed shots, with the schema names and fields of OTIO's
 * published serialisation ({@code Timeline.1}, {@code Stack.1}, {@code Track.1}, {@code Clip.2},
 * {@code Gap.1}, {@code ExternalReference.1}, {@code MissingReference.1},
 * {@code LinearTimeWarp.1}, {@code TimeRange.1}, {@code RationalTime.1}): one video track whose
 * clips carry their source ranges, with gaps where the record timeline has holes. Record overlaps,
 * which a track cannot hold, trim the later clip's head (its metadata says by how much).
 */
final class OtioTimeline {
  static final String DEFAULT_MEDIA = "DEFAULT_MEDIA";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final FrameRate rate;
  private final double otioRate;

  OtioTimeline(FrameRate rate) {
    this.rate = rate;
    // OTIO writes rates as doubles: 23.976 is 24000/1001, the same double OTIO computes.
    this.otioRate = (double) rate.numerator() / rate.denominator();
  }

  ObjectNode timeline(String name, String source, List<PlacedShot> shots) {
    ObjectNode timeline = schema("Timeline.1");
    ObjectNode postflow = timeline.putObject("metadata").putObject("postflow");
    postflow.put("shot_list", source).put("rate", rate.toString());
    timeline.put("name", name);
    if (shots.isEmpty()) {
      timeline.putNull("global_start_time");
    } else {
      timeline.set("global_start_time", time(shots.get(0).recordIn().frames()));
      postflow.put("drop_frame", shots.get(0).recordIn().isDropFrame());
    }
    ObjectNode stack = item("Stack.1", "tracks");
    ObjectNode track = item("Track.1", "V1");
    track.set("children", children(shots));
    track.put("kind", "Video");
    stack.putArray("children").add(track);
    timeline.set("tracks", stack);
    return timeline;
  }

  private ArrayNode children(List<PlacedShot> shots) {
    ArrayNode children = NODES.arrayNode();
    PlacedShot previous = null;
    for (PlacedShot shot : shots) {
      long trim = 0;
      if (previous != null) {
        long between = previous.recordOut().framesUntilAcrossMidnight(shot.recordIn());
        if (between > 0) {
          children.add(gap(between));
        } else {
          trim = -between;
        }
      }
      if (trim < shot.recordFrames()) {
        children.add(clip(shot, trim));
        previous = shot;
      }
    }
    return children;
  }

  private ObjectNode clip(PlacedShot placed, long trim) {
    Shot shot = placed.shot();
    ObjectNode clip = item("Clip.2", shot.sourceName().or(shot::nomenclature).orElse(shot.number()));
    ObjectNode postflow = ((ObjectNode) clip.get("metadata")).putObject("postflow");
    postflow.put("shot", shot.number());
    shot.nomenclature().ifPresentOrElse(n -> postflow.put("nomenclature", n), () -> postflow.putNull("nomenclature"));
    postflow.put("scene", shot.scene().name());
    postflow.put("status", StatusText.of(shot.status()));
    postflow.put("record_in", placed.recordIn().toString()).put("record_out", placed.recordOut().toString());
    if (trim > 0) {
      postflow.put("head_trimmed_frames", trim);
    }
    // The source range is in source frames at the timeline's rate; a retimed shot plays its
    // source faster or slower, which OTIO says with a LinearTimeWarp effect rather than a longer
    // source range on the track.
    clip.set("source_range", range(placed.sourceStart().frames() + trim, placed.recordFrames() - trim));
    if (placed.retimed()) {
      ObjectNode warp = schema("LinearTimeWarp.1");
      warp.putObject("metadata");
      warp.put("name", "");
      warp.put("effect_name", "LinearTimeWarp");
      warp.put("time_scalar", placed.speedRatio().doubleValue());
      ((ArrayNode) clip.get("effects")).add(warp);
    }
    ObjectNode reference;
    if (shot.sourceName().isPresent()) {
      reference = schema("ExternalReference.1");
      reference.putObject("metadata");
      reference.put("name", shot.sourceName().get());
      reference.putNull("available_range");
      reference.putNull("available_image_bounds");
      reference.put("target_url", shot.sourceName().get());
    } else {
      reference = schema("MissingReference.1");
      reference.putObject("metadata");
      reference.put("name", "");
      reference.putNull("available_range");
      reference.putNull("available_image_bounds");
    }
    clip.putObject("media_references").set(DEFAULT_MEDIA, reference);
    clip.put("active_media_reference_key", DEFAULT_MEDIA);
    return clip;
  }

  private ObjectNode gap(long frames) {
    ObjectNode gap = item("Gap.1", "");
    gap.set("source_range", range(0, frames));
    return gap;
  }

  /** The fields every OTIO Item (Composable) has: metadata, name, effects, markers, enabled. */
  private static ObjectNode item(String schema, String name) {
    ObjectNode item = schema(schema);
    item.putObject("metadata");
    item.put("name", name);
    item.putNull("source_range");
    item.putArray("effects");
    item.putArray("markers");
    item.put("enabled", true);
    return item;
  }

  private ObjectNode range(long start, long duration) {
    ObjectNode range = schema("TimeRange.1");
    range.set("duration", time(duration));
    range.set("start_time", time(start));
    return range;
  }

  private ObjectNode time(long frames) {
    ObjectNode time = schema("RationalTime.1");
    time.put("rate", otioRate);
    time.put("value", (double) frames);
    return time;
  }

  private static ObjectNode schema(String name) {
    return NODES.objectNode().put("OTIO_SCHEMA", name);
  }
}
