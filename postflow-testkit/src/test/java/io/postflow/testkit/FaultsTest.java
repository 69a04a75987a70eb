package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest extends SandboxTestSupport {

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.transcodeDelay(Duration.ZERO);
  }

  @Test
  void failPartPuts_failsExactlyTheNextN_withS3Errors() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 4);
    String url = upload.get("upload_urls").get(0).get("url").asText();
    sandbox.faults().failPartPuts(2, 503);
    HttpResponse<String> first = SandboxHttp.putPart(url, "video/quicktime", new byte[4]);
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.body()).contains("<Code>SlowDown</Code>");
    assertThat(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).statusCode()).isEqualTo(503);
    assertThat(sandbox.inspect().fileNamed("a.mov").orElseThrow().partsReceived()).isZero();
    assertThat(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).statusCode()).isEqualTo(200);

    sandbox.faults().failPartPuts(1, 500);
    assertThat(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).body()).contains("<Code>InternalError</Code>");
  }

  @Test
  void resetPartPuts_dropsTheConnectionWithoutAnswer() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 4);
    String url = upload.get("upload_urls").get(0).get("url").asText();
    sandbox.faults().resetPartPuts(1);
    HttpRequest put = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "video/quicktime")
        .header("x-amz-acl", "private").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[4])).build();
    assertThatThrownBy(() -> SandboxHttp.CLIENT.send(put, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).statusCode()).isEqualTo(200);
    assertThat(sandbox.inspect().requests(r -> r.operation().equals("s3.put_part")))
        .extracting(RecordedRequest::status).containsExactly(0, 200);
  }

  @Test
  void stallPartPuts_holdsTheAnswerForTheDuration() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 4);
    String url = upload.get("upload_urls").get(0).get("url").asText();
    sandbox.faults().stallPartPuts(1, Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void failPartPutShare_isRepeatableWithTheSameSeed() {
    assertThat(sharePattern(7)).isEqualTo(sharePattern(7)).contains(200, 503);
  }

  private List<Integer> sharePattern(long seed) {
    try (FrameioSandbox seeded = FrameioSandbox.builder().rateLimits(false).randomSeed(seed).start()) {
      JsonNode upload = new SandboxHttp(seeded).localUpload(seeded.rootFolderId(), "a.mov", 4);
      String url = upload.get("upload_urls").get(0).get("url").asText();
      seeded.faults().failPartPutShare(0.5, 503);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        statuses.add(SandboxHttp.putPart(url, "video/quicktime", new byte[4]).statusCode());
      }
      return statuses;
    }
  }

  @Test
  void rateLimitStorm_answersTheNextN429WithHeaders() {
    sandbox.faults().rateLimitStorm(3);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = http.get("/v4/me");
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("x-ratelimit-remaining")).contains("0");
      assertThat(SandboxHttp.json(r).get("errors")).isNotEmpty();
    }
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void rateLimitShare_ofOne_refusesEverything_untilCleared() {
    sandbox.faults().rateLimitShare(1.0);
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(429);
    assertThat(http.get("/v4/accounts").statusCode()).isEqualTo(429);
    sandbox.faults().clear();
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void latency_delaysEveryAnswer() {
    sandbox.faults().latency(Duration.ofMillis(200));
    long start = System.nanoTime();
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void expireTokensNow_makesIssuedTokens401_newOnesWork() {
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
    sandbox.faults().expireTokensNow();
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(401);
    http.token = sandbox.issueAccessToken();
    assertThat(http.get("/v4/me").statusCode()).isEqualTo(200);
  }

  @Test
  void stallTranscodes_keepsFilesUploaded_untilLifted() throws Exception {
    sandbox.faults().stallTranscodes(true);
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 3);
    SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
    awaitTickerChance(sandbox); // the transcode was due at once: only the stall can hold it
    String id = upload.get("id").asText();
    assertThat(sandbox.inspect().file(id).orElseThrow().status()).isEqualTo("uploaded");
    sandbox.faults().stallTranscodes(false);
    awaitStatus(id, "transcoded");
  }

  @Test
  void failTranscodes_reportsUploadFailed_andNeverTranscodes() throws Exception {
    sandbox.faults().failTranscodes(true);
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 3);
    SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
    String id = upload.get("id").asText();
    JsonNode status = SandboxHttp.data(http.get(http.account() + "/files/" + id + "/status"));
    assertThat(status.get("upload_failed").asBoolean()).isTrue();
    assertThat(status.get("upload_complete").asBoolean()).isTrue();
    assertThat(SandboxHttp.data(http.get(http.account() + "/files/" + id)).get("status").asText()).isEqualTo("uploaded");
  }

  @Test
  void raceNextFolderCreate_addsOneDuplicateSibling_once() {
    sandbox.faults().raceNextFolderCreate("SHOTS");
    String root = sandbox.rootFolderId();
    http.createFolder(root, "OTHER");
    http.createFolder(root, "SHOTS");
    assertThat(sandbox.inspect().tree().children()).extracting(SandboxNode::name)
        .containsExactly("OTHER", "SHOTS", "SHOTS");
    http.createFolder(root, "SHOTS");
    assertThat(sandbox.inspect().tree().children()).hasSize(4);
  }

  @Test
  void faultSetters_rejectBadArguments() {
    assertThatThrownBy(() -> sandbox.faults().failPartPuts(1, 404)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().failPartPutShare(1.5, 500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().rateLimitStorm(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  private void awaitStatus(String id, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (sandbox.inspect().file(id).orElseThrow().status().equals(expected)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("file " + id + " never became " + expected);
  }
}
