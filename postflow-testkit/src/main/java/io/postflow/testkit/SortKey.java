package io.postflow.testkit;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where an item sorts in a listing: its sort value, then its id to break ties, so the order is
 * total and a cursor can name a position that survives deletes (a keyset cursor). Values of
 * instants and numbers are zero-padded so they compare as text.
 *
 * @param value the sort value as comparable text
 * @param id the item's id
 */
record SortKey(String value, String id) implements Comparable<SortKey> {
  private static final Comparator<SortKey> ORDER =
      Comparator.comparing(SortKey::value).thenComparing(SortKey::id);

  static SortKey of(Instant instant, String id) {
    return new SortKey(String.format("%019d%09d", instant.getEpochSecond(), instant.getNano()), id);
  }

  static SortKey of(long number, String id) {
    return new SortKey(String.format("%019d", number), id);
  }

  @Override
  public int compareTo(SortKey other) {
    return ORDER.compare(this, other);
  }
}
