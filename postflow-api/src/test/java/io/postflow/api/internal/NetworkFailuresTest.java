package io.postflow.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.api.ServiceException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The words for each cause; postflow-frameio's NetworkFailuresTest makes the real failures. */
class NetworkFailuresTest {

  @Test
  void describe_looksThroughWrappers() {
    ConnectException dns = new ConnectException();
    dns.initCause(new UnresolvedAddressException());
    assertThat(NetworkFailures.describe(dns)).isEqualTo("host name not found (DNS)");
    assertThat(NetworkFailures.describe(new UnknownHostException("api.frame.io"))).isEqualTo("host name not found (DNS)");
    assertThat(NetworkFailures.describe(new java.io.IOException(new SSLHandshakeException("PKIX path building failed"))))
        .isEqualTo("TLS handshake failed: PKIX path building failed");
    assertThat(NetworkFailures.describe(new java.io.IOException("something else"))).isEqualTo("IOException: something else");
  }

  /** Seen under load: a reset that lands while the client writes comes out as its closed channel. */
  @Test
  void describe_aResetSeenAsTheClientsClosedChannel_isAReset() {
    java.io.IOException closed = new java.io.IOException(new java.nio.channels.ClosedChannelException());
    assertThat(NetworkFailures.kind(closed)).isEqualTo(NetworkFailures.Kind.RESET);
    assertThat(NetworkFailures.describe(closed)).startsWith("connection reset");
    ConnectException refused = new ConnectException();
    refused.initCause(new java.nio.channels.ClosedChannelException());
    assertThat(NetworkFailures.describe(refused)).isEqualTo("connection refused");
    assertThat(NetworkFailures.describe(new java.io.IOException("Connection reset by peer")))
        .isEqualTo("connection reset: Connection reset by peer");
  }

  @Test
  void serviceException_withoutAnswer_namesTheCause() {
    ServiceException e = new ServiceException("GET /v4/me", 0, null, List.of(), 4, true,
        new ConnectException("Connection refused"));
    assertThat(e).hasMessage("GET /v4/me failed: no answer (connection refused) after 4 attempts");
    ServiceException answered = new ServiceException("GET /v4/me", 503, null, List.of(), 2, true, null);
    assertThat(answered).hasMessage("GET /v4/me failed: HTTP 503 after 2 attempts");
  }
}
