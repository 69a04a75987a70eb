package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.shotlist.ShotMatch.Category;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The shot list compared with a cut (an EDL). Every shot and event lands in one category (defined
 * in {@code docs/production-data.md}): {@linkplain #unchanged() unchanged}, {@linkplain
 * #movedByRipple() moved by a ripple}, {@linkplain #changed() changed} (these three are the
 * {@linkplain #matches() matched} shots), {@linkplain #missingFromCut() missing from the cut},
 * {@linkplain #removedFromCut() removed} (the list itself says so: no record timecodes), and
 * events {@linkplain #notInShotList() not in the list}. Black and bars events are not compared.
 *
 * <p>Pairing goes in passes: same position, same clip over the same
 * source range or an overlapping record range, a clip left on one shot and one event, then any
 * overlap in record time, so every placed shot that something of the cut overlaps counts as
 * present. Then {@linkplain #ripples() ripples}: runs of consecutive paired shots shifted by one
 * offset are reported as one change ("shots 031 to 077: +12 frames"), and each changed shot's
 * deltas are given beyond the ripple it is part of. Immutable and thread-safe.
 *
 * <pre>{@code
 * Reconciliation r = Reconciliation.of(shotList, edl);
 * r.ripples().forEach(ripple -> log.info("{}", ripple.describe()));
 * r.changed().forEach(m -> log.info("{} out {}", m.shot().number(), m.residualOutDelta()));
 * }</pre>
 */
public final class Reconciliation {
  private final List<ShotMatch> matches;
  private final List<Ripple> ripples;
  private final List<Shot> missingFromCut;
  private final List<Shot> removedFromCut;
  private final List<EdlEvent> notInShotList;

  private Reconciliation(List<ShotMatch> matches, List<Ripple> ripples, List<Shot> missing,
      List<Shot> removed, List<EdlEvent> extra) {
    this.matches = List.copyOf(matches);
    this.ripples = List.copyOf(ripples);
    this.missingFromCut = List.copyOf(missing);
    this.removedFromCut = List.copyOf(removed);
    this.notInShotList = List.copyOf(extra);
  }

  /**
   * Compares {@code list} with {@code edl}.
   *
   * @throws IllegalArgumentException when the two were read at different frame rates
   */
  public static Reconciliation of(ShotList list, Edl edl) {
    if (list.rate() != edl.rate()) {
      throw new IllegalArgumentException("the shot list was read at " + list.rate()
          + " fps and the EDL at " + edl.rate() + " fps; read both at the production's rate");
    }
    FrameRate rate = list.rate();
    List<Shot> placed = new ArrayList<>();
    List<Shot> removed = new ArrayList<>();
    List<Pairing.Placed> ranges = new ArrayList<>();
    for (Shot shot : list.shots()) {
      if (list.isRemoved(shot)) {
        removed.add(shot); // never paired: there is nothing to compare, and no delta to invent
        continue;
      }
      placed.add(shot);
      ranges.add(new Pairing.Placed(list.recordIn(shot).orElse(null), list.recordOut(shot).orElse(null),
          list.raw(shot, Column.SOURCE_IN).flatMap(t -> source(t, rate)).orElse(null),
          list.raw(shot, Column.SOURCE_OUT).flatMap(t -> source(t, rate)).orElse(null),
          shot.sourceName().map(Names::clipKey).orElse(null)));
    }
    List<EdlEvent> events = edl.events().stream().filter(e -> !e.isBlackOrBars()).toList();
    List<Timecode[]> eventSources = events.stream().map(e -> {
      Optional<Timecode> in = source(e.main().sourceIn(), rate);
      Optional<Timecode> out = source(e.main().sourceOut(), rate);
      return in.isPresent() && out.isPresent() ? new Timecode[] {in.get(), out.get()} : null;
    }).toList();
    Pairing pairing = new Pairing(ranges, events, eventSources).run();

    // Deltas first, in record order, to find the ripples; then the matches with their offsets.
    List<Integer> paired = new ArrayList<>();
    for (int s = 0; s < placed.size(); s++) {
      if (pairing.eventOf[s] >= 0 && ranges.get(s).in() != null && ranges.get(s).out() != null) {
        paired.add(s);
      }
    }
    Timecode anchor = paired.isEmpty() ? null : ranges.get(paired.get(0)).in();
    paired.sort(Comparator.comparingLong(s -> anchor.framesUntilAcrossMidnight(ranges.get(s).in())));
    long[] offsetOf = new long[placed.size()];
    List<List<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < paired.size(); ) {
      long delta = inDelta(ranges.get(paired.get(i)), events.get(pairing.eventOf[paired.get(i)]));
      int j = i + 1;
      while (j < paired.size()
          && inDelta(ranges.get(paired.get(j)), events.get(pairing.eventOf[paired.get(j)])) == delta) {
        j++;
      }
      if (delta != 0 && j - i >= 2) {
        runs.add(paired.subList(i, j));
        for (int k = i; k < j; k++) {
          offsetOf[paired.get(k)] = delta;
        }
      }
      i = j;
    }
    ShotMatch[] bySlot = new ShotMatch[placed.size()];
    List<ShotMatch> matches = new ArrayList<>();
    List<Shot> missing = new ArrayList<>();
    for (int s = 0; s < placed.size(); s++) {
      int e = pairing.eventOf[s];
      if (e < 0) {
        missing.add(placed.get(s));
        continue;
      }
      bySlot[s] = match(placed.get(s), ranges.get(s), events.get(e), eventSources.get(e),
          pairing.plays(e, ranges.get(s).clip()), pairing.basisOf[s], offsetOf[s]);
      matches.add(bySlot[s]);
    }
    List<Ripple> ripples = new ArrayList<>();
    for (List<Integer> run : runs) {
      ripples.add(new Ripple(offsetOf[run.get(0)], run.stream().map(s -> bySlot[s]).toList()));
    }
    List<EdlEvent> extra = new ArrayList<>();
    for (int e = 0; e < events.size(); e++) {
      if (!pairing.eventUsed[e]) {
        extra.add(events.get(e));
      }
    }
    return new Reconciliation(matches, ripples, missing, removed, extra);
  }

  /** Every pairing (unchanged, moved by a ripple, changed), in shot-list order. */
  public List<ShotMatch> matches() {
    return matches;
  }

  /** Pairings where nothing differs. */
  public List<ShotMatch> unchanged() {
    return of(Category.UNCHANGED);
  }

  /** Pairings a ripple moved and nothing else changed. */
  public List<ShotMatch> movedByRipple() {
    return of(Category.MOVED_BY_RIPPLE);
  }

  /** Pairings that changed beyond a ripple: trimmed, slipped, another clip, moved alone. */
  public List<ShotMatch> changed() {
    return of(Category.CHANGED);
  }

  /** Runs of shots the edit moved by one offset, in record order. */
  public List<Ripple> ripples() {
    return ripples;
  }

  /** Placed shots (with a record timecode) that nothing in the cut was paired with, in list order. */
  public List<Shot> missingFromCut() {
    return missingFromCut;
  }

  /** Shots the list marks as removed from the cut (no record timecodes), in list order; never paired. */
  public List<Shot> removedFromCut() {
    return removedFromCut;
  }

  /** Events (black and bars excluded) no shot was paired with, in EDL order. */
  public List<EdlEvent> notInShotList() {
    return notInShotList;
  }

  private List<ShotMatch> of(Category category) {
    return matches.stream().filter(m -> m.category() == category).toList();
  }

  private static ShotMatch match(Shot shot, Pairing.Placed p, EdlEvent event, Timecode[] source,
      boolean sameClip, ShotMatch.Basis basis, long rippleOffset) {
    // Frame counts, not labels: at 29.97 a list written with colons and a cut counted drop-frame
    // label the same frame differently, but frames() is the same real frame at the same rate.
    // Across midnight, so a trim over 00:00:00:00 is a few frames, not a day.
    long inDelta = p.in() == null ? 0 : p.in().framesUntilAcrossMidnight(event.recordIn());
    long outDelta = p.out() == null ? 0 : p.out().framesUntilAcrossMidnight(event.recordOut());
    boolean timing = inDelta != 0 || outDelta != 0 || p.in() == null || p.out() == null;
    OptionalLong sourceIn = p.sourceIn() == null || source == null ? OptionalLong.empty()
        : OptionalLong.of(p.sourceIn().framesUntilAcrossMidnight(source[0]));
    OptionalLong sourceOut = p.sourceOut() == null || source == null ? OptionalLong.empty()
        : OptionalLong.of(p.sourceOut().framesUntilAcrossMidnight(source[1]));
    return new ShotMatch(shot, event, basis, timing, !sameClip, inDelta, outDelta, sourceIn,
        sourceOut, rippleOffset);
  }

  private static long inDelta(Pairing.Placed p, EdlEvent event) {
    return p.in().framesUntilAcrossMidnight(event.recordIn());
  }

  /** A source timecode at the production's rate, or empty (a camera at another rate). */
  private static Optional<Timecode> source(String text, FrameRate rate) {
    String t = text.strip();
    return t.isEmpty() ? Optional.empty()
        : ShotListParser.timecode(t, rate, t.indexOf(';') >= 0 || t.indexOf('.') >= 0);
  }
}
