package io.postflow.production.shotlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.postflow.api.LocalFileException;
import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.api.internal.AtomicFiles;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.edl.EdlEventLine;
import io.postflow.production.edl.EdlWriter;
import io.postflow.production.edl.MotionEffect;
import io.postflow.production.edl.Transition;
import io.postflow.production.timecode.Timecode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shot list, or a part of it, as a cut for conform and review tools: a CMX3600 EDL
 * ({@link #edl}) or an OpenTimelineIO timeline ({@link #otio}). Shots are placed by their record
 * timecodes, in timeline order; shots without valid record timecodes (removed from the cut, or
 * never placed) cannot be placed and are listed by {@link #unplaced()}.
 *
 * <p>Each event plays the shot's source name (its clip name), from its source in; a shot whose
 * source range is longer or shorter than its record range gets an {@code M2} motion effect (an
 * OTIO {@code LinearTimeWarp}). The {@code FCM:} follows the record timecodes (drop-frame when the
 * list was read so). Immutable and thread-safe; every filter returns a new export.
 *
 * <pre>{@code
 * CutExport cut = CutExport.of(shots.shotList()).scene("PORT AUBE");
 * cut.writeEdl(Path.of("port_aube.edl"), "KRAK PORT AUBE");
 * CutExport.of(list).changedSince(lastCut).writeOtio(Path.of("changes.otio"), "changes");
 * }</pre>
 */
public final class CutExport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern NOT_REEL = Pattern.compile("[^A-Za-z0-9_]+");

  /** How event reels are named. */
  public enum ReelNames {
    /**
     * The source name without its extension, other characters than letters, digits and
     * {@code _} made {@code _} ({@code A_0002C003X240916_1010AA_KRAK}): what Resolve and
     * file-based conform match on. The default.
     */
    SOURCE_NAME,
    /** {@code AX} for every event, the clip name alone naming the media (Avid, Premiere). */
    AX
  }

  private final ShotList list;
  private final Predicate<Shot> filter;
  private final ReelNames reels;

  private CutExport(ShotList list, Predicate<Shot> filter, ReelNames reels) {
    this.list = list;
    this.filter = filter;
    this.reels = reels;
  }

  /** Every shot of {@code list} (use {@link CsvShotRepository#shotList()} for current statuses). */
  public static CutExport of(ShotList list) {
    return new CutExport(list, shot -> true, ReelNames.SOURCE_NAME);
  }

  /**
   * Only the shots of one scene, by name as written or normalised ({@code PORT - AUBE} and
   * {@code port aube} are one scene) or by number.
   *
   * @throws IllegalArgumentException naming the scenes the list has when it has no such scene
   */
  public CutExport scene(String scene) {
    String key = Names.sceneKey(scene);
    Scene found = list.scenes().stream()
        .filter(s -> Names.sceneKey(s.name()).equals(key) || String.valueOf(s.number()).equals(scene.strip()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no scene '" + scene + "' in "
            + list.source() + "; its scenes: " + list.scenes().stream().map(Scene::name).toList()));
    return and(shot -> shot.scene().number() == found.number());
  }

  /**
   * Only the shots that changed since {@code lastCut}: timing or source differs from the event
   * they pair with, or no event pairs with them (new shots), as {@link Reconciliation} pairs them.
   *
   * @throws IllegalArgumentException when the cut was read at another rate than the list
   */
  public CutExport changedSince(Edl lastCut) {
    Reconciliation r = Reconciliation.of(list, lastCut);
    Set<Integer> lines = new HashSet<>();
    r.changed().forEach(m -> lines.add(m.shot().line()));
    r.missingFromCut().forEach(s -> lines.add(s.line()));
    return and(shot -> lines.contains(shot.line()));
  }

  /** Names reels the given way; default {@link ReelNames#SOURCE_NAME}. */
  public CutExport reels(ReelNames reels) {
    return new CutExport(list, filter, reels);
  }

  /** The shots selected that have a place on the timeline, in record order. */
  public List<Shot> shots() {
    return placed().stream().map(PlacedShot::shot).toList();
  }

  /** The shots selected that have no valid record in and out, in list order: left out. */
  public List<Shot> unplaced() {
    return list.shots().stream().filter(filter).filter(s -> PlacedShot.of(list, s).isEmpty()).toList();
  }

  /** The selected shots as EDL events, numbered from {@code 001} in record order. */
  public List<EdlEvent> events() {
    List<PlacedShot> placed = placed();
    int digits = Math.max(3, String.valueOf(placed.size()).length());
    List<EdlEvent> events = new ArrayList<>(placed.size());
    for (int i = 0; i < placed.size(); i++) {
      events.add(event(String.format(Locale.ROOT, "%0" + digits + "d", i + 1), placed.get(i)));
    }
    return events;
  }

  /** The CMX3600 text of the selected shots. */
  public String edl(String title) {
    return EdlWriter.text(title, events());
  }

  /**
   * Writes the EDL to {@code file}, replacing it whole.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  public Path writeEdl(Path file, String title) {
    return EdlWriter.writeText(edl(title), file);
  }

  /** The OpenTimelineIO JSON ({@code .otio}) of the selected shots: one video track. */
  public String otio(String name) {
    try {
      return JSON.writeValueAsString(new OtioTimeline(list.rate()).timeline(name, list.source(), placed()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the OTIO timeline " + name, e);
    }
  }

  /**
   * Writes the OTIO timeline to {@code file}, replacing it whole.
   *
   * @throws LocalFileException naming the file when it cannot be written
   */
  public Path writeOtio(Path file, String name) {
    try {
      AtomicFiles.write(file, otio(name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new LocalFileException("cannot write the OTIO timeline", file, e);
    }
  }

  private CutExport and(Predicate<Shot> more) {
    return new CutExport(list, filter.and(more), reels);
  }

  private List<PlacedShot> placed() {
    List<PlacedShot> placed = new ArrayList<>();
    for (Shot shot : list.shots()) {
      if (filter.test(shot)) {
        PlacedShot.of(list, shot).ifPresent(placed::add);
      }
    }
    // Timeline order, measured across midnight from the first placed shot of the list (earlier
    // shots count negative), so a timeline from 23:59:00:00 past midnight keeps its order; the
    // list order breaks ties (a stable sort).
    if (!placed.isEmpty()) {
      Timecode anchor = placed.get(0).recordIn();
      placed.sort(Comparator.comparingLong(p -> anchor.framesUntilAcrossMidnight(p.recordIn())));
    }
    return placed;
  }

  private EdlEvent event(String number, PlacedShot p) {
    Shot shot = p.shot();
    String reel = reel(shot);
    Timecode sourceIn = p.sourceStart();
    Timecode sourceOut = sourceIn.plus(p.sourceFrames());
    EdlEventLine line = new EdlEventLine(0, reel, "V", Transition.CUT, "C", 0, sourceIn.toString(),
        sourceOut.toString(), p.recordIn(), p.recordOut());
    List<MotionEffect> motion = List.of();
    if (p.retimed()) {
      // M2's speed is in frames per second: the timebase times source frames per record frame.
      BigDecimal speed = BigDecimal.valueOf(list.rate().timebase()).multiply(p.speedRatio())
          .setScale(1, RoundingMode.HALF_UP);
      motion = List.of(new MotionEffect(0, reel, speed, sourceIn.toString()));
    }
    List<String> comments = new ArrayList<>();
    shot.nomenclature().ifPresent(n -> comments.add("COMMENT: " + n));
    return new EdlEvent(number, List.of(line), shot.sourceName(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), motion, comments);
  }

  private String reel(Shot shot) {
    if (reels == ReelNames.AX || shot.sourceName().isEmpty()) {
      return "AX";
    }
    String stem = shot.sourceName().get().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
    String reel = NOT_REEL.matcher(stem).replaceAll("_").replaceAll("^_+|_+$", "");
    return reel.isEmpty() ? "AX" : reel;
  }
}
