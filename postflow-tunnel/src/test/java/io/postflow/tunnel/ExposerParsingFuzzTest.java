package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Property tests of what the exposer reads from the network: the Range header and the request
 * head. Whatever arrives, the answer is a range inside the file or a 4xx (505 only for another
 * HTTP version), never an unexpected exception. {@code -Pfuzz} runs 100,000 cases per property.
 */
class ExposerParsingFuzzTest {

  @Property
  void anyRangeHeader_givesTheWholeFile_aRangeInsideIt_orUnsatisfiable(
      @ForAll("rangeHeaders") String header, @ForAll @LongRange(min = 0, max = 1L << 42) long size) {
    RangeRequest range = RangeRequest.parse(header, size);

    switch (range.kind()) {
      case FULL -> {
        assertThat(range.start()).isZero();
        assertThat(range.endInclusive()).isEqualTo(size - 1);
      }
      case PARTIAL -> {
        assertThat(range.start()).isBetween(0L, size - 1);
        assertThat(range.endInclusive()).isBetween(range.start(), size - 1);
      }
      case UNSATISFIABLE -> assertThat(header).as("only a Range header can ask for missing bytes")
          .isNotNull();
    }
  }

  @Property
  void anyRequestHead_parsesOrIsRefusedWithA4xx(@ForAll("requestHeads") String head) {
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    try {
      HttpRequest request = HttpRequest.parse(bytes, bytes.length);
      assertThat(request).isNotNull();
    } catch (HttpRequest.BadRequest refused) {
      assertThat(refused.status).isIn(400, 505);
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> rangeHeaders() {
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 43).map(String::valueOf),
        Arbitraries.of("", "-1", "00", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", " 5", "5 ", "0x10", "1e3", "+3"));
    Arbitrary<String> spec = Combinators.combine(number, number, Arbitraries.of("-", "--", "", " - "))
        .as((a, b, dash) -> a + dash + b);
    Arbitrary<String> specs = Combinators.combine(spec.list().ofMinSize(0).ofMaxSize(70),
        Arbitraries.of(",", ", ", ",,")).as((list, comma) -> String.join(comma, list));
    Arbitrary<String> unit = Arbitraries.of("bytes=", "bytes=", "bytes=", "Bytes=", "bytes =", "items=",
        "bytes:", "");
    return Arbitraries.oneOf(
        Combinators.combine(unit, specs).as((u, s) -> u + s),
        Arbitraries.strings().ofMaxLength(200).injectNull(0.1));
  }

  @Provide
  Arbitrary<String> requestHeads() {
    Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("GET", "HEAD", "POST", "get", "", "G\u00e9T"),
        Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.of("/f/abc", "/", "*", "http://x/f", "/f/%00",
        "/f/../../etc/passwd", ""), Arbitraries.strings().ofMaxLength(60));
    Arbitrary<String> version = Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1 ", "http/1.1",
        "HTTP/1", "");
    Arbitrary<String> header = Combinators.combine(
        Arbitraries.oneOf(Arbitraries.of("Host", "Range", "Connection", "Content-Length",
            "Transfer-Encoding", " Host", "Ho st", ""), Arbitraries.strings().ofMaxLength(20)),
        Arbitraries.of(": ", ":", " : ", "", ":\t"),
        Arbitraries.oneOf(Arbitraries.of("bytes=0-1", "close", "keep-alive", "0", "chunked"),
            Arbitraries.strings().ofMaxLength(40)))
        .as((name, colon, value) -> name + colon + value);
    Arbitrary<List<String>> headers = header.list().ofMaxSize(8);
    return Combinators.combine(method, target, version, headers, Arbitraries.of(" ", "  ", "\t"))
        .as((m, t, v, h, sp) -> m + sp + t + sp + v + "\r\n" + String.join("\r\n", h)
            + (h.isEmpty() ? "" : "\r\n") + "\r\n");
  }
}
