package io.postflow.testkit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Gives the fake IMS's answers an {@code x-request-id} and puts its requests in the sandbox request log as operation {@code ims}, with
 * {@code code}, tokens and client secrets masked in the query and {@code Authorization} (Basic
 * client credentials) masked in the headers. Form bodies are never logged.
 */
final class ImsRequestLogFilter extends Filter {
  private final RequestLog log;
  private final Clock clock;

  ImsRequestLogFilter(RequestLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Instant at = clock.instant();
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("x-request-id", requestId);
    try {
      chain.doFilter(exchange);
    } finally {
      log.record(requestId, at, exchange.getRequestMethod(), exchange.getRequestURI(), "ims",
          exchange.getResponseCode(), exchange.getRequestHeaders());
    }
  }

  @Override
  public String description() {
    return "Logs fake IMS requests with secrets masked";
  }
}
