package io.postflow.cli.shots;

import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlWarning;
import io.postflow.production.shotlist.Normalisation;
import io.postflow.production.shotlist.Reconciliation;
import io.postflow.production.shotlist.SceneDuration;
import io.postflow.production.shotlist.ShotList;
import io.postflow.production.shotlist.ShotListStatistics;
import io.postflow.production.shotlist.ShotListWarning;
import io.postflow.production.shotlist.ShotMatch;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The report for people: short sections, one fact per line. */
final class TextReport {
  private TextReport() {}

  static void render(PrintStream out, ShotList list, Optional<Edl> edl,
      Optional<Reconciliation> reconciliation, List<Path> exports) {
    ShotListStatistics s = list.statistics();
    FrameRate rate = list.rate();
    out.printf("Shot list %s at %s fps%n", list.source(), rate);
    out.printf("  shots                       %d%n", s.shots());
    out.printf("  scenes (as written)         %d (%d)%n", s.scenes(), s.scenesAsWritten());
    out.printf("  source files (as written)   %d (%d)%n", s.uniqueSources(), s.uniqueSourcesAsWritten());
    out.printf("  shots reusing a source      %d%n", s.shotsWithReusedSource());
    out.printf("  marked duplicate            %d%n", s.duplicatesMarked());
    out.printf("  without nomenclature        %d %s%n", s.missingNomenclature().size(),
        s.missingNomenclature().isEmpty() ? "" : s.missingNomenclature());
    out.printf("  record                      %s - %s%n", tc(s.firstRecordIn()), tc(s.lastRecordOut()));
    out.printf("  total duration              %s (%d frames)%n",
        Timecode.ofFrames(s.totalFrames(), rate, false), s.totalFrames());
    for (SceneDuration sd : s.perScene()) {
      out.printf("    SC%02d %-30s %3d shots  %s%n", sd.scene().number(), sd.scene().rawName(),
          sd.shots(), Timecode.ofFrames(sd.frames(), rate, false));
    }
    section(out, "Shot list warnings", list.warnings().size());
    for (ShotListWarning w : list.warnings()) {
      out.println("  " + w);
    }
    section(out, "Normalised for matching", list.normalisations().size());
    for (Normalisation n : list.normalisations()) {
      out.printf("  [%s] '%s' -> '%s': %s (lines %s)%n", n.header(), n.raw(), n.normalised(),
          n.reason(), n.lines());
    }
    edl.ifPresent(e -> edl(out, e));
    reconciliation.ifPresent(r -> reconciliation(out, r));
    if (!exports.isEmpty()) {
      section(out, "Exports written", exports.size());
      exports.forEach(p -> out.println("  " + p));
    }
  }

  private static void edl(PrintStream out, Edl edl) {
    out.printf("%nEDL %s%s%n", edl.source(), edl.title().map(t -> " (" + t + ")").orElse(""));
    out.printf("  events (lines)              %d (%d)%n", edl.events().size(), edl.eventLineCount());
    out.printf("  record                      %s - %s, %d frames in events%n",
        tc(edl.recordStart()), tc(edl.recordEnd()), edl.recordFrames());
    out.printf("  gaps / overlaps             %d / %d%n", edl.gaps().size(), edl.overlaps().size());
    out.printf("  transitions / retimes       %d / %d%n", edl.transitions().size(), edl.motionEffectCount());
    section(out, "EDL warnings", edl.warnings().size());
    for (EdlWarning w : edl.warnings()) {
      out.println("  " + w);
    }
  }

  private static void reconciliation(PrintStream out, Reconciliation r) {
    out.printf("%nReconciliation: %d matched, %d unchanged%n", r.matches().size(), r.unchanged().size());
    section(out, "Changed in the cut", r.changed().size());
    for (ShotMatch m : r.changed()) {
      out.printf("  shot %s%s -> event %s (%s)%s%s%n", m.shot().number(),
          m.shot().nomenclature().map(n -> " " + n).orElse(""), m.event().number(), m.basis(),
          m.timingChanged() ? String.format(" in %+d, out %+d frames", m.recordInDelta(), m.recordOutDelta()) : "",
          m.sourceChanged() ? " source now " + m.event().clipName().orElse("(none)") : "");
    }
    section(out, "Missing from the cut", r.missingFromCut().size());
    if (!r.missingFromCut().isEmpty()) {
      out.println("  " + r.missingFromCut().stream().map(s -> s.number()).toList());
    }
    section(out, "Events not in the shot list", r.notInShotList().size());
    for (EdlEvent e : r.notInShotList()) {
      out.printf("  event %s %s - %s %s%n", e.number(), e.recordIn(), e.recordOut(),
          e.clipName().orElse("(no clip name)"));
    }
  }

  private static void section(PrintStream out, String title, int count) {
    out.printf("%n%s: %d%n", title, count);
  }

  private static String tc(Optional<Timecode> t) {
    return t.map(Timecode::toString).orElse("-");
  }
}
