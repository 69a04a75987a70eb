package io.postflow.production.shotlist;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Finds the items of a list whose key an earlier item already has, once the list is whole: the
 * shot-list reader's repeated shot numbers and nomenclatures.
 *
 * <p>Why once at the end rather than a table filled row by row: a table of every row's key lives
 * through the whole read, beside the result it is building. Two of them (numbers, nomenclatures)
 * were 4 MB of a 100,000-row read that must fit in a heap of 5x the file. This sorts one
 * {@code long} an item (the key's hash and the item's index, 8 bytes, only for the time of the
 * sort) and compares strings only within runs of equal hashes.
 */
final class Repeats {
  /** Told of each repeat. */
  @FunctionalInterface
  interface Found {
    /**
     * @param index the item that repeats a key
     * @param first the first item with that key
     */
    void repeat(int index, int first);
  }

  private Repeats() {}

  /**
   * Calls {@code found} for each of the {@code count} items whose key (null: none) an item before
   * it has, in no particular order.
   */
  static void find(int count, IntFunction<String> key, Found found) {
    long[] keyed = new long[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      String k = key.apply(i);
      if (k != null) {
        keyed[n++] = (long) k.hashCode() << 32 | i; // sorted by hash, then by index
      }
    }
    Arrays.sort(keyed, 0, n);
    for (int start = 0, end; start < n; start = end) {
      int hash = (int) (keyed[start] >> 32);
      end = start + 1;
      while (end < n && (int) (keyed[end] >> 32) == hash) {
        end++;
      }
      if (end - start > 1) {
        // Equal hashes: the same key repeated, or (rarely) different keys. A map of this run's
        // keys keeps a list whose every row has the same number linear, not quadratic.
        Map<String, Integer> firsts = new HashMap<>();
        for (int j = start; j < end; j++) {
          int index = (int) keyed[j];
          Integer first = firsts.putIfAbsent(key.apply(index), index);
          if (first != null) {
            found.repeat(index, first);
          }
        }
      }
    }
  }
}
