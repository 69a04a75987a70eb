package io.postflow.testkit;

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
}
