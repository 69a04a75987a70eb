/**
 * The live dashboard of a running PostFlow pipeline: {@link io.postflow.dashboard.Dashboard}.
 * Served by the JDK's HTTP server with assets from this jar (no CDN: it works offline), live
 * through server-sent events, Prometheus metrics when Micrometer's Prometheus registry is present.
 */
module io.postflow.dashboard {
  requires transitive io.postflow.pipeline;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static micrometer.core;
  requires static micrometer.registry.prometheus;

  exports io.postflow.dashboard;
}
