package io.postflow.frameio.auth;

import io.postflow.api.AccessToken;
import java.util.Optional;

/** What IMS's token endpoint answered: the access token and, for refreshing grants, a new refresh token. */
final class TokenResponse {
  private final AccessToken accessToken;
  private final String refreshToken;

  TokenResponse(AccessToken accessToken, String refreshToken) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
  }

  AccessToken accessToken() {
    return accessToken;
  }

  Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  @Override
  public String toString() {
    return "TokenResponse{accessToken=" + accessToken + ", refreshToken="
        + (refreshToken == null ? "none" : "****") + "}";
  }
}
