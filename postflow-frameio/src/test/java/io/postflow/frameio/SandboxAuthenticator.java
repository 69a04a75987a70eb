package io.postflow.frameio;

import io.postflow.api.AccessToken;
import io.postflow.api.Authenticator;
import io.postflow.testkit.FrameioSandbox;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Tokens from the sandbox's fake IMS; a refresh issues a new one (once per rejected token). */
final class SandboxAuthenticator implements Authenticator {
  private final FrameioSandbox sandbox;
  private volatile AccessToken current;
  final AtomicInteger refreshes = new AtomicInteger();

  SandboxAuthenticator(FrameioSandbox sandbox) {
    this.sandbox = sandbox;
    this.current = issue();
  }

  private AccessToken issue() {
    return AccessToken.of(sandbox.issueAccessToken(), Instant.now().plusSeconds(3600));
  }

  @Override
  public AccessToken token() {
    return current;
  }

  @Override
  public synchronized AccessToken refresh(AccessToken rejected) {
    if (rejected.value().equals(current.value())) {
      refreshes.incrementAndGet();
      current = issue();
    }
    return current;
  }
}
