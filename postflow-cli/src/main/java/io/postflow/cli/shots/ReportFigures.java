package io.postflow.cli.shots;

import io.postflow.production.edl.Edl;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.StatisticsJson;
import io.postflow.production.timecode.Timecode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts and timecodes of the report under one name each, in one place, so the text report
 * and the JSON report give the same figures under the same names: the JSON keys are these names,
 * and the text report prints them as they are. Values are numbers, strings, lists or null.
 */
final class ReportFigures {
  private ReportFigures() {}

  /** The shot list's figures ({@link StatisticsJson}) with its warning and normalisation counts. */
  static Map<String, Object> shotList(ShotList list) {
    Map<String, Object> figures = new LinkedHashMap<>(StatisticsJson.of(list.statistics(), list.rate()));
    figures.remove("perScene"); // a table, not a figure: both reports list it in detail
    figures.put("warnings", list.warnings().size());
    figures.put("normalisations", list.normalisations().size());
    return figures;
  }

  /** The EDL's figures; {@code warnings} counts every warning, beyond the 100 kept. */
  static Map<String, Object> edl(Edl edl) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", edl.events().size());
    figures.put("eventLines", edl.eventLineCount());
    figures.put("recordStart", edl.recordStart().map(Timecode::toString).orElse(null));
    figures.put("recordEnd", edl.recordEnd().map(Timecode::toString).orElse(null));
    figures.put("recordFrames", edl.recordFrames());
    figures.put("gaps", edl.gaps().size());
    figures.put("overlaps", edl.overlaps().size());
    figures.put("transitions", edl.transitions().size());
    figures.put("motionEffects", edl.motionEffectCount());
    figures.put("warnings", edl.warningCount());
    return figures;
  }

  /** The reconciliation's categories (see docs/production-data.md) and the ripples found. */
  static Map<String, Object> reconciliation(Reconciliation r) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("matched", r.matches().size());
    figures.put("unchanged", r.unchanged().size());
    figures.put("movedByRipple", r.movedByRipple().size());
    figures.put("changed", r.changed().size());
    figures.put("ripples", r.ripples().size());
    figures.put("missingFromCut", r.missingFromCut().size());
    figures.put("removedFromCut", r.removedFromCut().size());
    figures.put("notInShotList", r.notInShotList().size());
    return figures;
  }
}
