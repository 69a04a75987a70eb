package io.postflow.production.shotlist;

import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shot list as read: shots in list order, scenes in order of first appearance, what was
 * normalised, what was odd, and the production's statistics. Immutable and thread-safe.
 */
public final class ShotList {
  private final String source;
  private final FrameRate rate;
  private final boolean dropFrame;
  private final List<String> headers;
  private final Map<Column, String> foundHeaders;
  private final List<Shot> shots;
  private final List<Scene> scenes;
  private final List<Normalisation> normalisations;
  private final List<ShotListWarning> warnings;
  private final ShotListStatistics statistics;
  private final Map<Integer, List<String>> notes;

  ShotList(String source, FrameRate rate, boolean dropFrame, List<String> headers,
      Map<Column, String> foundHeaders, List<Shot> shots, List<Scene> scenes,
      List<Normalisation> normalisations, List<ShotListWarning> warnings,
      Map<Integer, List<String>> notes) {
    this(source, rate, dropFrame, headers, foundHeaders, shots, scenes, normalisations, warnings, notes,
        null);
  }

  /** @param statistics the shots' statistics when already counted, or null to count them here */
  ShotList(String source, FrameRate rate, boolean dropFrame, List<String> headers,
      Map<Column, String> foundHeaders, List<Shot> shots, List<Scene> scenes,
      List<Normalisation> normalisations, List<ShotListWarning> warnings,
      Map<Integer, List<String>> notes, ShotListStatistics statistics) {
    this.source = source;
    this.rate = rate;
    this.dropFrame = dropFrame;
    this.headers = List.copyOf(headers);
    this.foundHeaders = Map.copyOf(foundHeaders);
    this.shots = List.copyOf(shots);
    this.scenes = List.copyOf(scenes);
    this.normalisations = List.copyOf(normalisations);
    this.warnings = List.copyOf(warnings);
    this.notes = Map.copyOf(notes);
    this.statistics = statistics != null ? statistics : computeStatistics();
  }

  /** What was read, usually the file name. */
  public String source() {
    return source;
  }

  /** The rate record timecodes were read at. */
  public FrameRate rate() {
    return rate;
  }

  /** The headers as written, in order. */
  public List<String> headers() {
    return headers;
  }

  /** The header as written in this list for {@code column}, when the list has it. */
  public Optional<String> header(Column column) {
    return Optional.ofNullable(foundHeaders.get(column));
  }

  /** Shots in list order. */
  public List<Shot> shots() {
    return shots;
  }

  /** Scenes in order of first appearance. */
  public List<Scene> scenes() {
    return scenes;
  }

  /** Every normalisation made for matching, grouped by raw value. */
  public List<Normalisation> normalisations() {
    return normalisations;
  }

  /** Oddities read past, in line order. */
  public List<ShotListWarning> warnings() {
    return warnings;
  }

  /**
   * What the list says about {@code shot} beside its columns: the lines after a line break in its
   * source-name cell (a motion effect pasted from an EDL, say), as {@code "SOURCE NAME: M2 ..."}.
   */
  public List<String> notes(Shot shot) {
    return notes.getOrDefault(shot.line(), List.of());
  }

  /**
   * Whether the shot was removed from the cut: it has neither a record in nor a record out.
   * Productions keep such rows (often with a comment saying so); they are left out of the timeline
   * figures and never paired with an event.
   */
  public boolean isRemoved(Shot shot) {
    return shot.recordIn().isEmpty() && shot.recordOut().isEmpty();
  }

  /** The production's figures, computed once. */
  public ShotListStatistics statistics() {
    return statistics;
  }

  /** The raw cell of {@code shot} for {@code column}, when the list has the column. */
  public Optional<String> raw(Shot shot, Column column) {
    return header(column).map(h -> shot.columns().getOrDefault(h, ""));
  }

  /** The shot's record in at the list's rate, when it was valid. */
  public Optional<Timecode> recordIn(Shot shot) {
    return shot.recordIn().flatMap(t -> ShotListParser.timecode(t, rate, dropFrame));
  }

  /** The shot's record out at the list's rate, when it was valid. */
  public Optional<Timecode> recordOut(Shot shot) {
    return shot.recordOut().flatMap(t -> ShotListParser.timecode(t, rate, dropFrame));
  }

  /**
   * The 0-based column whose header is {@code header}, compared as {@link ColumnMapping} compares
   * headers (case, accents and runs of spaces ignored); empty when the list has no such column.
   */
  public java.util.OptionalInt columnOf(String header) {
    String folded = ColumnMapping.fold(header);
    for (int i = 0; i < headers.size(); i++) {
      if (ColumnMapping.fold(headers.get(i)).equals(folded)) {
        return java.util.OptionalInt.of(i);
      }
    }
    return java.util.OptionalInt.empty();
  }

  /**
   * This list with every line number (of shots, warnings, normalisations and notes) replaced
   * through {@code lines}: for a list read from rows whose cells hold line breaks, the row each
   * line belongs to.
   */
  ShotList withLines(java.util.function.IntUnaryOperator lines) {
    List<Shot> renumbered = shots.stream()
        .map(s -> (Shot) Shot.builder().from(s).line(lines.applyAsInt(s.line())).build()).toList();
    List<ShotListWarning> warned = warnings.stream()
        .map(w -> new ShotListWarning(lines.applyAsInt(w.line()), w.header(), w.message())).toList();
    Map<Integer, List<String>> renumberedNotes = new java.util.HashMap<>();
    notes.forEach((line, lineNotes) -> renumberedNotes.put(lines.applyAsInt(line), lineNotes));
    List<Normalisation> renumberedNormalisations = normalisations.stream()
        .map(n -> new Normalisation(n.header(), n.raw(), n.normalised(), n.reason(),
            n.lines().stream().map(lines::applyAsInt).toList()))
        .toList();
    // The figures count no line numbers: they stay as counted.
    return new ShotList(source, rate, dropFrame, headers, foundHeaders, renumbered, scenes,
        renumberedNormalisations, warned, renumberedNotes, statistics);
  }

  /** This list with other shots (e.g. new statuses); everything else is kept. */
  public ShotList withShots(List<Shot> replaced) {
    return new ShotList(source, rate, dropFrame, headers, foundHeaders, replaced, scenes,
        normalisations, warnings, notes);
  }

  /** Counts the shots again (a list read counts them as it reads, see {@link StatisticsTally}). */
  private ShotListStatistics computeStatistics() {
    StatisticsTally tally = new StatisticsTally(shots.size());
    String sceneHeader = foundHeaders.get(Column.SCENE);
    String sourceHeader = foundHeaders.get(Column.SOURCE_NAME);
    String lastOutText = null;
    Optional<Timecode> lastOut = Optional.empty();
    for (Shot shot : shots) {
      // A cut is contiguous: a shot's record in is usually the last one's record out.
      Optional<Timecode> in = shot.recordIn().isPresent() && shot.recordIn().get().equals(lastOutText)
          ? lastOut : recordIn(shot);
      Optional<Timecode> out = recordOut(shot);
      lastOutText = shot.recordOut().orElse(null);
      lastOut = out;
      tally.add(shot, !isRemoved(shot), shot.sourceName().orElse(null), shot.nomenclature().isPresent(),
          shot.durationFrames().orElse(0L),
          sceneHeader == null ? null : shot.columns().getOrDefault(sceneHeader, ""),
          sourceHeader == null ? "" : shot.columns().getOrDefault(sourceHeader, ""), in.orElse(null),
          out.orElse(null));
    }
    return tally.result(scenes);
  }

  @Override
  public String toString() {
    return "ShotList[" + source + ", " + shots.size() + " shots, " + scenes.size() + " scenes]";
  }
}
