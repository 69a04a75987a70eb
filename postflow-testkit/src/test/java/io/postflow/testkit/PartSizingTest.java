package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartSizingTest {
  @Test
  void split_ofTheOfficialExample_givesFrameIosThreeParts() {
    assertThat(PartSizing.split(50_645_990L, PartSizing.DEFAULT_MAX_PART_BYTES))
        .containsExactly(16_881_997L, 16_881_997L, 16_881_996L);
  }

  @Test
  void split_atAndAroundTheLimit() {
    assertThat(PartSizing.split(1, 25_000_000L)).containsExactly(1L);
    assertThat(PartSizing.split(25_000_000L, 25_000_000L)).containsExactly(25_000_000L);
    assertThat(PartSizing.split(25_000_001L, 25_000_000L)).containsExactly(12_500_001L, 12_500_000L);
  }

  @Test
  void split_ofFiveTerabytes_staysWithinS3sTenThousandParts() {
    var parts = PartSizing.split(5_000_000_000_000L, 25_000_000L);
    assertThat(parts).hasSize(10_000);
    assertThat(parts.stream().mapToLong(Long::longValue).sum()).isEqualTo(5_000_000_000_000L);
    assertThat(parts).allMatch(p -> p == 500_000_000L);
    assertThat(PartSizing.split(250_000_000_000L, 25_000_000L)).hasSize(10_000).allMatch(p -> p == 25_000_000L);
  }

  @Test
  void split_ofZero_isRefused() {
    assertThatThrownBy(() -> PartSizing.split(0, 25_000_000L)).isInstanceOf(IllegalArgumentException.class);
  }
}
