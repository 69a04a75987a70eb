package io.postflow.cli.shots;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postflow.api.Shot;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlWarning;
import io.postflow.production.edl.RecordGap;
import io.postflow.production.shotlist.Normalisation;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListWarning;
import io.postflow.production.shotlist.ShotMatch;
import io.postflow.production.shotlist.StatisticsJson;
import io.postflow.production.timecode.Timecode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The report as one JSON object for scripts. Top level: the shot-list statistics ({@code shots,
 * scenes, scenesNormalized, uniqueSources, uniqueSourcesNormalized, duplicatesMarked,
 * missingNomenclature, firstRecordIn, lastRecordOut, totalFrames}, ...), {@code warnings},
 * {@code normalisations}; with an EDL, {@code edl} ({@code events, eventLines, recordStart,
 * recordEnd, gaps, motionEffects, transitions, warnings} as counts or timecodes, details beside
 * them) and {@code reconciliation}; with exports, {@code exports}.
 */
final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(ShotList list, Optional<Edl> edl, Optional<Reconciliation> reconciliation,
      List<Path> exports) {
    ObjectNode root = JSON.createObjectNode();
    root.put("shotList", list.source()).put("rate", list.rate().toString());
    root.setAll((ObjectNode) JSON.valueToTree(StatisticsJson.of(list.statistics(), list.rate())));
    ArrayNode warnings = root.putArray("warnings");
    for (ShotListWarning w : list.warnings()) {
      warnings.addObject().put("line", w.line()).put("column", w.header()).put("message", w.message());
    }
    ArrayNode normalisations = root.putArray("normalisations");
    for (Normalisation n : list.normalisations()) {
      ObjectNode node = normalisations.addObject().put("column", n.header()).put("raw", n.raw())
          .put("normalised", n.normalised()).put("reason", n.reason());
      n.lines().forEach(node.putArray("lines")::add);
    }
    edl.ifPresent(e -> root.set("edl", edlNode(e)));
    reconciliation.ifPresent(r -> root.set("reconciliation", reconciliationNode(r)));
    if (!exports.isEmpty()) {
      exports.forEach(p -> root.withArray("exports").add(p.toString()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the report", e);
    }
  }

  private static ObjectNode edlNode(Edl edl) {
    ObjectNode node = JSON.createObjectNode().put("source", edl.source())
        .put("title", edl.title().orElse(null))
        .put("events", edl.events().size())
        .put("eventLines", edl.eventLineCount())
        .put("recordStart", edl.recordStart().map(Timecode::toString).orElse(null))
        .put("recordEnd", edl.recordEnd().map(Timecode::toString).orElse(null))
        .put("recordFrames", edl.recordFrames())
        .put("gaps", edl.gaps().size())
        .put("overlaps", edl.overlaps().size())
        .put("motionEffects", edl.motionEffectCount())
        .put("transitions", edl.transitions().size())
        .put("warnings", edl.warnings().size());
    ArrayNode gaps = node.putArray("gapDetails");
    for (RecordGap g : edl.gaps()) {
      gaps.addObject().put("after", g.afterEvent()).put("before", g.beforeEvent())
          .put("from", g.from().toString()).put("to", g.to().toString()).put("frames", g.frames());
    }
    ArrayNode overlaps = node.putArray("overlapDetails");
    for (RecordGap g : edl.overlaps()) {
      overlaps.addObject().put("after", g.afterEvent()).put("before", g.beforeEvent())
          .put("from", g.from().toString()).put("to", g.to().toString()).put("frames", g.frames());
    }
    ArrayNode warnings = node.putArray("warningDetails");
    for (EdlWarning w : edl.warnings()) {
      warnings.addObject().put("line", w.line()).put("kind", w.kind().name()).put("message", w.message());
    }
    return node;
  }

  private static ObjectNode reconciliationNode(Reconciliation r) {
    ObjectNode node = JSON.createObjectNode().put("matched", r.matches().size())
        .put("unchanged", r.unchanged().size());
    ArrayNode changed = node.putArray("changed");
    for (ShotMatch m : r.changed()) {
      changed.addObject().put("shot", m.shot().number())
          .put("nomenclature", m.shot().nomenclature().orElse(null))
          .put("event", m.event().number()).put("basis", m.basis().name())
          .put("timingChanged", m.timingChanged()).put("sourceChanged", m.sourceChanged())
          .put("recordInDelta", m.recordInDelta()).put("recordOutDelta", m.recordOutDelta())
          .put("newRecordIn", m.event().recordIn().toString())
          .put("newRecordOut", m.event().recordOut().toString())
          .put("clip", m.event().clipName().orElse(null));
    }
    ArrayNode missing = node.putArray("missingFromCut");
    r.missingFromCut().stream().map(Shot::number).forEach(missing::add);
    ArrayNode extra = node.putArray("notInShotList");
    for (EdlEvent e : r.notInShotList()) {
      extra.addObject().put("event", e.number()).put("recordIn", e.recordIn().toString())
          .put("recordOut", e.recordOut().toString()).put("clip", e.clipName().orElse(null));
    }
    return node;
  }
}
