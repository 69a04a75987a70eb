package io.postflow.production;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** What the readers' property tests feed them: real files damaged the ways files get damaged. */
public final class FuzzInputs {
  private FuzzInputs() {}

  /**
   * A copy of {@code original} with one change per number: the number picks the place and the
   * kind of change (a byte replaced, a range deleted, a range repeated, one of {@code pieces}
   * inserted, the file cut there).
   */
  public static byte[] mutate(byte[] original, List<Integer> choices, List<String> pieces) {
    byte[] bytes = original.clone();
    for (int i = 0; i < choices.size(); i++) {
      // Mixed first: generators favour small numbers and edge cases (0, 1, MAX_VALUE), which
      // would otherwise all pick the first bytes and the same kind of change.
      int choice = choices.get(i) * 0x9E3779B9 + i;
      int at = bytes.length == 0 ? 0 : Math.floorMod(choice, bytes.length);
      int span = Math.min(bytes.length - at, 1 + Math.floorMod(choice >>> 8, 80));
      bytes = switch (Math.floorMod(choice >>> 16, 5)) {
        case 0 -> {
          if (bytes.length > 0) {
            bytes[at] = (byte) (choice >>> 24);
          }
          yield bytes;
        }
        case 1 -> splice(bytes, at, span, new byte[0]);
        case 2 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + span));
        case 3 -> splice(bytes, at, 0, pieces.get(i % pieces.size()).getBytes(StandardCharsets.UTF_8));
        default -> Arrays.copyOf(bytes, at);
      };
    }
    return bytes;
  }

  /** The number of lines, as an editor counts them: CRLF, LF and a lone CR each end one. */
  public static int lineCount(byte[] bytes) {
    int lines = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
        lines++;
      }
    }
    return lines;
  }

  private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
    byte[] out = new byte[bytes.length - removed + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
    return out;
  }
}
