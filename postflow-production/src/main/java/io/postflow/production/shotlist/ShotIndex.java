package io.postflow.production.shotlist;

import io.postflow.api.Shot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Shots looked up the way every PostFlow shot repository looks them up: by nomenclature ignoring
 * case and surrounding spaces, dashes and spaces read as underscores ({@code undlm-00042} finds
 * {@code UNDLM_00042}), and by number as written. The first shot wins when two share a key.
 * Immutable and thread-safe.
 */
public final class ShotIndex {
  private final List<Shot> shots;
  private final Map<String, Integer> byNomenclature = new HashMap<>();
  private final Map<String, Integer> byNumber = new HashMap<>();

  private ShotIndex(List<Shot> shots) {
    this.shots = List.copyOf(shots);
    for (int i = 0; i < this.shots.size(); i++) {
      Shot shot = this.shots.get(i);
      int index = i;
      shot.nomenclature().ifPresent(n -> byNomenclature.putIfAbsent(key(n), index));
      byNumber.putIfAbsent(shot.number(), index);
    }
  }

  /** An index over {@code shots}, in their order. */
  public static ShotIndex of(List<Shot> shots) {
    return new ShotIndex(shots);
  }

  /** The form nomenclatures are compared in: {@code undlm-00042 } gives {@code UNDLM_00042}. */
  public static String key(String nomenclature) {
    return Names.nomenclatureKey(nomenclature);
  }

  /** The shots, in order. */
  public List<Shot> shots() {
    return shots;
  }

  /** The position of the shot with this nomenclature. */
  public OptionalInt indexOf(String nomenclature) {
    Integer i = byNomenclature.get(key(nomenclature));
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The shot with this nomenclature. */
  public Optional<Shot> byNomenclature(String nomenclature) {
    return Optional.ofNullable(byNomenclature.get(key(nomenclature))).map(shots::get);
  }

  /** The shot with this number as written, surrounding spaces ignored. */
  public Optional<Shot> byNumber(String number) {
    return Optional.ofNullable(byNumber.get(number.strip())).map(shots::get);
  }

  /** Whether a shot has a nomenclature with this key (see {@link #key}). */
  boolean hasKey(String key) {
    return byNomenclature.containsKey(key);
  }
}
