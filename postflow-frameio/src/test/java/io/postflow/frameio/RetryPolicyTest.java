package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postflow.api.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaults_waitThirtySecondsAfterServerErrors() {
    RetryPolicy policy = RetryPolicy.ofDefaults();
    assertThat(policy.maxAttempts()).isEqualTo(4);
    assertThat(policy.minServerErrorDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void backoff_isExponentialCappedAndJitterOnlyLengthens() {
    RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(5))
        .jitter(0.5).build();
    Backoff none = new Backoff(policy, () -> 0.0);
    Backoff most = new Backoff(policy, () -> 0.999);

    assertThat(none.delay(Backoff.Reason.NETWORK, 1, 0, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(none.delay(Backoff.Reason.NETWORK, 3, 0, null)).isEqualTo(Duration.ofSeconds(4));
    assertThat(none.delay(Backoff.Reason.NETWORK, 10, 0, null)).isEqualTo(Duration.ofSeconds(5));
    assertThat(most.delay(Backoff.Reason.NETWORK, 10, 0, null)).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7500));
  }

  @Test
  void backoff_rateLimitedDoublesFromOneSecondAndHonoursRetryAfter() {
    Backoff backoff = new Backoff(RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).build(), () -> 0.0);

    assertThat(backoff.delay(Backoff.Reason.RATE_LIMITED, 1, 1, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(Backoff.Reason.RATE_LIMITED, 2, 2, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(Backoff.Reason.RATE_LIMITED, 3, 3, null)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delay(Backoff.Reason.RATE_LIMITED, 1, 1, Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    assertThat(backoff.delay(Backoff.Reason.SERVER_ERROR, 1, 0, null)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void build_namesTheSettingItRejects() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'maxAttempts'");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(9)).maxDelay(Duration.ofSeconds(1)).build())
        .hasMessage("'baseDelay' cannot be greater than 'maxDelay'");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build()).hasMessageContaining("'jitter'");
  }

  @Test
  void clientBuilder_namesTheSettingItRejects() {
    assertThatThrownBy(() -> FrameioClient.builder().build())
        .isInstanceOf(ConfigurationException.class).hasMessage("'authenticator' is required");
    CountingAuthenticator auth = new CountingAuthenticator();
    assertThatThrownBy(() -> FrameioClient.builder().authenticator(auth).baseUri(URI.create("ftp://x")).build())
        .hasMessageContaining("'baseUri'");
    assertThatThrownBy(() -> FrameioClient.builder().authenticator(auth).attemptTimeout(Duration.ofMinutes(2))
        .callTimeout(Duration.ofMinutes(1)).build()).hasMessageContaining("'callTimeout'");
  }

  @Test
  void endpointPath_encodesIdsAndRefusesEmptyOnes() {
    assertThat(Endpoint.FILE.path("a c", "f/1")).isEqualTo("/v4/accounts/a%20c/files/f%2F1");
    assertThatThrownBy(() -> Endpoint.FILE.path("a", "")).hasMessageContaining("file_id");
  }
}
