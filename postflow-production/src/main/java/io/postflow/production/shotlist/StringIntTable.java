package io.postflow.production.shotlist;

import java.util.Arrays;

/**
 * A table from strings to non-negative ints that only grows: the number of each source name in
 * the shot list's statistics, counted as the rows stream by (a source a row).
 *
 * <p>Why not a {@code HashMap<String, Integer>}: it spends a 32-byte node and often a 16-byte box
 * per entry; on a 100,000-row list the reader's maps of one entry a row took 16 MB beside a 50 MB
 * result, and the read no longer fitted in a heap of 5x the file. This chains entries like a {@code HashMap}
 * but keeps them in arrays, in the order added: 16 bytes an entry and 4 a bucket, no object per
 * entry. Like a {@code HashMap}, and unlike open addressing, it keeps the locality of keys whose
 * hashes follow each other (shot numbers 001, 002, ...): neighbouring buckets, entries side by
 * side, and no long runs of occupied slots to probe through. Not thread-safe.
 */
final class StringIntTable {
  private static final int MAX_BUCKETS = 1 << 30;
  /** By hash: 1 + the index of the bucket's last entry added, 0 when empty. */
  private int[] buckets;
  /** By entry, in the order added; hashes beside keys so that a chain is walked without reading the strings. */
  private String[] keys;
  private int[] hashes;
  private int[] values;
  /** By entry: 1 + the index of the entry added before it to the same bucket, 0 when none. */
  private int[] previous;
  private int size;

  /**
   * @param expected how many entries there will probably be; the table grows past it when needed
   */
  StringIntTable(int expected) {
    int entries = Math.max(4, Math.min(MAX_BUCKETS, expected));
    buckets = new int[Integer.highestOneBit(entries * 2 - 1)]; // the least power of two >= entries
    keys = new String[entries];
    hashes = new int[entries];
    values = new int[entries];
    previous = new int[entries];
  }

  /** The number of entries. */
  int size() {
    return size;
  }

  /** The value of {@code key}, or -1 when it has none. */
  int get(String key) {
    int hash = key.hashCode();
    int entry = find(key, hash, bucketOf(hash));
    return entry < 0 ? -1 : values[entry];
  }

  /**
   * Gives {@code key} the value {@code value} unless it has one.
   *
   * @param value 0 or more
   * @return the value {@code key} already had, or -1 when it was added with {@code value}
   */
  int putIfAbsent(String key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    int hash = key.hashCode();
    int bucket = bucketOf(hash);
    int entry = find(key, hash, bucket);
    if (entry >= 0) {
      return values[entry];
    }
    if (size == keys.length) {
      if (size == MAX_BUCKETS) {
        throw new IllegalStateException("more than " + MAX_BUCKETS + " distinct values");
      }
      int entries = (int) Math.min(MAX_BUCKETS, 2L * size);
      keys = Arrays.copyOf(keys, entries);
      hashes = Arrays.copyOf(hashes, entries);
      values = Arrays.copyOf(values, entries);
      previous = Arrays.copyOf(previous, entries);
    }
    keys[size] = key;
    hashes[size] = hash;
    values[size] = value;
    previous[size] = buckets[bucket];
    buckets[bucket] = ++size;
    if (size > buckets.length && buckets.length < MAX_BUCKETS) {
      rehash(buckets.length * 2);
    }
    return -1;
  }

  private int find(String key, int hash, int bucket) {
    for (int entry = buckets[bucket] - 1; entry >= 0; entry = previous[entry] - 1) {
      if (hashes[entry] == hash && keys[entry].equals(key)) {
        return entry;
      }
    }
    return -1;
  }

  /** As {@code HashMap}: the high bits folded in, so tables smaller than 2^16 see them too. */
  private int bucketOf(int hash) {
    return (hash ^ (hash >>> 16)) & (buckets.length - 1);
  }

  private void rehash(int bucketCount) {
    buckets = new int[bucketCount];
    for (int entry = 0; entry < size; entry++) {
      int bucket = bucketOf(hashes[entry]);
      previous[entry] = buckets[bucket];
      buckets[bucket] = entry + 1;
    }
  }
}
