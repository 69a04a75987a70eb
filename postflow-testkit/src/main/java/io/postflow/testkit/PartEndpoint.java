package io.postflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.postflow.api.LocalFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 side of a local upload: {@code PUT /s3/<bucket>/<fileId>/<partNumber>?X-Amz-...}. It checks
 * what S3 checks, in S3's order, with S3's XML errors: an {@code Authorization} header (400
 * InvalidArgument), chunked transfer (501 NotImplemented), no {@code Content-Length} (411
 * MissingContentLength), a bad signature or signed header (403 SignatureDoesNotMatch), an expired URL
 * (403 AccessDenied "Request has expired"), and a {@code Content-Length} other than the part's size
 * (400 EntityTooSmall / EntityTooLarge: S3 itself would only notice at completion, the sandbox tells
 * at once), an {@code x-amz-*} header the URL did not sign (403 AccessDenied "There were headers
 * present in the request which were not signed"), and a {@code Content-MD5} that is not a base64
 * MD5 (400 InvalidDigest) or does not match the bytes received (400 BadDigest, the part is not
 * kept). The body is streamed to a temp file, never held in memory; a part may be PUT again (last
 * wins) until the last part is in: that completes the upload, after which the upload no longer
 * exists for S3 (404 NoSuchUpload), so the bytes Frame.io serves and hashes never change under it.
 * Answers 200 with the ETag {@code "<md5 hex>"}.
 */
final class PartEndpoint implements HttpHandler {
  static final String BUCKET_PATH = "/s3/frameio-uploads/";
  private static final Logger LOG = LoggerFactory.getLogger(PartEndpoint.class);

  private final SandboxStore store;
  private final PresignedUrls urls;
  private final UploadLifecycle lifecycle;
  private final SandboxFaults faults;
  private final RequestLog log;
  private final Path tempDir;
  private final Clock clock;

  PartEndpoint(SandboxStore store, PresignedUrls urls, UploadLifecycle lifecycle, SandboxFaults faults,
      RequestLog log, Path tempDir) {
    this.store = store;
    this.urls = urls;
    this.lifecycle = lifecycle;
    this.faults = faults;
    this.log = log;
    this.tempDir = tempDir;
    this.clock = store.clock;
  }

  /** The path of part {@code index} (0-based) of a file; the URL says partNumber {@code index + 1}. */
  static String partPath(String fileId, int index) {
    return BUCKET_PATH + fileId + "/" + (index + 1);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    Call call = new Call(exchange, requestId, clock.instant());
    try {
      serve(call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.record(0);
      exchange.close();
    }
  }

  /** One PUT: the exchange and what the request log needs; logged just before the answer goes out. */
  private final class Call {
    final HttpExchange exchange;
    final String requestId;
    final Instant at;
    /** Set by the lose-answer fault: the part is kept, the connection closed instead of answering. */
    boolean loseAnswer;

    Call(HttpExchange exchange, String requestId, Instant at) {
      this.exchange = exchange;
      this.requestId = requestId;
      this.at = at;
    }

    void record(int status) {
      log.record(requestId, at, exchange.getRequestMethod(), exchange.getRequestURI(), "s3.put_part", status,
          exchange.getRequestHeaders());
    }

    /**
     * Answers an S3 error. The body is read and dropped first, so a client that sends a large part
     * before looking at the answer reads the error instead of a reset connection.
     */
    void error(int status, String code, String message) throws IOException {
      LOG.debug("Part PUT {} -> {} {}", requestId, status, code);
      try {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        LOG.debug("Part PUT {}: body already read ({})", requestId, e.toString()); // answered after reading it all
      }
      record(status);
      S3Errors.send(exchange, status, code, message, requestId);
    }
  }

  /** Why S3 refuses a PUT. */
  private record Rejection(int status, String code, String message) {}

  private void serve(Call call) throws IOException, InterruptedException {
    Thread.sleep(faults.handshakeDelayFor(call.exchange.getRemoteAddress().toString()).toMillis());
    if (applyFault(call)) {
      return;
    }
    Rejection rejection = checkRequest(call.exchange);
    if (rejection != null) {
      call.error(rejection.status(), rejection.code(), rejection.message());
      return;
    }
    String path = call.exchange.getRequestURI().getRawPath();
    String[] key = path.startsWith(BUCKET_PATH) ? path.substring(BUCKET_PATH.length()).split("/") : new String[0];
    FileAsset file = key.length == 2 && key[1].matches("[1-9][0-9]{0,5}") ? store.locked(() ->
        store.assets.get(key[0]) instanceof FileAsset f && f.acceptsParts() ? f : null) : null;
    int index = file == null ? -1 : Integer.parseInt(key[1]) - 1;
    if (file == null || index >= file.partSizes.size()) {
      call.error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid,"
          + " or the upload may have been aborted or completed.");
      return;
    }
    long length;
    try {
      length = Long.parseLong(call.exchange.getRequestHeaders().getFirst("Content-Length").trim());
    } catch (NumberFormatException e) {
      call.error(400, "InvalidArgument", "Content-Length is not a number");
      return;
    }
    long expected = file.partSizes.get(index);
    if (length != expected) {
      call.error(400, length < expected ? "EntityTooSmall" : "EntityTooLarge",
          "Part " + (index + 1) + " must be exactly " + expected + " bytes, Content-Length was " + length);
      return;
    }
    byte[] contentMd5 = contentMd5(call.exchange.getRequestHeaders().getFirst("Content-MD5"));
    if (contentMd5 != null && contentMd5.length != 16) {
      call.error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
      return;
    }
    receive(call, file, index, length, contentMd5);
  }

  /** The decoded {@code Content-MD5} header: null when absent, an empty array when not base64. */
  private static byte[] contentMd5(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(header.trim());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /** Applies an injected fault; true when the PUT has been answered (or dropped) by it. */
  private boolean applyFault(Call call) throws IOException, InterruptedException {
    SandboxFaults.PartFault fault = faults.nextPartFault();
    if (fault == null) {
      return false;
    }
    switch (fault.kind()) {
      case RESET -> {
        LOG.debug("Fault: resetting part PUT {}", call.requestId);
        call.record(0);
        call.exchange.close(); // no answer sent: the server drops the connection
        return true;
      }
      case FAIL -> {
        boolean slowDown = fault.status() == 503;
        call.error(fault.status(), slowDown ? "SlowDown" : "InternalError",
            slowDown ? "Please reduce your request rate." : "We encountered an internal error. Please try again.");
        return true;
      }
      case LOSE_ANSWER -> {
        call.loseAnswer = true;
        return false;
      }
      default -> {
        Thread.sleep(fault.stall().toMillis());
        return false;
      }
    }
  }

  /** S3's checks, in S3's order; null when the request may proceed. */
  private Rejection checkRequest(HttpExchange exchange) {
    var headers = exchange.getRequestHeaders();
    if (!exchange.getRequestMethod().equals("PUT")) {
      return new Rejection(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
    if (headers.containsKey("Authorization")) {
      return new Rejection(400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm"
          + " query parameter, Signature query string parameter or the Authorization header should be specified");
    }
    String transferEncoding = headers.getFirst("Transfer-Encoding");
    if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new Rejection(501, "NotImplemented",
          "A header you provided implies functionality that is not implemented (Transfer-Encoding)");
    }
    if (headers.getFirst("Content-Length") == null) {
      return new Rejection(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }
    PresignedUrls.Check check = urls.check("PUT", exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers.getFirst("Content-Type"), headers.getFirst("Host"),
        headers.getFirst("x-amz-acl"));
    return switch (check) {
      case MALFORMED -> new Rejection(400, "AuthorizationQueryParametersError",
          "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
              + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
      case BAD_SIGNATURE -> new Rejection(403, "SignatureDoesNotMatch", "The request signature we calculated"
          + " does not match the signature you provided. Check your key and signing method.");
      case EXPIRED -> new Rejection(403, "AccessDenied", "Request has expired");
      case VALID -> unsignedAmzHeader(headers) == null ? null : new Rejection(403, "AccessDenied",
          "There were headers present in the request which were not signed: " + unsignedAmzHeader(headers));
    };
  }

  /** The first {@code x-amz-*} header the URL does not sign (only {@code x-amz-acl} is signed), or null. */
  private static String unsignedAmzHeader(com.sun.net.httpserver.Headers headers) {
    for (String name : headers.keySet()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-") && !lower.equals("x-amz-acl")) {
        return lower;
      }
    }
    return null;
  }

  private void receive(Call call, FileAsset file, int index, long length, byte[] contentMd5) throws IOException {
    HttpExchange exchange = call.exchange;
    Path temp = Files.createTempFile(tempDir, file.id + "-" + (index + 1) + "-", ".part");
    MessageDigest md5 = md5();
    long received;
    try (InputStream in = new DigestInputStream(exchange.getRequestBody(), md5);
        OutputStream out = Files.newOutputStream(temp)) {
      store.lockedRun(() -> {
        if (file.uploadStartedAt == null) {
          file.uploadStartedAt = clock.instant();
        }
      });
      received = in.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      LOG.debug("Part {} of {} broke off: {}", index + 1, file.id, e.toString());
      throw e;
    }
    if (received != length) {
      Files.deleteIfExists(temp);
      call.error(400, "IncompleteBody",
          "You did not provide the number of bytes specified by the Content-Length HTTP header");
      return;
    }
    byte[] digest = md5.digest();
    if (contentMd5 != null && !MessageDigest.isEqual(digest, contentMd5)) {
      Files.deleteIfExists(temp);
      call.error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
      return;
    }
    String etag = HexFormat.of().formatHex(digest);
    Path stored = tempDir.resolve(file.id + "-" + (index + 1) + ".part");
    List<FileAsset.Part> complete = store.locked(() -> {
      if (!file.acceptsParts()) {
        return null; // completed while this part streamed in: refused below, the served bytes stay as they are
      }
      try {
        Files.move(temp, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new LocalFileException("cannot store the part", stored, e);
      }
      file.parts.put(index, new FileAsset.Part(stored, received, etag));
      file.bytesReceived = length(new ArrayList<>(file.parts.values()));
      if (file.allPartsReceived()) {
        file.partsSealed = true;
        return new ArrayList<>(file.parts.values());
      }
      return List.of();
    });
    if (complete == null) {
      Files.deleteIfExists(temp);
      call.error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid,"
          + " or the upload may have been aborted or completed.");
      return;
    }
    if (!complete.isEmpty()) {
      lifecycle.completed(file, UploadLifecycle.sha256(complete), length(complete));
    }
    if (call.loseAnswer) {
      LOG.debug("Fault: part {} of {} kept, answer lost", index + 1, file.id);
      call.record(0);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
    exchange.getResponseHeaders().set("x-amz-request-id", call.requestId);
    exchange.getResponseHeaders().set("x-request-id", call.requestId);
    call.record(200);
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private static long length(List<FileAsset.Part> parts) {
    return parts.stream().mapToLong(FileAsset.Part::bytes).sum();
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }
}
