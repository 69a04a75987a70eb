package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import io.postflow.production.edl.Edl;
import io.postflow.production.edl.EdlEvent;
import io.postflow.production.shotlist.ShotMatch.Basis;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shot list compared with a cut (an EDL): which shots are unchanged, which changed timing or
 * source, which are missing from the cut, and which events the list does not have.
 *
 * <p>Pairing, each shot and event used at most once, in three passes: (1) same record in and out;
 * (2) same clip (source name vs the event's FROM/TO clip name, extension and case ignored) with
 * overlapping record ranges, the largest overlap first; (3) same clip when that clip is left on
 * exactly one shot and one event (a moved shot). Black and bars events are not compared.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Reconciliation r = Reconciliation.of(shotList, edl);
 * r.changed().forEach(m -> log.info("{} moved {}", m.shot().number(), m.recordInDelta()));
 * }</pre>
 */
public final class Reconciliation {
  private final List<ShotMatch> matches;
  private final List<Shot> missingFromCut;
  private final List<EdlEvent> notInShotList;

  private Reconciliation(List<ShotMatch> matches, List<Shot> missing, List<EdlEvent> extra) {
    this.matches = List.copyOf(matches);
    this.missingFromCut = List.copyOf(missing);
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
    List<Shot> shots = list.shots();
    List<EdlEvent> events = edl.events().stream().filter(e -> !e.isBlackOrBars()).toList();
    ShotMatch[] byShot = new ShotMatch[shots.size()];
    boolean[] eventUsed = new boolean[events.size()];
    List<Set<String>> eventClips = events.stream().map(Reconciliation::clipKeys).toList();

    // Pass 1: the same record position.
    Map<String, Integer> byPosition = new HashMap<>();
    for (int e = events.size() - 1; e >= 0; e--) {
      byPosition.put(position(events.get(e).recordIn(), events.get(e).recordOut()), e);
    }
    for (int s = 0; s < shots.size(); s++) {
      Optional<Timecode> in = list.recordIn(shots.get(s));
      Optional<Timecode> out = list.recordOut(shots.get(s));
      if (in.isEmpty() || out.isEmpty()) {
        continue;
      }
      Integer e = byPosition.get(position(in.get(), out.get()));
      if (e != null && !eventUsed[e]) {
        eventUsed[e] = true;
        byShot[s] = match(list, shots.get(s), events.get(e), eventClips.get(e), Basis.POSITION);
      }
    }
    // Pass 2: the same clip over an overlapping range, largest overlap first.
    Map<String, List<Integer>> clipIndex = new HashMap<>();
    for (int e = 0; e < events.size(); e++) {
      for (String k : eventClips.get(e)) {
        clipIndex.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
      }
    }
    for (int s = 0; s < shots.size(); s++) {
      Optional<Timecode> in = list.recordIn(shots.get(s));
      Optional<Timecode> out = list.recordOut(shots.get(s));
      Optional<String> clip = shots.get(s).sourceName().map(Names::clipKey);
      if (byShot[s] != null || in.isEmpty() || out.isEmpty() || clip.isEmpty()) {
        continue;
      }
      int best = -1;
      long bestOverlap = 0;
      for (int e : clipIndex.getOrDefault(clip.get(), List.of())) {
        if (!eventUsed[e]) {
          long overlap = overlap(in.get(), out.get(), events.get(e));
          if (overlap > bestOverlap) {
            best = e;
            bestOverlap = overlap;
          }
        }
      }
      if (best >= 0) {
        eventUsed[best] = true;
        byShot[s] = match(list, shots.get(s), events.get(best), eventClips.get(best), Basis.CLIP_OVERLAP);
      }
    }
    // Pass 3: a clip left on exactly one shot and one event.
    Map<String, List<Integer>> shotsByClip = new HashMap<>();
    for (int s = 0; s < shots.size(); s++) {
      int index = s;
      if (byShot[s] == null) {
        shots.get(s).sourceName().map(Names::clipKey)
            .ifPresent(k -> shotsByClip.computeIfAbsent(k, x -> new ArrayList<>()).add(index));
      }
    }
    Map<String, List<Integer>> eventsByClip = new HashMap<>();
    for (int e = 0; e < events.size(); e++) {
      if (!eventUsed[e]) {
        for (String k : eventClips.get(e)) {
          eventsByClip.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
        }
      }
    }
    shotsByClip.forEach((clip, s) -> {
      List<Integer> e = eventsByClip.getOrDefault(clip, List.of());
      if (s.size() == 1 && e.size() == 1 && !eventUsed[e.get(0)]) {
        eventUsed[e.get(0)] = true;
        byShot[s.get(0)] = match(list, shots.get(s.get(0)), events.get(e.get(0)),
            eventClips.get(e.get(0)), Basis.CLIP_UNIQUE);
      }
    });

    List<ShotMatch> matches = new ArrayList<>();
    List<Shot> missing = new ArrayList<>();
    for (int s = 0; s < shots.size(); s++) {
      if (byShot[s] != null) {
        matches.add(byShot[s]);
      } else {
        missing.add(shots.get(s));
      }
    }
    List<EdlEvent> extra = new ArrayList<>();
    for (int e = 0; e < events.size(); e++) {
      if (!eventUsed[e]) {
        extra.add(events.get(e));
      }
    }
    return new Reconciliation(matches, missing, extra);
  }

  /** Every pairing, in shot-list order. */
  public List<ShotMatch> matches() {
    return matches;
  }

  /** Pairings where nothing differs. */
  public List<ShotMatch> unchanged() {
    return matches.stream().filter(m -> !m.changed()).toList();
  }

  /** Pairings where timing or source differs. */
  public List<ShotMatch> changed() {
    return matches.stream().filter(ShotMatch::changed).toList();
  }

  /** Shots of the list no event was paired with, in list order. */
  public List<Shot> missingFromCut() {
    return missingFromCut;
  }

  /** Events (black and bars excluded) no shot was paired with, in EDL order. */
  public List<EdlEvent> notInShotList() {
    return notInShotList;
  }

  private static ShotMatch match(ShotList list, Shot shot, EdlEvent event, Set<String> clips, Basis basis) {
    // Frame counts, not labels: at 29.97 a list written with colons and a cut counted drop-frame
    // label the same frame differently, but frames() is the same real frame at the same rate.
    // Across midnight, so a trim over 00:00:00:00 is a few frames, not a day.
    long inDelta = list.recordIn(shot).map(t -> t.framesUntilAcrossMidnight(event.recordIn()))
        .orElse(0L);
    long outDelta = list.recordOut(shot).map(t -> t.framesUntilAcrossMidnight(event.recordOut()))
        .orElse(0L);
    boolean timing = inDelta != 0 || outDelta != 0 || list.recordIn(shot).isEmpty()
        || list.recordOut(shot).isEmpty();
    boolean source = shot.sourceName().map(n -> !clips.contains(Names.clipKey(n))).orElse(true);
    return new ShotMatch(shot, event, basis, timing, source, inDelta, outDelta);
  }

  private static Set<String> clipKeys(EdlEvent event) {
    Set<String> keys = new HashSet<>();
    event.fromClipName().map(Names::clipKey).ifPresent(keys::add);
    event.toClipName().map(Names::clipKey).ifPresent(keys::add);
    event.sourceFile().map(Names::clipKey).ifPresent(keys::add);
    return keys;
  }

  private static String position(Timecode in, Timecode out) {
    return in.frames() + "-" + out.frames();
  }

  private static long overlap(Timecode in, Timecode out, EdlEvent event) {
    // Measured from the shot's record in, across midnight: a timeline that starts at 23:00:00:00
    // has shots and events on both sides of it.
    long start = Math.max(0, in.framesUntilAcrossMidnight(event.recordIn()));
    long end = Math.min(in.framesUntilAcrossMidnight(out),
        in.framesUntilAcrossMidnight(event.recordOut()));
    return end - start;
  }
}
