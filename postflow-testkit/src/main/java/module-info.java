/**
 * PostFlow's Frame.io v4 sandbox: an in-process HTTP server that behaves like the published
 * Frame.io v4 API, the S3 part endpoint behind its upload URLs and Adobe IMS, for tests and demos.
 * Only {@code io.postflow.testkit} is exported; see {@link io.postflow.testkit.FrameioSandbox}.
 */
module io.postflow.testkit {
  requires io.postflow.api;
  requires java.net.http;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.postflow.testkit;
}
