package io.postflow.frameio.auth;

import java.util.Optional;

/**
 * Where {@link ImsAuthenticator} keeps the rotating refresh token between runs.
 *
 * <p><b>Contract.</b> Implementations are thread-safe. {@link #save} must be durable when it
 * returns: the authenticator saves a rotated refresh token <em>before</em> handing out the access
 * token that came with it, because IMS has already invalidated the previous refresh token. Methods
 * may block on I/O. Failures are thrown as {@link io.postflow.api.PostFlowException}s whose message
 * names where the credentials live and never contains a token.
 */
public interface TokenStore {

  /** The stored credentials, or empty when nothing has been saved (or after {@link #clear()}). */
  Optional<StoredCredentials> load();

  /** Replaces whatever was stored with {@code credentials}, durably. */
  void save(StoredCredentials credentials);

  /** Forgets the stored credentials. Does nothing when there are none. */
  void clear();
}
