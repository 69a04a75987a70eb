package io.postflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
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
import java.util.HexFormat;
import java.util.List;
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
 * at once). The body is streamed to a temp file, never held in memory; a part may be PUT again (last
 * wins); the last part in completes the upload. Answers 200 with the ETag {@code "<md5 hex>"}.
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
    Instant at = clock.instant();
    int status = 0;
    try {
      status = serve(exchange, requestId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } finally {
      String raw = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      log.record(requestId, at, exchange.getRequestMethod(), raw, "s3.put_part", status,
          exchange.getRequestHeaders());
    }
  }

  private int serve(HttpExchange exchange, String requestId) throws IOException, InterruptedException {
    var headers = exchange.getRequestHeaders();
    SandboxFaults.PartFault fault = faults.nextPartFault();
    if (fault != null) {
      switch (fault.kind()) {
        case RESET -> {
          LOG.debug("Fault: resetting part PUT {}", requestId);
          exchange.close(); // no answer sent: the server drops the connection
          return 0;
        }
        case FAIL -> {
          exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
          boolean slowDown = fault.status() == 503;
          return error(exchange, fault.status(), slowDown ? "SlowDown" : "InternalError",
              slowDown ? "Please reduce your request rate." : "We encountered an internal error. Please try again.",
              requestId);
        }
        case STALL -> Thread.sleep(fault.stall().toMillis());
      }
    }
    if (!exchange.getRequestMethod().equals("PUT")) {
      return error(exchange, 405, "MethodNotAllowed",
          "The specified method is not allowed against this resource.", requestId);
    }
    if (headers.containsKey("Authorization")) {
      return error(exchange, 400, "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query"
              + " string parameter or the Authorization header should be specified", requestId);
    }
    String transferEncoding = headers.getFirst("Transfer-Encoding");
    if (transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
      return error(exchange, 501, "NotImplemented",
          "A header you provided implies functionality that is not implemented (Transfer-Encoding)", requestId);
    }
    String contentLength = headers.getFirst("Content-Length");
    if (contentLength == null) {
      return error(exchange, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.",
          requestId);
    }
    PresignedUrls.Check check = urls.check("PUT", exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers.getFirst("Content-Type"), headers.getFirst("Host"),
        headers.getFirst("x-amz-acl"));
    switch (check) {
      case MALFORMED -> {
        return error(exchange, 400, "AuthorizationQueryParametersError",
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", requestId);
      }
      case BAD_SIGNATURE -> {
        return error(exchange, 403, "SignatureDoesNotMatch", "The request signature we calculated does not"
            + " match the signature you provided. Check your key and signing method.", requestId);
      }
      case EXPIRED -> {
        return error(exchange, 403, "AccessDenied", "Request has expired", requestId);
      }
      case VALID -> { }
    }
    String[] key = exchange.getRequestURI().getRawPath().substring(BUCKET_PATH.length()).split("/");
    FileAsset file = key.length == 2 ? store.locked(() -> {
      Asset asset = store.assets.get(key[0]);
      return asset instanceof FileAsset f ? f : null;
    }) : null;
    int index = file == null ? -1 : Integer.parseInt(key[1]) - 1;
    if (file == null || index < 0 || index >= file.partSizes.size()) {
      return error(exchange, 404, "NoSuchUpload", "The specified upload does not exist.", requestId);
    }
    long length;
    try {
      length = Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return error(exchange, 400, "InvalidArgument", "Content-Length is not a number", requestId);
    }
    long expected = file.partSizes.get(index);
    if (length != expected) {
      return error(exchange, 400, length < expected ? "EntityTooSmall" : "EntityTooLarge",
          "Part " + (index + 1) + " must be exactly " + expected + " bytes, Content-Length was " + length,
          requestId);
    }
    return receive(exchange, file, index, length, requestId);
  }

  private int receive(HttpExchange exchange, FileAsset file, int index, long length, String requestId)
      throws IOException {
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
      return error(exchange, 400, "IncompleteBody",
          "You did not provide the number of bytes specified by the Content-Length HTTP header", requestId);
    }
    String etag = HexFormat.of().formatHex(md5.digest());
    Path stored = tempDir.resolve(file.id + "-" + (index + 1) + ".part");
    List<FileAsset.Part> complete = store.locked(() -> {
      try {
        Files.move(temp, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      file.parts.put(index, new FileAsset.Part(stored, received, etag));
      file.bytesReceived = file.parts.values().stream().mapToLong(FileAsset.Part::bytes).sum();
      return file.status == FileAsset.Status.CREATED && file.allPartsReceived()
          ? new ArrayList<>(file.parts.values()) : null;
    });
    if (complete != null) {
      lifecycle.completed(file, UploadLifecycle.sha256(complete), file.fileSize);
    }
    exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
    exchange.getResponseHeaders().set("x-amz-request-id", requestId);
    exchange.getResponseHeaders().set("x-request-id", requestId);
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
    return 200;
  }

  private static int error(HttpExchange exchange, int status, String code, String message, String requestId)
      throws IOException {
    LOG.debug("Part PUT {} -> {} {}", requestId, status, code);
    S3Errors.send(exchange, status, code, message, requestId);
    return status;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }
}
