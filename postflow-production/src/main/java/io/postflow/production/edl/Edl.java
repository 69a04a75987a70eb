package io.postflow.production.edl;

import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A parsed CMX3600 EDL: header, events in file order, warnings, and the figures derived from them.
 * Immutable and thread-safe.
 */
public final class Edl {
  private final String source;
  private final FrameRate rate;
  private final Optional<String> title;
  private final Optional<Boolean> dropFrameHeader;
  private final List<EdlEvent> events;
  private final List<EdlWarning> warnings;
  private final int warningCount;
  private final List<String> headerComments;
  private final List<RecordGap> gaps;
  private final List<RecordGap> overlaps;

  Edl(String source, FrameRate rate, Optional<String> title, Optional<Boolean> dropFrameHeader,
      List<EdlEvent> events, List<EdlWarning> warnings, int warningCount, List<String> headerComments,
      List<RecordGap> gaps, List<RecordGap> overlaps) {
    this.source = source;
    this.rate = rate;
    this.title = title;
    this.dropFrameHeader = dropFrameHeader;
    this.events = List.copyOf(events);
    this.warnings = List.copyOf(warnings);
    this.warningCount = warningCount;
    this.headerComments = List.copyOf(headerComments);
    this.gaps = List.copyOf(gaps);
    this.overlaps = List.copyOf(overlaps);
  }

  /** What was read, usually the file name. */
  public String source() {
    return source;
  }

  /** The timeline rate the record timecodes were validated at (from configuration). */
  public FrameRate rate() {
    return rate;
  }

  /** {@code TITLE:}. */
  public Optional<String> title() {
    return title;
  }

  /** The first {@code FCM:} line: true for {@code DROP FRAME}; empty when absent. */
  public Optional<Boolean> dropFrameHeader() {
    return dropFrameHeader;
  }

  /** Events in file order. */
  public List<EdlEvent> events() {
    return events;
  }

  /** Event lines (a transition has two). */
  public int eventLineCount() {
    return events.stream().mapToInt(e -> e.lines().size()).sum();
  }

  /**
   * The first 100 warnings found, in line order (a file full of oddities must not fill the heap
   * or the terminal); {@link #warningCount()} counts them all. Empty in strict mode, which throws
   * instead.
   */
  public List<EdlWarning> warnings() {
    return warnings;
  }

  /** Every warning found, including those past the first 100 that {@link #warnings()} keeps. */
  public int warningCount() {
    return warningCount;
  }

  /** Comments found before the first event. */
  public List<String> headerComments() {
    return headerComments;
  }

  /** Record time not covered between consecutive events. */
  public List<RecordGap> gaps() {
    return gaps;
  }

  /** Record time covered twice by consecutive events. */
  public List<RecordGap> overlaps() {
    return overlaps;
  }

  /** The earliest record in (on a timeline that runs past midnight, 23:59:50:00 before 00:00:05:00). */
  public Optional<Timecode> recordStart() {
    return events.stream().map(EdlEvent::recordIn).min(onTimeline());
  }

  /** The latest record out (on a timeline that runs past midnight, 00:00:05:00 after 23:59:50:00). */
  public Optional<Timecode> recordEnd() {
    return events.stream().map(EdlEvent::recordOut).max(onTimeline());
  }

  /** Orders timecodes by their distance, across midnight, from the first event's record in. */
  private Comparator<Timecode> onTimeline() {
    // Only called on a non-empty stream of events, so there is a first event.
    return Comparator.comparingLong(t -> events.get(0).recordIn().framesUntilAcrossMidnight(t));
  }

  /** The sum of the events' record lengths (gaps excluded, overlaps counted twice). */
  public long recordFrames() {
    return events.stream().mapToLong(EdlEvent::durationFrames).sum();
  }

  /** {@code M2} lines over all events. */
  public int motionEffectCount() {
    return events.stream().mapToInt(e -> e.motionEffects().size()).sum();
  }

  /** Events whose transition is not a cut. */
  public List<EdlEvent> transitions() {
    List<EdlEvent> out = new ArrayList<>();
    for (EdlEvent e : events) {
      if (e.transition() != Transition.CUT) {
        out.add(e);
      }
    }
    return out;
  }

  /** The event with this number as written (the first, when numbers repeat). */
  public Optional<EdlEvent> event(String number) {
    return events.stream().filter(e -> e.number().equals(number)).findFirst();
  }

  @Override
  public String toString() {
    return "Edl[" + source + ", " + events.size() + " events, " + warningCount + " warnings]";
  }
}
