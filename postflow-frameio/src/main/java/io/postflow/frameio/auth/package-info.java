/**
 * Adobe IMS authentication for Frame.io: OAuth Web App, server-to-server, static tokens.
 *
 * <p>Every class here implements {@link io.postflow.api.Authenticator}: thread-safe, one refresh
 * at a time however many threads ask, tokens refreshed five minutes before they expire and once
 * more when Frame.io answers 401. Pick one:
 *
 * <ul>
 *   <li>{@link io.postflow.frameio.auth.ImsAuthenticator}: a user logs in once in a browser
 *       (loopback HTTPS listener, or pasting the redirect URL on a headless machine); the rotating
 *       refresh token is kept in a {@link io.postflow.frameio.auth.TokenStore}, by default a
 *       {@link io.postflow.frameio.auth.FileTokenStore} readable by its owner only.
 *   <li>{@link io.postflow.frameio.auth.ServerToServerAuthenticator}: client credentials, for
 *       accounts administered through the Adobe Admin Console.
 *   <li>{@link io.postflow.frameio.auth.StaticTokenAuthenticator}: a token obtained elsewhere.
 * </ul>
 *
 * <pre>{@code
 * ImsAuthenticator auth = ImsAuthenticator.builder()
 *     .clientId(clientId).clientSecret(clientSecret)
 *     .redirectUri(URI.create("https://localhost:8443/callback"))
 *     .build();
 * auth.loginWithLoopback(url -> log.info("Open {}", url), Duration.ofMinutes(5)); // once
 * String bearer = auth.token().value();
 * }</pre>
 *
 * <p>Failures are {@link io.postflow.api.AuthenticationException}s whose message ends with what to
 * do (log in again, enable a scope in the Adobe Developer Console, link the Frame.io user to an
 * Adobe ID: see {@link io.postflow.frameio.auth.AuthErrors#fromFrameio401(String)}). No token,
 * code, verifier or client secret appears in a log line, message or {@code toString()}.
 */
@PostFlowStyle
package io.postflow.frameio.auth;

import io.postflow.api.PostFlowStyle;
