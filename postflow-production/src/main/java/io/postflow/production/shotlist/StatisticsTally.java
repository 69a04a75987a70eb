package io.postflow.production.shotlist;

import io.postflow.api.Scene;
import io.postflow.api.Shot;
import io.postflow.production.timecode.Timecode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link ShotListStatistics} counted one shot at a time, so that the reader counts while the
 * rows stream by, with the record timecodes it has already parsed, instead of walking and parsing
 * the whole list a second time (that second pass was a fifth of reading a 100,000-row list). A
 * list changed afterwards ({@link ShotList#withShots}) is counted by the same code. Not
 * thread-safe.
 */
final class StatisticsTally {
  private final Set<String> scenesWritten = new HashSet<>();
  /**
   * The normalised sources, numbered; by number, how many shots use each and what is known of
   * them (the {@code SOURCE_} bits). A source written as its normalised form (the usual case) is
   * counted there; the others, as written, in {@link #otherWrittenPlaced}, folded in at the end.
   */
  private final StringIntTable sources;
  private int[] sourceUses;
  private byte[] sourceBits;
  private static final byte SOURCE_PLACED = 1;
  private static final byte SOURCE_WRITTEN_SO = 2;
  private static final byte SOURCE_PLACED_WRITTEN_SO = 4;
  private final Map<String, Boolean> otherWrittenPlaced = new HashMap<>();
  private final List<String> removed = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  /** Shots and frames by scene number; rows come in runs of one scene, so the last is kept at hand. */
  private final Map<Integer, long[]> perScene = new HashMap<>();
  private int lastSceneNumber;
  private long[] lastScene;
  private String lastSceneWritten;
  // The source figures, counted as the entries change rather than by walking every entry at the end.
  private int reused;
  private int placedSources;
  private int writtenSo;
  private int placedWrittenSo;
  private int shots;
  private int marked;
  private long total;
  private Timecode first;
  private Timecode last;
  // Positions are measured from the first valid record in, across midnight, so a list whose
  // timeline starts at 23:00:00:00 and runs past midnight has the right first and last.
  private Timecode anchor;

  /**
   * @param expected how many shots will probably be added, so that the table of sources is sized
   *     once
   */
  StatisticsTally(int expected) {
    sources = new StringIntTable(expected);
    sourceUses = new int[Math.max(16, expected)];
    sourceBits = new byte[sourceUses.length];
  }

  /**
   * Counts one shot; the other arguments are what the shot says, passed as the caller has them
   * (reading them back through the shot's optional accessors cost an object each).
   *
   * @param placed whether it has a record in or out (else it was removed from the cut)
   * @param sourceName its normalised source name, or null
   * @param hasNomenclature whether it has a nomenclature
   * @param frames its record duration, 0 when it has none
   * @param sceneWritten its scene cell as written, or null when the list has no scene column
   * @param sourceWritten its source-name cell as written ("" when the list has none)
   * @param in its record in at the list's rate when valid, else null
   * @param out its record out at the list's rate when valid, else null
   */
  void add(Shot shot, boolean placed, String sourceName, boolean hasNomenclature, long frames, String sceneWritten,
      String sourceWritten, Timecode in, Timecode out) {
    shots++;
    // A run of rows shares one scene cell (one string when the row reader shares it).
    if (sceneWritten != null && sceneWritten != lastSceneWritten) {
      scenesWritten.add(sceneWritten.strip());
      lastSceneWritten = sceneWritten;
    }
    String rawSource = sourceWritten.strip();
    int source = -1;
    if (sourceName != null) {
      source = sources.putIfAbsent(sourceName, sources.size());
      if (source < 0) { // a new one, numbered as the table's size was
        source = sources.size() - 1;
      }
      if (source == sourceUses.length) {
        sourceUses = Arrays.copyOf(sourceUses, source * 2);
        sourceBits = Arrays.copyOf(sourceBits, source * 2);
      }
      // Every shot of a source used more than once is reused: both at the second use, then each.
      int uses = ++sourceUses[source];
      reused += uses == 2 ? 2 : uses > 2 ? 1 : 0;
      if (placed && firstTime(source, SOURCE_PLACED)) {
        placedSources++;
      }
    }
    if (!rawSource.isEmpty()) {
      if (source >= 0 && rawSource.equals(sourceName)) {
        if (firstTime(source, SOURCE_WRITTEN_SO)) {
          writtenSo++;
        }
        if (placed && firstTime(source, SOURCE_PLACED_WRITTEN_SO)) {
          placedWrittenSo++;
        }
      } else {
        otherWrittenPlaced.merge(rawSource, placed, Boolean::logicalOr);
      }
    }
    if (!placed) {
      removed.add(shot.number());
    }
    if (!hasNomenclature) {
      missing.add(shot.number());
    }
    if (shot.duplicateMarked()) {
      marked++;
    }
    total += frames;
    int sceneNumber = shot.scene().number();
    if (lastScene == null || sceneNumber != lastSceneNumber) {
      lastScene = perScene.computeIfAbsent(sceneNumber, n -> new long[2]);
      lastSceneNumber = sceneNumber;
    }
    lastScene[0]++;
    lastScene[1] += frames;
    if (anchor == null) {
      anchor = in != null ? in : out;
    }
    if (in != null && (first == null || anchor.framesUntilAcrossMidnight(in)
        < anchor.framesUntilAcrossMidnight(first))) {
      first = in;
    }
    if (out != null && (last == null || anchor.framesUntilAcrossMidnight(out)
        > anchor.framesUntilAcrossMidnight(last))) {
      last = out;
    }
  }

  /** Sets {@code bit} of {@code source}; true when it was not set yet. */
  private boolean firstTime(int source, byte bit) {
    if ((sourceBits[source] & bit) != 0) {
      return false;
    }
    sourceBits[source] |= bit;
    return true;
  }

  private boolean has(String source, byte bit) {
    int id = sources.get(source);
    return id >= 0 && (sourceBits[id] & bit) != 0;
  }

  /** The figures of the shots added, with {@code scenes} (the list's, in order) for the per-scene ones. */
  ShotListStatistics result(List<Scene> scenes) {
    int writtenOtherwise = 0;
    int placedWrittenOtherwise = 0;
    for (Map.Entry<String, Boolean> other : otherWrittenPlaced.entrySet()) {
      if (has(other.getKey(), SOURCE_WRITTEN_SO)) {
        // Also written so on another row (the cells differ in white space only strip() removes).
        placedWrittenOtherwise += other.getValue() && !has(other.getKey(), SOURCE_PLACED_WRITTEN_SO) ? 1 : 0;
      } else {
        writtenOtherwise++;
        placedWrittenOtherwise += other.getValue() ? 1 : 0;
      }
    }
    List<SceneDuration> durations = new ArrayList<>(scenes.size());
    for (Scene scene : scenes) {
      long[] counted = perScene.getOrDefault(scene.number(), new long[2]);
      durations.add(new SceneDuration(scene, (int) counted[0], counted[1]));
    }
    return new ShotListStatistics(shots, shots - removed.size(), removed, scenesWritten.size(),
        scenes.size(), writtenSo + writtenOtherwise, sources.size(),
        placedWrittenSo + placedWrittenOtherwise, placedSources, reused, marked, missing,
        Optional.ofNullable(first), Optional.ofNullable(last), total, durations);
  }
}
