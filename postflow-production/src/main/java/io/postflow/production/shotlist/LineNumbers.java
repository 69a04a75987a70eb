package io.postflow.production.shotlist;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of line numbers held as an {@code int[]}: a normalisation can list every row
 * of a long shot list (a scene name spelled another way all along), and a {@code List<Integer>}
 * spends a 16-byte box and a 4-byte reference on each line where this spends 4 bytes.
 */
final class LineNumbers extends AbstractList<Integer> implements RandomAccess {
  private final int[] lines;

  private LineNumbers(int[] lines) {
    this.lines = lines;
  }

  /**
   * {@code lines}, copied unless already a {@code LineNumbers}.
   *
   * @throws NullPointerException when a line is null
   */
  static List<Integer> copyOf(List<Integer> lines) {
    if (lines instanceof LineNumbers already) {
      return already;
    }
    int[] copy = new int[lines.size()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = lines.get(i);
    }
    return new LineNumbers(copy);
  }

  @Override
  public Integer get(int index) {
    return lines[index];
  }

  @Override
  public int size() {
    return lines.length;
  }

  /** Collects line numbers one at a time. */
  static final class Builder {
    private int[] lines = new int[4];
    private int size;

    void add(int line) {
      if (size == lines.length) {
        lines = Arrays.copyOf(lines, size * 2);
      }
      lines[size++] = line;
    }

    List<Integer> build() {
      return new LineNumbers(Arrays.copyOf(lines, size));
    }
  }
}
