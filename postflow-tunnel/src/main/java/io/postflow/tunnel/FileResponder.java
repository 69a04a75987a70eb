package io.postflow.tunnel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request of {@link HttpFileExposer}. Nothing is resolved from the request path: the
 * token picks an exposure from the registry, the name after it must equal the exposed file's name,
 * and the bytes come from the path recorded at exposure time. That path is opened first and the
 * opened file checked (type, size, mtime, file key: {@link OpenedFile}) before the head and after
 * every chunk, its content {@link Fingerprint} before the head and before the final byte; every
 * byte is read from that one handle.
 */
final class FileResponder {
  private static final Logger LOG = LoggerFactory.getLogger(FileResponder.class);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  /** Bytes per transferTo call: small enough to count progress and notice changes, large for speed. */
  static final long CHUNK = 4L << 20;

  private final Function<String, ExposedFile> registry;
  private final Clock clock;
  private final BooleanSupplier closing;

  FileResponder(Function<String, ExposedFile> registry, Clock clock, BooleanSupplier closing) {
    this.registry = registry;
    this.clock = clock;
    this.closing = closing;
  }

  /** Answers {@code request}; whether the connection may carry another request. */
  boolean respond(HttpRequest request, Connection connection) throws IOException {
    boolean keepAlive = request.keepAlive() && !closing.getAsBoolean();
    String contentLength = request.header("Content-Length");
    if (request.has("Transfer-Encoding") || (contentLength != null && !contentLength.equals("0"))) {
      // We never read bodies, so a request with one would desynchronise the connection.
      throw new HttpRequest.BadRequest(400, "request bodies are not accepted");
    }
    String method = request.method();
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      connection.sendHead(plain(head, 405, "only GET and HEAD", keepAlive, "Allow: GET, HEAD"));
      return keepAlive;
    }
    ExposedFile exposure = route(request.target());
    if (exposure == null) {
      connection.sendHead(plain(head, 404, "not found", keepAlive));
      return keepAlive;
    }
    if (exposure.isRevoked() || exposure.isExpired(clock.instant())) {
      return refuse(exposure, method, connection, 410, "expired or revoked", keepAlive);
    }
    if (exposure.downloadsUsedUp()) {
      // HEAD takes no download but must not promise one that a GET would refuse.
      return refuse(exposure, method, connection, 410, "download limit reached", keepAlive);
    }
    if (!unchanged(exposure)) {
      // An early answer only; the check that counts is made on the opened file below. It also
      // keeps us from opening what is no longer a regular file (opening a FIFO would block).
      LOG.warn("refusing {}: it changed or vanished since it was exposed", exposure.name());
      return refuse(exposure, method, connection, 410, "file changed since it was exposed", keepAlive);
    }
    OpenedFile opened;
    try {
      opened = OpenedFile.open(exposure.file());
    } catch (IOException e) {
      LOG.warn("refusing {}: it vanished since it was exposed ({})", exposure.name(), e.toString());
      return refuse(exposure, method, connection, 410, "file changed since it was exposed", keepAlive);
    }
    try (opened) {
      // Open first, then check what was opened: a path checked before opening can name another
      // file by the time it is opened (a parent folder renamed in between).
      if (!unchanged(exposure, opened) || !sameContent(exposure, opened)) {
        LOG.warn("refusing {}: the file opened is not the one exposed, or was rewritten", exposure.name());
        return refuse(exposure, method, connection, 410, "file changed since it was exposed", keepAlive);
      }
      return serve(exposure, opened, request, method, connection, keepAlive);
    }
  }

  /** The answer for an exposure whose file is open and verified: bytes only from {@code opened}. */
  private boolean serve(ExposedFile exposure, OpenedFile opened, HttpRequest request, String method,
      Connection connection, boolean keepAlive) throws IOException {
    boolean head = method.equals("HEAD");
    long size = exposure.size();
    RangeRequest range = head || !ifRangeHolds(request.header("If-Range"), exposure)
        ? RangeRequest.full(size)
        : RangeRequest.parse(request.header("Range"), size);
    if (range.kind() == RangeRequest.Kind.UNSATISFIABLE) {
      return refuse(exposure, method, connection, 416, "range not satisfiable", keepAlive,
          "Content-Range: bytes */" + size, "Accept-Ranges: bytes");
    }
    if (!head && !exposure.tryStartDownload()) {
      return refuse(exposure, method, connection, 410, "download limit reached", keepAlive);
    }
    int status = range.kind() == RangeRequest.Kind.PARTIAL ? 206 : 200;
    // Told before the head goes out, so that whoever sees the response also sees the event.
    exposure.requested(method, status);
    connection.sendHead(fileHead(exposure, status, range, keepAlive));
    if (head) {
      return keepAlive;
    }
    connection.serving(exposure);
    try {
      return sendBody(exposure, opened, range, connection) && keepAlive;
    } finally {
      connection.serving(null);
    }
  }

  /**
   * Streams the range; false when it had to stop early (the connection must then be closed). The
   * final byte is held back until the file has been checked once more, content included: a file
   * rewritten during the transfer then ends the response short instead of completing a body that
   * mixes two versions.
   */
  private boolean sendBody(ExposedFile exposure, OpenedFile opened, RangeRequest range, Connection connection)
      throws IOException {
    FileChannel file = opened.channel();
    long position = range.start();
    long end = range.start() + range.length();
    while (position < end) {
      if (exposure.isRevoked()) {
        LOG.debug("stopping a transfer of {}: revoked", exposure.name());
        return false;
      }
      long count = Math.min(CHUNK, end - position);
      boolean last = position + count == end;
      long sent = 0;
      try {
        long first = last ? count - 1 : count;
        sent = connection.transfer(file, position, first);
        boolean intact = sent == first && unchanged(exposure, opened) && (!last || sameContent(exposure, opened));
        if (intact && last) {
          sent += connection.transfer(file, position + sent, 1);
          intact = sent == count;
        }
        if (!intact) {
          // Closing without the promised bytes is the only honest signal left after the head.
          LOG.warn("stopping a transfer of {}: it changed while being served", exposure.name());
          return false;
        }
      } catch (Connection.PartialTransferException e) {
        sent += e.sent(); // they left before the client went away
        throw e;
      } finally {
        if (sent > 0) {
          exposure.served(position, sent);
        }
      }
      position += count;
    }
    return true;
  }

  /** By path: whether the exposed path still names the exposed file. */
  private static boolean unchanged(ExposedFile exposure) {
    try {
      return exposure.matches(FileState.of(
          Files.readAttributes(exposure.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the opened file's {@link Fingerprint} is still the one taken when it was exposed. */
  private static boolean sameContent(ExposedFile exposure, OpenedFile opened) {
    try {
      return Fingerprint.of(opened.channel(), exposure.size()).equals(exposure.fingerprint());
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the opened file is the exposed one, unmodified (see {@link OpenedFile#state()}). */
  private static boolean unchanged(ExposedFile exposure, OpenedFile opened) {
    try {
      return exposure.matches(opened.state());
    } catch (IOException e) {
      return false;
    }
  }

  private boolean refuse(ExposedFile exposure, String method, Connection connection, int status, String reason,
      boolean keepAlive, String... extra) throws IOException {
    exposure.requested(method, status);
    connection.sendHead(plain(method.equals("HEAD"), status, reason, keepAlive, extra));
    return keepAlive;
  }

  /** The exposure a target names, or null. The query string is ignored; nothing else is. */
  private ExposedFile route(String target) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if (!path.startsWith("/f/")) {
      return null;
    }
    int slash = path.indexOf('/', 3);
    if (slash - 3 != Tokens.LENGTH) {
      return null;
    }
    ExposedFile exposure = registry.apply(path.substring(3, slash));
    if (exposure == null) {
      return null;
    }
    String name = UrlNames.decodeStrict(path.substring(slash + 1));
    return exposure.name().equals(name) ? exposure : null;
  }

  /** RFC 9110 13.1.5: a strong ETag that matches exactly, or the exact Last-Modified date. */
  private static boolean ifRangeHolds(String ifRange, ExposedFile exposure) {
    if (ifRange == null) {
      return true;
    }
    if (ifRange.startsWith("\"")) {
      return ifRange.equals(exposure.etag());
    }
    if (ifRange.startsWith("W/")) {
      return false;
    }
    try {
      long seconds = ZonedDateTime.parse(ifRange, HTTP_DATE).toEpochSecond();
      return seconds == Math.floorDiv(exposure.mtimeNanos(), 1_000_000_000L);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private String fileHead(ExposedFile exposure, int status, RangeRequest range, boolean keepAlive) {
    StringBuilder head = new StringBuilder(512);
    head.append("HTTP/1.1 ").append(status).append(status == 206 ? " Partial Content" : " OK").append("\r\n");
    head.append("Date: ").append(HTTP_DATE.format(clock.instant())).append("\r\n");
    head.append("Content-Type: application/octet-stream\r\n");
    head.append("Content-Length: ").append(range.length()).append("\r\n");
    if (status == 206) {
      head.append("Content-Range: bytes ").append(range.start()).append('-').append(range.endInclusive())
          .append('/').append(exposure.size()).append("\r\n");
    }
    head.append("Accept-Ranges: bytes\r\n");
    head.append("ETag: ").append(exposure.etag()).append("\r\n");
    head.append("Last-Modified: ")
        .append(HTTP_DATE.format(Instant.ofEpochSecond(Math.floorDiv(exposure.mtimeNanos(), 1_000_000_000L))))
        .append("\r\n");
    head.append("Cache-Control: no-store\r\n");
    head.append("X-Content-Type-Options: nosniff\r\n");
    head.append("Content-Disposition: attachment; filename=\"").append(UrlNames.asciiFallback(exposure.name()))
        .append("\"; filename*=UTF-8''").append(UrlNames.encode(exposure.name())).append("\r\n");
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    return head.toString();
  }

  /** Like {@link #simpleHead} but without the body when answering a HEAD request. */
  private static String plain(boolean head, int status, String reason, boolean keepAlive, String... extra) {
    String response = simpleHead(status, reason, keepAlive, extra);
    return head ? response.substring(0, response.indexOf("\r\n\r\n") + 4) : response;
  }

  /** A response without a file body: a short text reason. */
  static String simpleHead(int status, String reason, boolean keepAlive, String... extraHeaders) {
    String body = reason + "\n";
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(phrase(status)).append("\r\n");
    head.append("Content-Type: text/plain; charset=us-ascii\r\n");
    head.append("Content-Length: ").append(body.length()).append("\r\n");
    head.append("Cache-Control: no-store\r\n");
    for (String extra : extraHeaders) {
      head.append(extra).append("\r\n");
    }
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    return head.append(body).toString();
  }

  private static String phrase(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 410: return "Gone";
      case 416: return "Range Not Satisfiable";
      case 431: return "Request Header Fields Too Large";
      case 503: return "Service Unavailable";
      case 505: return "HTTP Version Not Supported";
      default: return "Error";
    }
  }
}
