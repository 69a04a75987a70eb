package io.postflow.frameio.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the webhook signature check: whatever headers and body arrive, the answer is
 * a {@link WebhookVerifier.Result}, never an exception; a genuine request verifies; changing any
 * byte of a signed body, or the timestamp, never does. {@code -Pfuzz} runs 100,000 cases each.
 */
class WebhookVerifierFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private static WebhookVerifier verifier() {
    return WebhookVerifier.builder().secret("whsec-fuzz-secret")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @Property
  void anyHeadersAndBody_getAResult_neverAnException(@ForAll("headerValues") String timestamp,
      @ForAll("headerValues") String signature, @ForAll @Size(max = 2048) byte[] body) {
    WebhookVerifier.Result result = verifier().verify(timestamp, signature, body);

    assertThat(result).isNotNull();
    assertThat(result.isValid()).as("an unsigned request is never valid").isFalse();
  }

  @Property
  void aGenuineRequest_verifies(@ForAll @Size(max = 1024) byte[] body,
      @ForAll @IntRange(min = -299, max = 299) int skewSeconds) {
    WebhookVerifier verifier = verifier();
    String timestamp = Long.toString(NOW.getEpochSecond() + skewSeconds);

    assertThat(verifier.verify(timestamp, verifier.signatureHeader(timestamp, body), body))
        .isEqualTo(WebhookVerifier.Result.VALID);
  }

  @Property
  void anyChangedByte_orAnotherTimestamp_failsTheSignature(@ForAll @Size(min = 1, max = 1024) byte[] body,
      @ForAll int position, @ForAll byte xor, @ForAll @IntRange(min = 1, max = 1000) int laterBy) {
    Assume.that(xor != 0);
    WebhookVerifier verifier = verifier();
    String timestamp = Long.toString(NOW.getEpochSecond());
    String signature = verifier.signatureHeader(timestamp, body);
    byte[] tampered = body.clone();
    tampered[Math.floorMod(position, body.length)] ^= xor;

    assertThat(verifier.verify(timestamp, signature, tampered))
        .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    assertThat(verifier.verify(Long.toString(NOW.getEpochSecond() - laterBy), signature, body))
        .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars("v0=0123456789abcdefABCDEF ,").ofMaxLength(80),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("", " ", "v0=", "v0=" + "0".repeat(64), "v1=" + "a".repeat(64),
            "9999999999999999999999", "-1", new String(new byte[] {(byte) 0xff}, StandardCharsets.ISO_8859_1)))
        .injectNull(0.05);
  }
}
