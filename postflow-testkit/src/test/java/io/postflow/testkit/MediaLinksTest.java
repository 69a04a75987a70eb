package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code media_links.original} is a signed link that expires, as Frame.io's CDN links are. */
class MediaLinksTest extends SandboxTestSupport {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
  private final byte[] bytes = "original bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.clock(clock).transcodeDelay(Duration.ZERO).mediaLinkExpiry(Duration.ofMinutes(10));
  }

  private String originalLink() throws InterruptedException {
    var upload = http.localUpload(sandbox.rootFolderId(), "A001.mov", bytes.length);
    SandboxHttp.putAll(upload, bytes);
    String file = http.account() + "/files/" + upload.get("id").asText() + "?include=media_links.original";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var original = SandboxHttp.data(http.get(file)).get("media_links").get("original");
      if (!original.isNull()) {
        return original.get("download_url").asText();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("never transcoded");
  }

  private static HttpResponse<String> download(String url) {
    return SandboxHttp.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  @Test
  void link_isSigned_andServesTheBytes_untilItExpires() throws Exception {
    String link = originalLink();
    assertThat(link).contains("Expires=").contains("Signature=").contains("Key-Pair-Id=");
    HttpResponse<String> ok = download(link);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("original bytes");

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    HttpResponse<String> expired = download(link);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body()).contains("AccessDenied").contains("expired");
  }

  @Test
  void link_withoutOrWithAnEditedSignature_is403() throws Exception {
    String link = originalLink();
    assertThat(download(link.substring(0, link.indexOf('?'))).statusCode()).isEqualTo(403);
    String later = link.replaceFirst("Expires=(\\d+)", "Expires=9999999999");
    assertThat(download(later).statusCode()).isEqualTo(403);
  }
}
