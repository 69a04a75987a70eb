/**
 * PostFlow's Frame.io v4 client: Adobe IMS authentication, the REST client, the structure
 * manager, local and remote uploaders, version stacks, comments and webhooks.
 */
module io.postflow.frameio {
  requires transitive io.postflow.api;
  requires java.net.http;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static org.immutables.value.annotations;

  // Each export is switched on when its package has its first class (javac rejects empty ones).
  exports io.postflow.frameio;
  exports io.postflow.frameio.auth;
  exports io.postflow.frameio.webhooks;
}
