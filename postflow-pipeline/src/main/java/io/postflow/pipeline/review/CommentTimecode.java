package io.postflow.pipeline.review;

import io.postflow.api.InvalidInputException;
import io.postflow.production.timecode.FrameRate;
import io.postflow.production.timecode.Timecode;
import java.util.Optional;

/**
 * A Frame.io comment's timestamp as SMPTE timecode at the production's rate. Frame.io gives a
 * timecode string when asked ({@code timestamp_as_timecode}) and a frame number otherwise; which
 * frame a number's 0 is, is disputed (see the reference notes), so the string is preferred and a
 * number is read as 0-based frames from 00:00:00:00.
 */
final class CommentTimecode {
  private CommentTimecode() {}

  /** {@code 00:00:02:12}, or empty for a comment on the whole file or an unreadable timestamp. */
  static Optional<String> smpte(Optional<String> timestamp, FrameRate rate) {
    if (timestamp.isEmpty() || timestamp.get().isBlank()) {
      return Optional.empty();
    }
    String text = timestamp.get().strip();
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Optional.of(Timecode.ofFrames(Long.parseLong(text), rate, false).toString());
      }
      if (Timecode.looksLikeTimecode(text)) {
        return Optional.of(Timecode.parse(text, rate).toString());
      }
    } catch (InvalidInputException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
