package io.postflow.api;

/**
 * Hands out a valid bearer token for Frame.io.
 *
 * <p><b>Contract.</b> Implementations are thread-safe. {@link #token()} blocks only when a token
 * must be obtained or refreshed; concurrent callers then wait for one single refresh (never one
 * each). A token is refreshed before it expires (with a skew) and again when the service rejects it
 * ({@link #refresh(AccessToken)}). Rotated refresh tokens are persisted before the new access token
 * is handed out, and an old refresh token is never reused. An interrupted caller gets a
 * {@link PostFlowException} with the interrupt flag restored.
 *
 * <p>Implementations: Adobe IMS OAuth Web App, IMS server-to-server, a static token.
 *
 * <p><b>Failures.</b> Every method throws an {@link AuthenticationException} when no valid token
 * can be had; its message says what the user must do (log in again, link the Frame.io user to an
 * Adobe ID, ...).
 */
public interface Authenticator extends AutoCloseable {

  /** A token valid for at least the implementation's skew from now. */
  AccessToken token();

  /**
   * Called when the service answered 401 to a request made with {@code rejected}. Returns a fresh
   * token, refreshing at most once however many callers report the same rejected token; when the
   * token was already replaced, returns the replacement without another refresh.
   */
  AccessToken refresh(AccessToken rejected);

  /** Revokes what can be revoked (the refresh token) and forgets it locally. Default: nothing. */
  default void revoke() {}

  /** Releases resources (listeners, threads). Does not revoke. Default: nothing. */
  @Override
  default void close() {}
}
