package io.postflow.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.postflow.testkit.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WAN benchmark's delaying relay on loopback, on manual time: the clock only moves when the
 * relay waits, so what it waited for is exactly what it recorded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelayingRelayTest {
  private static final Duration ONE_WAY = Duration.ofMillis(20);
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-05T10:00:00Z"));

  @Test
  void aRequestAndItsAnswer_eachWaitTheOneWayDelay_soTheRoundTripIsTwice() throws Exception {
    try (ServerSocket far = loopbackListener();
        DelayingRelay relay = relay(far, 64 * 1024);
        Socket client = connect(relay)) {
      CompletableFuture.runAsync(() -> answerOneByte(far));
      client.getOutputStream().write('?');
      assertThat(client.getInputStream().read()).isEqualTo('!');
      // Neither side has closed: nothing else is in flight, so nothing else waited.
      assertThat(time.sleeps()).containsExactly(ONE_WAY, ONE_WAY);
      assertThat(time.now()).isEqualTo(Instant.parse("2026-01-05T10:00:00.040Z"));
    }
  }

  @Test
  void bulkBytes_throughASmallWindow_arriveIntactAndInOrder_andTheEndIsForwarded() throws Exception {
    byte[] payload = new byte[3 << 20];
    new Random(11).nextBytes(payload);
    try (ServerSocket far = loopbackListener();
        DelayingRelay relay = relay(far, 100_000); // far smaller than the payload: flow control
        Socket client = connect(relay)) {
      CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readToEndThenAnswer(far));
      OutputStream out = client.getOutputStream();
      for (int offset = 0; offset < payload.length; offset += 50_000) {
        out.write(payload, offset, Math.min(50_000, payload.length - offset));
      }
      client.shutdownOutput(); // the far side answers only once it sees the end
      assertThat(client.getInputStream().readAllBytes()).isEqualTo(sha256(payload));
      assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(payload);
      // No chunk ever waits longer than the delay, and some waited (the clock stands still
      // between reads, so the first chunk waits the whole delay).
      assertThat(time.sleeps()).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(ONE_WAY));
      assertThat(time.sleeps().get(0)).isEqualTo(ONE_WAY);
    }
  }

  private DelayingRelay relay(ServerSocket far, int window) throws Exception {
    return new DelayingRelay("test-relay", loopbackListener(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), far.getLocalPort()), ONE_WAY, window,
        time.clock(), time.sleeper());
  }

  private static ServerSocket loopbackListener() throws Exception {
    return new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
  }

  private static Socket connect(DelayingRelay relay) throws Exception {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port());
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** Answers '!' to '?' and keeps the connection open until the client ends it. */
  private static void answerOneByte(ServerSocket far) {
    try (Socket socket = far.accept()) {
      socket.setSoTimeout(30_000);
      if (socket.getInputStream().read() == '?') {
        socket.getOutputStream().write('!');
      }
      socket.getInputStream().read();
    } catch (Exception e) {
      // the test ended the connection
    }
  }

  private static byte[] readToEndThenAnswer(ServerSocket far) {
    try (Socket socket = far.accept()) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      socket.getOutputStream().write(sha256(all.toByteArray()));
      socket.shutdownOutput();
      return all.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
