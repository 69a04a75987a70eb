package io.postflow.frameio.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import io.postflow.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  static final String SECRET = "whsec-test-secret";
  static final String BODY = "{\"type\":\"file.ready\",\"resource\":{\"id\":\"f-1\",\"type\":\"file\"}}";
  static final String TIMESTAMP = "1772359200"; // 2026-03-01T10:00:00Z
  /** Computed independently: Python hmac.new(secret, "v0:" + ts + ":" + body, sha256). */
  static final String KNOWN_SIGNATURE =
      "v0=8f9eb890c581a25acdd055fdce6f00839a7c0163286fae098486a0dc89b301a9";
  static final Instant SIGNED_AT = Instant.ofEpochSecond(1772359200L);

  static WebhookVerifier verifierAt(Instant now) {
    return WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verify_knownVector_isValid() {
    WebhookVerifier verifier = verifierAt(SIGNED_AT.plusSeconds(3));

    assertThat(verifier.signatureHeader(TIMESTAMP, body(BODY))).isEqualTo(KNOWN_SIGNATURE);
    assertThat(verifier.verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.VALID);
  }

  @Test
  void verify_acceptsUppercaseHexAndSurroundingSpaces() {
    assertThat(verifierAt(SIGNED_AT).verify(" " + TIMESTAMP,
        "v0=" + KNOWN_SIGNATURE.substring(3).toUpperCase() + " ", body(BODY)).isValid()).isTrue();
  }

  @Test
  void verify_whenBodyTamperedOrTimestampChanged_isBadSignature() {
    WebhookVerifier verifier = verifierAt(SIGNED_AT);

    assertThat(verifier.verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY.replace("f-1", "f-2"))))
        .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    assertThat(verifier.verify("1772359201", KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    assertThat(WebhookVerifier.builder().secret("other").clock(Clock.fixed(SIGNED_AT,
        ZoneOffset.UTC)).build().verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
  }

  @Test
  void verify_whenOlderThanFiveMinutes_isTooOld_andAtTheEdgeStillValid() {
    assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(5)))
        .verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY))).isEqualTo(WebhookVerifier.Result.VALID);
    assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1))
        .verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY))).isEqualTo(WebhookVerifier.Result.TOO_OLD);
  }

  @Test
  void verify_whenFarInTheFuture_isRefused() {
    assertThat(verifierAt(SIGNED_AT.minus(Duration.ofMinutes(6)))
        .verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.FROM_THE_FUTURE);
  }

  @Test
  void verify_whenSameSignatureArrivesTwice_isReplayed() {
    WebhookVerifier verifier = verifierAt(SIGNED_AT);

    assertThat(verifier.verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY)).isValid()).isTrue();
    assertThat(verifier.verify(TIMESTAMP, KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.REPLAYED);
  }

  @Test
  void verify_forgetsSignaturesOnceOutsideTheWindow_soMemoryStaysBounded() {
    ManualClock clock = ManualClock.at(SIGNED_AT);
    WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).clock(clock).build();
    for (int i = 0; i < 100; i++) {
      String ts = Long.toString(clock.instant().getEpochSecond());
      assertThat(verifier.verify(ts, verifier.signatureHeader(ts, body(BODY + i)), body(BODY + i)))
          .isEqualTo(WebhookVerifier.Result.VALID);
      clock.advance(Duration.ofSeconds(10));
    }
    // 100 deliveries 10 s apart: only those of the last 5 minutes (31) are still remembered.
    assertThat(verifier.remembered()).isEqualTo(31);
  }

  @Test
  void verify_withMaxRemembered_evictsOldestFirst() {
    WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET)
        .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).maxRemembered(3).build();
    for (int i = 0; i < 10; i++) {
      verifier.verify(TIMESTAMP, verifier.signatureHeader(TIMESTAMP, body(BODY + i)), body(BODY + i));
    }
    assertThat(verifier.remembered()).isEqualTo(3);
    String last = verifier.signatureHeader(TIMESTAMP, body(BODY + 9));
    assertThat(verifier.verify(TIMESTAMP, last, body(BODY + 9)))
        .isEqualTo(WebhookVerifier.Result.REPLAYED);
  }

  @Test
  void verify_whenHeadersMissingOrMalformed_saysWhich() {
    WebhookVerifier verifier = verifierAt(SIGNED_AT);

    assertThat(verifier.verify(null, KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.MISSING_HEADER);
    assertThat(verifier.verify(TIMESTAMP, null, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.MISSING_HEADER);
    assertThat(verifier.verify("yesterday", KNOWN_SIGNATURE, body(BODY)))
        .isEqualTo(WebhookVerifier.Result.MALFORMED_TIMESTAMP);
    assertThat(verifier.verify(TIMESTAMP, KNOWN_SIGNATURE.substring(3), body(BODY)))
        .isEqualTo(WebhookVerifier.Result.MALFORMED_SIGNATURE);
    assertThat(verifier.verify(TIMESTAMP, "v0=zz" + KNOWN_SIGNATURE.substring(5), body(BODY)))
        .isEqualTo(WebhookVerifier.Result.MALFORMED_SIGNATURE);
    assertThat(WebhookVerifier.Result.MISSING_HEADER.reason()).contains("X-Frameio-Signature");
  }

  @Test
  void build_requiresSecret_andToStringHidesIt() {
    assertThatThrownBy(() -> WebhookVerifier.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("'secret' is required");
    assertThatThrownBy(() -> WebhookVerifier.builder().secret("s").tolerance(Duration.ZERO).build())
        .hasMessageContaining("'tolerance' must be between");
    assertThat(verifierAt(SIGNED_AT).toString()).doesNotContain(SECRET);
  }
}
