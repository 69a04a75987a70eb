package io.postflow.frameio.auth;

import java.net.URI;
import org.immutables.value.Value;

/**
 * One started OAuth login: the URL to open in a browser and the values needed to finish it.
 * Made by {@link ImsAuthenticator#beginLogin()}, finished by
 * {@link ImsAuthenticator#completeFromRedirectUrl(LoginRequest, String)}. Immutable;
 * {@code toString()} never shows the PKCE verifier.
 */
@Value.Immutable
public abstract class LoginRequest {
  /** The Adobe IMS authorization URL to open in a browser. Contains no secret. */
  public abstract URI authorizationUrl();

  /** The redirect URI registered in the Adobe Developer Console and sent with this login. */
  public abstract URI redirectUri();

  /** The random {@code state} the redirect must carry back. */
  public abstract String state();

  /** The PKCE code verifier, sent only with the code exchange. */
  @Value.Redacted
  abstract String codeVerifier();

  static LoginRequest of(URI authorizationUrl, URI redirectUri, String state, Pkce pkce) {
    return ImmutableLoginRequest.builder().authorizationUrl(authorizationUrl)
        .redirectUri(redirectUri).state(state).codeVerifier(pkce.verifier()).build();
  }
}
