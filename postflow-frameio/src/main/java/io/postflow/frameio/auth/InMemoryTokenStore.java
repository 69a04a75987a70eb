package io.postflow.frameio.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TokenStore} that lives as long as the process: for tests, short scripts and services
 * that get their refresh token from a secret manager at start-up. Thread-safe, never blocks.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final AtomicReference<StoredCredentials> credentials = new AtomicReference<>();

  private InMemoryTokenStore(StoredCredentials initial) {
    credentials.set(initial);
  }

  /** An empty store. */
  public static InMemoryTokenStore create() {
    return new InMemoryTokenStore(null);
  }

  /** A store that starts with {@code initial}, e.g. a refresh token read from a secret manager. */
  public static InMemoryTokenStore of(StoredCredentials initial) {
    return new InMemoryTokenStore(Objects.requireNonNull(initial, "initial"));
  }

  @Override
  public Optional<StoredCredentials> load() {
    return Optional.ofNullable(credentials.get());
  }

  @Override
  public void save(StoredCredentials credentials) {
    this.credentials.set(Objects.requireNonNull(credentials, "credentials"));
  }

  @Override
  public void clear() {
    credentials.set(null);
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore{" + (credentials.get() == null ? "empty" : "holding credentials") + "}";
  }
}
