/**
 * PostFlow's Frame.io v4 client: Adobe IMS authentication, the REST client, the structure
 * manager, local and remote uploaders, version stacks, comments, custom metadata, shares and
 * webhooks.
 */
module io.postflow.frameio {
  requires transitive io.postflow.api;
  requires java.net.http;
  requires jdk.httpserver; // only for the tests' own servers now, which compile in this module
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

  // Each export is switched on when its package has its first class (javac rejects empty ones).
  exports io.postflow.frameio;
  exports io.postflow.frameio.auth;
  exports io.postflow.frameio.webhooks;
  // io.postflow.frameio.internal (the HTTP server behind the webhook receiver and the login
  // listener) is not exported: not API.
}
