package io.postflow.production.shotlist;

import io.postflow.production.edl.EdlEvent;
import io.postflow.production.shotlist.ShotMatch.Basis;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs placed shots with events, each used at most once, in passes from the surest to the
 * loosest: (1) same record in and out; (2) same clip, overlapping source range; (3) same clip,
 * overlapping record range; (4) a clip left on exactly one shot and one event; (5) any overlap in
 * record time. Within a pass the largest overlap wins. Linear in shots plus events (indexes by
 * position and clip) except pass 5, which only looks at what is left. One instance per
 * reconciliation; not thread-safe.
 */
final class Pairing {
  /**
   * A placed shot's record and source ranges at the production's rate and its clip key, each null
   * when unknown.
   */
  record Placed(Timecode in, Timecode out, Timecode sourceIn, Timecode sourceOut, String clip) {}

  private final List<Placed> shots;
  private final List<EdlEvent> events;
  private final List<Set<String>> eventClips;
  private final List<Timecode[]> eventSources;
  final int[] eventOf;
  final Basis[] basisOf;
  final boolean[] eventUsed;

  Pairing(List<Placed> shots, List<EdlEvent> events, List<Timecode[]> eventSources) {
    this.shots = shots;
    this.events = events;
    this.eventSources = eventSources;
    this.eventClips = events.stream().map(Pairing::clipKeys).toList();
    this.eventOf = new int[shots.size()];
    Arrays.fill(eventOf, -1);
    this.basisOf = new Basis[shots.size()];
    this.eventUsed = new boolean[events.size()];
  }

  Pairing run() {
    samePosition();
    Map<String, List<Integer>> byClip = new HashMap<>();
    for (int e = 0; e < events.size(); e++) {
      for (String k : eventClips.get(e)) {
        byClip.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
      }
    }
    for (int s = 0; s < shots.size(); s++) {
      Placed p = shots.get(s);
      if (eventOf[s] < 0 && p.clip() != null && p.sourceIn() != null && p.sourceOut() != null) {
        best(s, byClip.getOrDefault(p.clip(), List.of()), Basis.SOURCE_OVERLAP);
      }
    }
    for (int s = 0; s < shots.size(); s++) {
      if (eventOf[s] < 0 && shots.get(s).clip() != null) {
        best(s, byClip.getOrDefault(shots.get(s).clip(), List.of()), Basis.CLIP_OVERLAP);
      }
    }
    uniqueClip();
    List<Integer> left = new ArrayList<>();
    for (int e = 0; e < events.size(); e++) {
      if (!eventUsed[e]) {
        left.add(e);
      }
    }
    for (int s = 0; s < shots.size() && !left.isEmpty(); s++) {
      if (eventOf[s] < 0) {
        best(s, left, Basis.RECORD_OVERLAP);
      }
    }
    return this;
  }

  private void samePosition() {
    Map<Long, Integer> byPosition = new HashMap<>();
    for (int e = events.size() - 1; e >= 0; e--) {
      byPosition.put(position(events.get(e).recordIn(), events.get(e).recordOut()), e);
    }
    for (int s = 0; s < shots.size(); s++) {
      if (shots.get(s).in() == null || shots.get(s).out() == null) {
        continue;
      }
      Integer e = byPosition.get(position(shots.get(s).in(), shots.get(s).out()));
      if (e != null && !eventUsed[e]) {
        pair(s, e, Basis.POSITION);
      }
    }
  }

  private void uniqueClip() {
    Map<String, List<Integer>> shotsByClip = new HashMap<>();
    for (int s = 0; s < shots.size(); s++) {
      int index = s;
      if (eventOf[s] < 0 && shots.get(s).clip() != null) {
        shotsByClip.computeIfAbsent(shots.get(s).clip(), x -> new ArrayList<>()).add(index);
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
        pair(s.get(0), e.get(0), Basis.CLIP_UNIQUE);
      }
    });
  }

  /** Pairs shot {@code s} with the unused candidate that overlaps it most, when one does. */
  private void best(int s, List<Integer> candidates, Basis basis) {
    Placed p = shots.get(s);
    int best = -1;
    long bestOverlap = 0;
    for (int e : candidates) {
      if (eventUsed[e]) {
        continue;
      }
      long overlap;
      if (basis == Basis.SOURCE_OVERLAP) {
        Timecode[] source = eventSources.get(e);
        overlap = source == null ? 0 : overlap(p.sourceIn(), p.sourceOut(), source[0], source[1]);
      } else if (p.in() == null || p.out() == null) {
        return;
      } else {
        overlap = overlap(p.in(), p.out(), events.get(e).recordIn(), events.get(e).recordOut());
      }
      if (overlap > bestOverlap) {
        best = e;
        bestOverlap = overlap;
      }
    }
    if (best >= 0) {
      pair(s, best, basis);
    }
  }

  private void pair(int s, int e, Basis basis) {
    eventUsed[e] = true;
    eventOf[s] = e;
    basisOf[s] = basis;
  }

  /** Whether the event plays {@code clip} (its FROM, TO or SOURCE FILE name). */
  boolean plays(int e, String clip) {
    return clip != null && eventClips.get(e).contains(clip);
  }

  private static Set<String> clipKeys(EdlEvent event) {
    Set<String> keys = new HashSet<>();
    event.fromClipName().map(Names::clipKey).ifPresent(keys::add);
    event.toClipName().map(Names::clipKey).ifPresent(keys::add);
    event.sourceFile().map(Names::clipKey).ifPresent(keys::add);
    return keys;
  }

  private static long position(Timecode in, Timecode out) {
    return in.frames() << 32 | out.frames();
  }

  /**
   * Frames two ranges share, measured from the first one's in across midnight: a timeline that
   * starts at 23:00:00:00 has shots and events on both sides of it.
   */
  static long overlap(Timecode in, Timecode out, Timecode otherIn, Timecode otherOut) {
    long start = Math.max(0, in.framesUntilAcrossMidnight(otherIn));
    long end = Math.min(in.framesUntilAcrossMidnight(out), in.framesUntilAcrossMidnight(otherOut));
    return end - start;
  }
}
