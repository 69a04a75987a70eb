package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a fresh sandbox (rate limits off unless a test turns them on) and a raw HTTP helper for
 * each test, and closes it after. Subclasses adjust the builder in {@link #configure}.
 */
abstract class SandboxTestSupport {
  FrameioSandbox sandbox;
  SandboxHttp http;

  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder;
  }

  @BeforeEach
  void startSandbox() {
    sandbox = configure(FrameioSandbox.builder().rateLimits(false)).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /**
   * Returns once the sandbox's transcode ticker has finished two rounds after this call: the
   * second began after the call, so whatever the ticker would do about a change made before the
   * call, it has done. A "nothing happened" check made after this can fail; one made after a sleep
   * proves nothing on a busy machine.
   */
  static void awaitTickerChance(FrameioSandbox sandbox) throws InterruptedException {
    long target = sandbox.tickerRounds() + 2;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sandbox.tickerRounds() < target) {
      assertThat(deadline - System.nanoTime()).as("two transcode ticker rounds within 30 s").isPositive();
      Thread.sleep(1);
    }
  }
}
