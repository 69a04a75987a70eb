package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** local_upload and the full created -> uploaded -> transcoded path. */
class LocalUploadTest extends SandboxTestSupport {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.clock(clock).maxPartBytes(1000).transcodeDelay(Duration.ofSeconds(30));
  }

  @Test
  void localUpload_returnsCreatedFileWithMediaTypeAndEvenParts() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "UNDLM_00042_v002.mov", 2500);
    assertThat(upload.get("status").asText()).isEqualTo("created");
    assertThat(upload.get("type").asText()).isEqualTo("file");
    assertThat(upload.get("media_type").asText()).isEqualTo("video/quicktime");
    assertThat(upload.get("file_size").asLong()).isEqualTo(2500);
    assertThat(upload.get("upload_urls")).extracting(u -> u.get("size").asLong()).containsExactly(834L, 833L, 833L);
    String url = upload.get("upload_urls").get(0).get("url").asText();
    assertThat(url).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Credential=", "X-Amz-Date=",
        "X-Amz-Expires=", "X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-acl", "X-Amz-Signature=");
  }

  @Test
  void localUpload_withDefaultRule_splitsTheOfficialExampleLikeFrameio() {
    try (FrameioSandbox real = FrameioSandbox.builder().rateLimits(false).start()) {
      JsonNode upload = new SandboxHttp(real).localUpload(real.rootFolderId(), "a.mov", 50_645_990L);
      assertThat(upload.get("upload_urls")).extracting(u -> u.get("size").asLong())
          .containsExactly(16_881_997L, 16_881_997L, 16_881_996L);
    }
  }

  @Test
  void localUpload_mediaTypes_followTheExtension() {
    String root = sandbox.rootFolderId();
    assertThat(http.localUpload(root, "a.MP4", 1).get("media_type").asText()).isEqualTo("video/mp4");
    assertThat(http.localUpload(root, "a.mxf", 1).get("media_type").asText()).isEqualTo("application/mxf");
    assertThat(http.localUpload(root, "a.wav", 1).get("media_type").asText()).isEqualTo("audio/wav");
    assertThat(http.localUpload(root, "a.jpg", 1).get("media_type").asText()).isEqualTo("image/jpeg");
    assertThat(http.localUpload(root, "a.pdf", 1).get("media_type").asText()).isEqualTo("application/pdf");
    assertThat(http.localUpload(root, "README", 1).get("media_type").asText()).isEqualTo("application/octet-stream");
  }

  @Test
  void localUpload_withExtraOrMissingOrInvalidFields_is422() {
    String path = http.account() + "/folders/" + sandbox.rootFolderId() + "/files/local_upload";
    HttpResponse<String> mediaType = http.post(path,
        "{\"data\":{\"name\":\"a.mov\",\"file_size\":10,\"media_type\":\"video/quicktime\"}}");
    assertThat(mediaType.statusCode()).isEqualTo(422);
    assertThat(ApiConventionsTest.pointer(mediaType)).isEqualTo("/data/media_type");
    assertThat(ApiConventionsTest.pointer(http.post(path, "{\"data\":{\"name\":\"a.mov\"}}"))).isEqualTo("/data/file_size");
    assertThat(ApiConventionsTest.pointer(http.post(path, "{\"data\":{\"file_size\":3}}"))).isEqualTo("/data/name");
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"file_size\":0}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"file_size\":5000000000001}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"file_size\":\"10\"}}").statusCode()).isEqualTo(422);
    assertThat(http.post(path, "{\"data\":{\"name\":\"a.mov\",\"file_size\":5000000000000}}").statusCode()).isEqualTo(201);
  }

  @Test
  void upload_goesCreatedUploadedTranscoded_onTheSandboxClock_withTheSha256OfTheBytes() throws Exception {
    byte[] bytes = new byte[2500];
    new Random(7).nextBytes(bytes);
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "shot.mov", bytes.length);
    String id = upload.get("id").asText();
    String file = http.account() + "/files/" + id;

    JsonNode before = SandboxHttp.data(http.get(file + "/status"));
    assertThat(before.get("upload_complete").asBoolean()).isFalse();
    assertThat(before.get("upload_failed").asBoolean()).isFalse();
    assertThat(before.get("filetype").asText()).isEqualTo("video/quicktime");

    SandboxHttp.putAll(upload, bytes);

    JsonNode status = SandboxHttp.data(http.get(file + "/status"));
    assertThat(status.get("upload_complete").asBoolean()).isTrue();
    assertThat(status.get("upload_completed_at").asText()).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(SandboxHttp.data(http.get(file)).get("status").asText()).isEqualTo("uploaded");
    JsonNode links = SandboxHttp.data(http.get(file + "?include=media_links.original")).get("media_links");
    assertThat(links.get("original").isNull()).isTrue();

    clock.advance(Duration.ofSeconds(29));
    awaitTickerChance(sandbox); // the ticker saw 29 s pass: nothing may happen before the delay
    assertThat(SandboxHttp.data(http.get(file)).get("status").asText()).isEqualTo("uploaded");
    clock.advance(Duration.ofSeconds(1));
    awaitStatus(file, "transcoded");

    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    SandboxFile inspected = sandbox.inspect().file(id).orElseThrow();
    assertThat(inspected.sha256()).isEqualTo(sha);
    assertThat(inspected.bytesReceived()).isEqualTo(2500);
    assertThat(inspected.partsReceived()).isEqualTo(3);

    String original = SandboxHttp.data(http.get(file + "?include=media_links.original"))
        .get("media_links").get("original").get("download_url").asText();
    HttpResponse<byte[]> download = SandboxHttp.CLIENT.send(HttpRequest.newBuilder(URI.create(original)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(bytes);
  }

  @Test
  void upload_withZeroTranscodeDelay_isTranscodedAtOnce() {
    try (FrameioSandbox fast = FrameioSandbox.builder().clock(clock).rateLimits(false)
        .transcodeDelay(Duration.ZERO).start()) {
      SandboxHttp fastHttp = new SandboxHttp(fast);
      JsonNode upload = fastHttp.localUpload(fast.rootFolderId(), "a.png", 3);
      SandboxHttp.putAll(upload, new byte[] {1, 2, 3});
      assertThat(SandboxHttp.data(fastHttp.get(fastHttp.account() + "/files/" + upload.get("id").asText()))
          .get("status").asText()).isEqualTo("transcoded");
    }
  }

  @Test
  void partPuts_inParallel_completeOnceWithTheRightSha() throws Exception {
    byte[] bytes = new byte[9_500];
    new Random(11).nextBytes(bytes);
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "par.mov", bytes.length);
    JsonNode urls = upload.get("upload_urls");
    assertThat(urls).hasSize(10);
    ExecutorService workers = Executors.newFixedThreadPool(5);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      int offset = 0;
      for (JsonNode part : urls) {
        byte[] slice = Arrays.copyOfRange(bytes, offset, offset + part.get("size").asInt());
        offset += slice.length;
        statuses.add(workers.submit(() ->
            SandboxHttp.putPart(part.get("url").asText(), "video/quicktime", slice).statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      workers.shutdownNow();
    }
    SandboxFile file = sandbox.inspect().fileNamed("par.mov").orElseThrow();
    assertThat(file.status()).isEqualTo("uploaded");
    assertThat(file.partsReceived()).isEqualTo(10);
    assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  @Test
  void partPut_again_lastOneWins() throws Exception {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 1500);
    JsonNode first = upload.get("upload_urls").get(0);
    SandboxHttp.putPart(first.get("url").asText(), "video/quicktime", new byte[750]);
    byte[] second = new byte[750];
    java.util.Arrays.fill(second, (byte) 9);
    assertThat(SandboxHttp.putPart(first.get("url").asText(), "video/quicktime", second).statusCode()).isEqualTo(200);
    byte[] last = new byte[750];
    SandboxHttp.putPart(upload.get("upload_urls").get(1).get("url").asText(), "video/quicktime", last);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(second);
    sha.update(last);
    SandboxFile file = sandbox.inspect().file(upload.get("id").asText()).orElseThrow();
    assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    assertThat(file.status()).isEqualTo("uploaded");
  }

  @Test
  void partPut_answersTheQuotedMd5AsEtag() throws Exception {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "a.mov", 4);
    byte[] body = {1, 2, 3, 4};
    HttpResponse<String> r = SandboxHttp.putPart(upload.get("upload_urls").get(0).get("url").asText(),
        "video/quicktime", body);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    assertThat(r.headers().firstValue("ETag")).contains("\"" + md5 + "\"");
  }

  private void awaitStatus(String file, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String status = null;
    while (System.nanoTime() < deadline) {
      status = SandboxHttp.data(http.get(file)).get("status").asText();
      if (status.equals(expected)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("status stayed " + status + ", expected " + expected);
  }
}
