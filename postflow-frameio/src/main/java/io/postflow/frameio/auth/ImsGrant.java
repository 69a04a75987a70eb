package io.postflow.frameio.auth;

/** The IMS calls PostFlow makes; they differ in what a failure means for the user. */
enum ImsGrant {
  AUTHORIZATION_CODE("authorization code exchange"),
  REFRESH_TOKEN("token refresh"),
  CLIENT_CREDENTIALS("server-to-server token request"),
  REVOKE("revocation");

  private final String description;

  ImsGrant(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
