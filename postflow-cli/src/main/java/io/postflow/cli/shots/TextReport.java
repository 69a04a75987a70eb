package io.postflow.cli.shots;

import io.postflow.api.Shot;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlWarning;
import io.postflow.production.shotlist.Normalisation;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.Ripple;
import io.postflow.production.shotlist.SceneDuration;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListWarning;
import io.postflow.production.shotlist.ShotMatch;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report for people: each section's {@link ReportFigures} under the names the JSON report
 * uses, one per line, then the details.
 */
final class TextReport {
  private TextReport() {}

  static void render(PrintStream out, ShotList list, Optional<Edl> edl,
      Optional<Reconciliation> reconciliation, List<Path> exports) {
    FrameRate rate = list.rate();
    out.printf("Shot list %s at %s fps%n", list.source(), rate);
    figures(out, ReportFigures.shotList(list));
    out.println("  perScene");
    for (SceneDuration sd : list.statistics().perScene()) {
      out.printf("    SC%02d %-30s %3d shots  %s (%d frames)%n", sd.scene().number(),
          sd.scene().rawName(), sd.shots(), Timecode.ofFrames(sd.frames(), rate, false), sd.frames());
    }
    details(out, "Shot list warnings", list.warnings().size());
    for (ShotListWarning w : list.warnings()) {
      out.println("  " + w);
    }
    details(out, "Normalised for matching", list.normalisations().size());
    for (Normalisation n : list.normalisations()) {
      out.printf("  [%s] '%s' -> '%s': %s (lines %s)%n", n.header(), oneLine(n.raw()),
          n.normalised(), n.reason(), n.lines());
    }
    for (Shot shot : list.shots()) {
      list.notes(shot).forEach(note -> out.printf("  note on shot %s (line %d): %s%n", shot.number(),
          shot.line(), oneLine(note)));
    }
    edl.ifPresent(e -> edl(out, e));
    reconciliation.ifPresent(r -> reconciliation(out, r));
    if (!exports.isEmpty()) {
      details(out, "Exports written", exports.size());
      exports.forEach(p -> out.println("  " + p));
    }
  }

  private static void edl(PrintStream out, Edl edl) {
    out.printf("%nEDL %s%s%n", edl.source(), edl.title().map(t -> " (" + t + ")").orElse(""));
    figures(out, ReportFigures.edl(edl));
    details(out, "EDL warnings", edl.warningCount());
    for (EdlWarning w : edl.warnings()) {
      out.println("  " + w);
    }
    if (edl.warningCount() > edl.warnings().size()) {
      out.printf("  ... and %d more (the first %d are listed)%n",
          edl.warningCount() - edl.warnings().size(), edl.warnings().size());
    }
  }

  private static void reconciliation(PrintStream out, Reconciliation r) {
    out.printf("%nReconciliation%n");
    figures(out, ReportFigures.reconciliation(r));
    details(out, "Ripples", r.ripples().size());
    for (Ripple ripple : r.ripples()) {
      out.println("  " + ripple.describe());
    }
    details(out, "Changed in the cut", r.changed().size());
    for (ShotMatch m : r.changed()) {
      out.printf("  shot %s%s -> event %s (%s)%s%s%s%s%n", m.shot().number(),
          m.shot().nomenclature().map(n -> " " + n).orElse(""), m.event().number(), m.basis(),
          m.rippleOffset() != 0 ? String.format(" in a ripple of %+d,", m.rippleOffset()) : "",
          m.residualInDelta() != 0 || m.residualOutDelta() != 0
              ? String.format(" record in %+d, out %+d frames", m.residualInDelta(), m.residualOutDelta()) : "",
          m.sourceTimingChanged() ? String.format(" source in %+d, out %+d frames",
              m.sourceInDelta().orElse(0), m.sourceOutDelta().orElse(0)) : "",
          m.sourceChanged() ? " source now " + m.event().clipName().orElse("(none)") : "");
    }
    shots(out, "Missing from the cut", r.missingFromCut());
    shots(out, "Removed from the cut (the list says so)", r.removedFromCut());
    details(out, "Events not in the shot list", r.notInShotList().size());
    for (EdlEvent e : r.notInShotList()) {
      out.printf("  event %s %s - %s (%d frames) %s%n", e.number(), e.recordIn(), e.recordOut(),
          e.durationFrames(), e.clipName().orElse("(no clip name)"));
    }
  }

  private static void figures(PrintStream out, Map<String, Object> figures) {
    figures.forEach((name, value) -> out.printf("  %-30s %s%n", name, value == null ? "-" : value));
  }

  private static void shots(PrintStream out, String title, List<Shot> shots) {
    details(out, title, shots.size());
    if (!shots.isEmpty()) {
      out.println("  " + shots.stream().map(Shot::number).toList());
    }
  }

  private static void details(PrintStream out, String title, int count) {
    out.printf("%n%s: %d%n", title, count);
  }

  /** A cell with line breaks on one line of the report. */
  private static String oneLine(String text) {
    return text.replace("\n", "\\n");
  }
}
