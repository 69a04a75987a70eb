package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.tunnel.RangeRequest.Kind;
import org.junit.jupiter.api.Test;

class RangeRequestTest {
  private static String show(RangeRequest r) {
    return r.kind() + (r.kind() == Kind.PARTIAL ? " " + r.start() + "-" + r.endInclusive() : "");
  }

  @Test
  void parse_coversTheRfcForms() {
    assertThat(show(RangeRequest.parse(null, 100))).isEqualTo("FULL");
    assertThat(show(RangeRequest.parse("bytes=0-0", 100))).isEqualTo("PARTIAL 0-0");
    assertThat(show(RangeRequest.parse("bytes=-1", 100))).isEqualTo("PARTIAL 99-99");
    assertThat(show(RangeRequest.parse("bytes=-1000", 100))).isEqualTo("PARTIAL 0-99");
    assertThat(show(RangeRequest.parse("bytes=50-", 100))).isEqualTo("PARTIAL 50-99");
    assertThat(show(RangeRequest.parse("BYTES = 1-2", 100))).isEqualTo("PARTIAL 1-2");
  }

  @Test
  void parse_whenInvalid_ignoresTheHeader() {
    for (String bad : new String[] {"bytes=5-4", "bytes=a-1", "bytes=1-2-3", "items=0-1", "bytes", "bytes=", "bytes=-",
        "bytes=0-1;x", "bytes=+1-"}) {
      assertThat(RangeRequest.parse(bad, 100).kind()).as(bad).isEqualTo(Kind.FULL);
    }
    assertThat(RangeRequest.parse("bytes=" + "0-0,".repeat(RangeRequest.MAX_RANGES + 1), 100).kind())
        .isEqualTo(Kind.FULL);
  }

  @Test
  void parse_whenNothingSatisfiable_is416_includingEmptyFilesAndZeroSuffix() {
    assertThat(RangeRequest.parse("bytes=100-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(RangeRequest.parse("bytes=-0", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(RangeRequest.parse("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(RangeRequest.parse("bytes=99999999999999999999999-", 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(show(RangeRequest.parse("bytes=200-300, 5-5", 100))).isEqualTo("PARTIAL 5-5");
  }

  @Test
  void parse_hugeNumbers_saturateInsteadOfOverflowing() {
    assertThat(show(RangeRequest.parse("bytes=0-99999999999999999999999", 100))).isEqualTo("PARTIAL 0-99");
    assertThat(show(RangeRequest.parse("bytes=-99999999999999999999999", 100))).isEqualTo("PARTIAL 0-99");
  }
}
