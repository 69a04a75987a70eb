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
import io.postflow.production.shotlist.Ripple;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListWarning;
import io.postflow.production.shotlist.ShotMatch;
import io.postflow.production.shotlist.StatisticsJson;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The report as one JSON object for scripts. Counts and timecodes are the {@link ReportFigures}
 * (the text report prints the same names); lists and tables sit beside them under
 * {@code ...Details} or {@code ...Shots}. Top level: {@code shotList}, {@code rate} (a number), the
 * shot list's figures, {@code perScene}, {@code warningDetails}, {@code normalisationDetails};
 * with an EDL, {@code edl} (its figures, {@code gapDetails, overlapDetails, warningDetails}) and
 * {@code reconciliation} (its figures, {@code rippleDetails, changedDetails, movedByRippleShots,
 * missingFromCutShots, removedFromCutShots, notInShotListDetails}); with exports, {@code exports}.
 */
final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(ShotList list, Optional<Edl> edl, Optional<Reconciliation> reconciliation,
      List<Path> exports) {
    ObjectNode root = JSON.createObjectNode();
    root.put("shotList", list.source()).put("rate", new BigDecimal(list.rate().toString()));
    root.setAll((ObjectNode) JSON.valueToTree(ReportFigures.shotList(list)));
    root.set("perScene", JSON.valueToTree(StatisticsJson.of(list.statistics(), list.rate()).get("perScene")));
    ArrayNode warnings = root.putArray("warningDetails");
    for (ShotListWarning w : list.warnings()) {
      warnings.addObject().put("line", w.line()).put("column", w.header()).put("message", w.message());
    }
    ArrayNode normalisations = root.putArray("normalisationDetails");
    for (Normalisation n : list.normalisations()) {
      ObjectNode node = normalisations.addObject().put("column", n.header()).put("raw", n.raw())
          .put("normalised", n.normalised()).put("reason", n.reason());
      n.lines().forEach(node.putArray("lines")::add);
    }
    ArrayNode notes = root.putArray("noteDetails");
    for (Shot shot : list.shots()) {
      list.notes(shot).forEach(note -> notes.addObject().put("shot", shot.number())
          .put("line", shot.line()).put("note", note));
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
        .put("title", edl.title().orElse(null));
    node.setAll((ObjectNode) JSON.valueToTree(ReportFigures.edl(edl)));
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
    // The first 100; "warnings" counts them all.
    ArrayNode warnings = node.putArray("warningDetails");
    for (EdlWarning w : edl.warnings()) {
      warnings.addObject().put("line", w.line()).put("kind", w.kind().name()).put("message", w.message());
    }
    return node;
  }

  private static ObjectNode reconciliationNode(Reconciliation r) {
    ObjectNode node = JSON.createObjectNode();
    node.setAll((ObjectNode) JSON.valueToTree(ReportFigures.reconciliation(r)));
    ArrayNode ripples = node.putArray("rippleDetails");
    for (Ripple ripple : r.ripples()) {
      ObjectNode item = ripples.addObject().put("description", ripple.describe())
          .put("firstShot", ripple.firstShot()).put("lastShot", ripple.lastShot())
          .put("offsetFrames", ripple.offsetFrames());
      ripple.shots().forEach(m -> item.withArray("shots").add(m.shot().number()));
    }
    ArrayNode changed = node.putArray("changedDetails");
    for (ShotMatch m : r.changed()) {
      ObjectNode item = changed.addObject().put("shot", m.shot().number())
          .put("nomenclature", m.shot().nomenclature().orElse(null))
          .put("event", m.event().number()).put("basis", m.basis().name())
          .put("timingChanged", m.timingChanged()).put("sourceChanged", m.sourceChanged())
          .put("recordInDelta", m.recordInDelta()).put("recordOutDelta", m.recordOutDelta())
          .put("rippleOffset", m.rippleOffset())
          .put("residualInDelta", m.residualInDelta()).put("residualOutDelta", m.residualOutDelta())
          .put("newRecordIn", m.event().recordIn().toString())
          .put("newRecordOut", m.event().recordOut().toString())
          .put("clip", m.event().clipName().orElse(null));
      m.sourceInDelta().ifPresent(d -> item.put("sourceInDelta", d));
      m.sourceOutDelta().ifPresent(d -> item.put("sourceOutDelta", d));
    }
    ArrayNode moved = node.putArray("movedByRippleShots");
    r.movedByRipple().forEach(m -> moved.add(m.shot().number()));
    ArrayNode missing = node.putArray("missingFromCutShots");
    r.missingFromCut().stream().map(Shot::number).forEach(missing::add);
    ArrayNode removed = node.putArray("removedFromCutShots");
    r.removedFromCut().stream().map(Shot::number).forEach(removed::add);
    ArrayNode extra = node.putArray("notInShotListDetails");
    for (EdlEvent e : r.notInShotList()) {
      extra.addObject().put("event", e.number()).put("recordIn", e.recordIn().toString())
          .put("recordOut", e.recordOut().toString()).put("frames", e.durationFrames())
          .put("clip", e.clipName().orElse(null));
    }
    return node;
  }
}
