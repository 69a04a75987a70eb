package io.postflow.frameio;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on a free loopback port and a client wired to it with fake time. */
abstract class WireMockSupport {
  static final String ACCOUNT = "acc-1";

  WireMockServer wire;
  FakeTime time;
  CountingAuthenticator auth;
  FrameioClient client;

  @BeforeEach
  void startServer() {
    wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wire.start();
    time = new FakeTime();
    auth = new CountingAuthenticator();
    client = clientBuilder().build();
  }

  FrameioClient.Builder clientBuilder() {
    return FrameioClient.builder()
        .baseUri(URI.create("http://127.0.0.1:" + wire.port()))
        .authenticator(auth)
        .clock(time)
        .sleeper(time)
        .attemptTimeout(Duration.ofSeconds(5))
        .jitterSource(() -> 0.0);
  }

  FrameioAccount account() {
    return client.account(ACCOUNT);
  }

  @AfterEach
  void stopServer() {
    client.close();
    wire.stop();
  }

  static String data(String json) {
    return "{\"data\":" + json + "}";
  }

  static String folderJson(String id, String name, String createdAt) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"folder\",\"parent_id\":\"p\","
        + "\"project_id\":\"proj\",\"created_at\":\"" + createdAt + "\",\"updated_at\":\"" + createdAt
        + "\",\"view_url\":\"https://next.frame.io/x\",\"cover_file_id\":null,\"unknown_field\":{\"a\":1}}";
  }

  static String fileJson(String id, String parentId, String status) {
    return "{\"id\":\"" + id + "\",\"name\":\"UNDLM_00042_v002.mov\",\"type\":\"file\",\"parent_id\":\""
        + parentId + "\",\"project_id\":\"proj\",\"file_size\":50645990,\"media_type\":\"video/quicktime\","
        + "\"status\":\"" + status + "\",\"created_at\":\"2026-01-01T00:00:00.123456Z\"}";
  }
}
