package io.postflow.frameio;

import io.postflow.api.AccessToken;
import io.postflow.api.Authenticator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out token-1, then token-2 after a refresh, ...; records which tokens were rejected. */
final class CountingAuthenticator implements Authenticator {
  private final AtomicInteger generation = new AtomicInteger(1);
  final List<String> rejected = new CopyOnWriteArrayList<>();

  @Override
  public AccessToken token() {
    return AccessToken.of("token-" + generation.get(), Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Override
  public synchronized AccessToken refresh(AccessToken rejectedToken) {
    rejected.add(rejectedToken.value());
    if (rejectedToken.value().equals("token-" + generation.get())) {
      generation.incrementAndGet();
    }
    return token();
  }

  int refreshes() {
    return rejected.size();
  }
}
