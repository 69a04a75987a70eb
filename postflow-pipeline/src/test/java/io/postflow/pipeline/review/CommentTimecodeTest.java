package io.postflow.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.production.timecode.FrameRate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommentTimecodeTest {
  @Test
  void aTimecodeString_isReadAtTheProductionsRate() {
    assertThat(CommentTimecode.smpte(Optional.of("00:00:02:12"), FrameRate.FPS_25)).contains("00:00:02:12");
    assertThat(CommentTimecode.smpte(Optional.of(" 01:00:00:23 "), FrameRate.FPS_24)).contains("01:00:00:23");
  }

  @Test
  void aFrameNumber_isCountedFromZeroAtTheProductionsRate() {
    assertThat(CommentTimecode.smpte(Optional.of("62"), FrameRate.FPS_25)).contains("00:00:02:12");
    assertThat(CommentTimecode.smpte(Optional.of("62"), FrameRate.FPS_24)).contains("00:00:02:14");
    assertThat(CommentTimecode.smpte(Optional.of("0"), FrameRate.FPS_23_976)).contains("00:00:00:00");
    assertThat(CommentTimecode.smpte(Optional.of("90000"), FrameRate.FPS_25)).contains("01:00:00:00");
  }

  @Test
  void noTimestampOrAnUnreadableOne_givesNone() {
    assertThat(CommentTimecode.smpte(Optional.empty(), FrameRate.FPS_25)).isEmpty();
    assertThat(CommentTimecode.smpte(Optional.of(""), FrameRate.FPS_25)).isEmpty();
    assertThat(CommentTimecode.smpte(Optional.of("two seconds in"), FrameRate.FPS_25)).isEmpty();
    assertThat(CommentTimecode.smpte(Optional.of("00:00:02:30"), FrameRate.FPS_25)).as("frame 30 at 25 fps").isEmpty();
  }
}
