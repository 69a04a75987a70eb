package io.postflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 part endpoint refuses what S3 refuses, with S3's codes. One test per rejection. */
class PartEndpointTest extends SandboxTestSupport {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-05T10:00:00Z"));
  private String url;
  private final byte[] part = new byte[100];

  @Override
  FrameioSandbox.Builder configure(FrameioSandbox.Builder builder) {
    return builder.clock(clock);
  }

  @BeforeEach
  void start() {
    JsonNode upload = http.localUpload(sandbox.rootFolderId(), "A001.mov", 100);
    url = upload.get("upload_urls").get(0).get("url").asText();
  }

  @Test
  void put_withExactHeaders_is200AndCompletesTheFile() {
    assertThat(put(url, "video/quicktime", "private").statusCode()).isEqualTo(200);
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().status()).isEqualTo("uploaded");
  }

  @Test
  void put_withExpectContinue_isAccepted() {
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(URI.create(url)).expectContinue(true)
        .header("Content-Type", "video/quicktime").header("x-amz-acl", "private")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void put_withCharsetAddedToContentType_is403SignatureDoesNotMatch() {
    HttpResponse<String> r = put(url, "video/quicktime; charset=utf-8", "private");
    assertS3Error(r, 403, "SignatureDoesNotMatch");
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().partsReceived()).isZero();
  }

  @Test
  void put_ofALargePartWithABadHeader_stillReadsThe403() {
    try (FrameioSandbox big = FrameioSandbox.builder().rateLimits(false).start()) {
      JsonNode upload = new SandboxHttp(big).localUpload(big.rootFolderId(), "big.mov", 8_000_000);
      HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(
          URI.create(upload.get("upload_urls").get(0).get("url").asText()))
          .header("Content-Type", "video/quicktime; charset=utf-8").header("x-amz-acl", "private")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[8_000_000])).build());
      assertS3Error(r, 403, "SignatureDoesNotMatch");
    }
  }

  @Test
  void put_withOtherContentType_is403SignatureDoesNotMatch() {
    assertS3Error(put(url, "application/octet-stream", "private"), 403, "SignatureDoesNotMatch");
  }

  @Test
  void put_withoutAcl_orWithOtherAcl_is403SignatureDoesNotMatch() {
    assertS3Error(put(url, "video/quicktime", null), 403, "SignatureDoesNotMatch");
    assertS3Error(put(url, "video/quicktime", "public-read"), 403, "SignatureDoesNotMatch");
  }

  @Test
  void put_withTamperedSignature_is403SignatureDoesNotMatch() {
    char last = url.charAt(url.length() - 1);
    String tampered = url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');
    assertS3Error(put(tampered, "video/quicktime", "private"), 403, "SignatureDoesNotMatch");
  }

  @Test
  void put_withTamperedQuery_is403SignatureDoesNotMatch() {
    String longer = url.replace("X-Amz-Expires=86400", "X-Amz-Expires=999999");
    assertThat(longer).isNotEqualTo(url);
    assertS3Error(put(longer, "video/quicktime", "private"), 403, "SignatureDoesNotMatch");
  }

  @Test
  void put_withoutSignature_is400AuthorizationQueryParametersError() {
    String unsigned = url.substring(0, url.indexOf("&X-Amz-Signature="));
    assertS3Error(put(unsigned, "video/quicktime", "private"), 400, "AuthorizationQueryParametersError");
  }

  @Test
  void put_afterExpiry_is403RequestHasExpired() {
    clock.advance(Duration.ofHours(24).plusSeconds(1));
    HttpResponse<String> r = put(url, "video/quicktime", "private");
    assertS3Error(r, 403, "AccessDenied");
    assertThat(r.body()).contains("<Message>Request has expired</Message>");
  }

  @Test
  void put_justBeforeExpiry_isAccepted() {
    clock.advance(Duration.ofHours(24));
    assertThat(put(url, "video/quicktime", "private").statusCode()).isEqualTo(200);
  }

  @Test
  void put_withAuthorizationHeader_is400InvalidArgument() {
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "video/quicktime").header("x-amz-acl", "private")
        .header("Authorization", "Bearer abc").PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build());
    assertS3Error(r, 400, "InvalidArgument");
  }

  @Test
  void put_chunked_is501NotImplemented() {
    SubmissionPublisher<ByteBuffer> source = new SubmissionPublisher<>();
    Flow.Publisher<ByteBuffer> publisher = subscriber -> {
      source.subscribe(subscriber);
      source.submit(ByteBuffer.wrap(part));
      source.close();
    };
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "video/quicktime").header("x-amz-acl", "private")
        .PUT(HttpRequest.BodyPublishers.fromPublisher(publisher)).build());
    assertS3Error(r, 501, "NotImplemented");
  }

  @Test
  void put_withoutContentLength_is411() throws Exception {
    String answer = raw("Content-Type: video/quicktime\r\nx-amz-acl: private\r\n", new byte[0]);
    assertThat(answer).startsWith("HTTP/1.1 411").contains("<Code>MissingContentLength</Code>");
  }

  @Test
  void put_withContentLengthOtherThanThePartSize_is400() throws Exception {
    String shorter = raw("Content-Type: video/quicktime\r\nx-amz-acl: private\r\nContent-Length: 60\r\n",
        new byte[60]);
    assertThat(shorter).startsWith("HTTP/1.1 400").contains("<Code>EntityTooSmall</Code>");
    String longer = raw("Content-Type: video/quicktime\r\nx-amz-acl: private\r\nContent-Length: 101\r\n",
        new byte[101]);
    assertThat(longer).startsWith("HTTP/1.1 400").contains("<Code>EntityTooLarge</Code>");
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().bytesReceived()).isZero();
  }

  @Test
  void put_ofADeletedFile_is404NoSuchUpload() {
    String id = sandbox.inspect().fileNamed("A001.mov").orElseThrow().id();
    assertThat(http.delete(http.account() + "/files/" + id).statusCode()).isEqualTo(204);
    assertS3Error(put(url, "video/quicktime", "private"), 404, "NoSuchUpload");
  }

  @Test
  void put_withAnUnsignedAmzHeader_is403HeadersNotSigned_andKeepsNothing() {
    HttpResponse<String> r = SandboxHttp.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "video/quicktime").header("x-amz-acl", "private")
        .header("x-amz-meta-shot", "UNDLM_00042").PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build());
    assertS3Error(r, 403, "AccessDenied");
    assertThat(r.body()).contains("There were headers present in the request which were not signed");
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().partsReceived()).isZero();
  }

  @Test
  void put_withAWrongContentMd5_is400BadDigest_andARightOneIsAccepted() throws Exception {
    byte[] otherMd5 = java.security.MessageDigest.getInstance("MD5").digest(new byte[] {1});
    HttpResponse<String> wrong = putWithMd5(java.util.Base64.getEncoder().encodeToString(otherMd5));
    assertS3Error(wrong, 400, "BadDigest");
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().partsReceived()).isZero();

    assertS3Error(putWithMd5("not base64!"), 400, "InvalidDigest");

    byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(part);
    assertThat(putWithMd5(java.util.Base64.getEncoder().encodeToString(md5)).statusCode()).isEqualTo(200);
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().status()).isEqualTo("uploaded");
  }

  @Test
  void put_afterTheUploadCompleted_is404NoSuchUpload_andTheServedBytesAndHashStay() throws Exception {
    assertThat(put(url, "video/quicktime", "private").statusCode()).isEqualTo(200);
    String hash = sandbox.inspect().fileNamed("A001.mov").orElseThrow().sha256();

    java.util.Arrays.fill(part, (byte) 7);
    assertS3Error(put(url, "video/quicktime", "private"), 404, "NoSuchUpload");
    clock.advance(Duration.ofSeconds(3)); // transcoded: re-PUTs still change nothing
    assertS3Error(put(url, "video/quicktime", "private"), 404, "NoSuchUpload");
    SandboxFile file = sandbox.inspect().fileNamed("A001.mov").orElseThrow();
    assertThat(file.sha256()).isEqualTo(hash);
    assertThat(file.sha256()).isEqualTo(sha256(new byte[100]));
  }

  @Test
  void losePartAnswers_keepsThePart_butTheClientHearsNothing() {
    sandbox.faults().losePartAnswers(1);
    assertThatThrownBy(() -> put(url, "video/quicktime", "private")).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(sandbox.inspect().fileNamed("A001.mov").orElseThrow().status()).isEqualTo("uploaded");
    assertS3Error(put(url, "video/quicktime", "private"), 404, "NoSuchUpload"); // the retry: already complete
  }

  private HttpResponse<String> putWithMd5(String md5) {
    return SandboxHttp.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "video/quicktime")
        .header("x-amz-acl", "private").header("Content-MD5", md5)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private HttpResponse<String> put(String target, String contentType, String acl) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(part));
    if (acl != null) {
      b.header("x-amz-acl", acl);
    }
    return SandboxHttp.send(b.build());
  }

  /** Sends a PUT over a raw socket so Content-Length can be wrong or absent. */
  private String raw(String headers, byte[] body) throws Exception {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
          + uri.getPort() + "\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static void assertS3Error(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains("<Error><Code>" + code + "</Code><Message>").contains("<RequestId>");
    assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
  }
}
