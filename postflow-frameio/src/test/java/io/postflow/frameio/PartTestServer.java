package io.postflow.frameio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for S3's presigned part PUTs: checks what S3 checks (the signed headers exactly,
 * a real Content-Length equal to the part size, no chunked body, no Authorization, the query as it
 * was handed out) and answers with scripted failures.
 */
final class PartTestServer implements AutoCloseable {
  /** The query every URL carries; its %2F and %3B must arrive exactly like this. */
  static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250101%2Fus"
      + "&X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-acl&X-Amz-Signature=5ec2e7";

  /** One request as the server saw it. */
  record Received(String fileId, int part, int attempt, long bytes, String sha256, int status) {}

  /** What to answer: null from the script means accept normally. */
  record Reply(int status, String code, boolean dropMidBody, CountDownLatch holdUntil,
      boolean holdBody, boolean endlessBody) {
    static Reply error(int status, String code) {
      return new Reply(status, code, false, null, false, false);
    }

    static Reply drop() {
      return new Reply(0, null, true, null, false, false);
    }

    /** Reads the whole part, then holds the answer (headers included) until {@code latch}. */
    static Reply hold(CountDownLatch latch) {
      return new Reply(200, null, false, latch, false, false);
    }

    /**
     * Reads the whole part and sends the answer's headers (200 with a body announced), then holds
     * the body until {@code latch}: a server that stalls after it started answering.
     */
    static Reply holdBody(CountDownLatch latch) {
      return new Reply(200, null, false, latch, true, false);
    }

    /** Reads the whole part, then answers {@code status} with a body that never ends. */
    static Reply endlessBody(int status) {
      return new Reply(status, null, false, null, false, true);
    }
  }

  /** Decides the answer for attempt {@code attempt} (1-based) of a part. */
  interface Script {
    Reply reply(String fileId, int part, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, long[]> sizes = new ConcurrentHashMap<>();
  private final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Header problems found, as S3 would have refused them; a correct client leaves this empty. */
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<CountDownLatch> holds = new CopyOnWriteArrayList<>();
  final CountDownLatch firstHold = new CountDownLatch(1);
  volatile Script script = (fileId, part, attempt) -> null;
  volatile boolean storeBodies = true;
  /** Runs before a part's body is read (attempt 1 only). */
  volatile java.util.function.IntConsumer beforeFirstRead = part -> { };

  PartTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/bucket/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Makes the URLs of a new placeholder: {@code sizes} in order, all for {@code mediaType}. */
  List<UploadTransport.PartUrl> register(String fileId, String mediaType, long[] partSizes) {
    sizes.put(fileId, partSizes.clone());
    mediaTypes.put(fileId, mediaType);
    List<UploadTransport.PartUrl> urls = new ArrayList<>();
    for (int i = 0; i < partSizes.length; i++) {
      urls.add(new UploadTransport.PartUrl(partSizes[i], "http://127.0.0.1:"
          + server.getAddress().getPort() + "/bucket/" + fileId + "/" + i + "?" + QUERY));
    }
    return urls;
  }

  /** The parts of {@code fileId} that were accepted, joined in order. */
  byte[] assembled(String fileId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < sizes.get(fileId).length; i++) {
      byte[] part = stored.get(fileId + "/" + i);
      if (part == null) {
        throw new AssertionError("part " + i + " of " + fileId + " never accepted");
      }
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Requests for the part that reached the server, counting those still being answered. */
  int attemptsFor(String fileId, int part) {
    AtomicInteger attempts = this.attempts.get(fileId + "/" + part);
    return attempts == null ? 0 : attempts.get();
  }

  long requestsFor(String fileId, int part) {
    return received.stream().filter(r -> r.fileId().equals(fileId) && r.part() == part).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      String fileId = path[2];
      int part = Integer.parseInt(path[3]);
      int attempt = attempts.computeIfAbsent(fileId + "/" + part, k -> new AtomicInteger())
          .incrementAndGet();
      String problem = check(exchange, fileId, part);
      if (problem != null) {
        violations.add(problem);
        drain(exchange.getRequestBody(), Long.MAX_VALUE, null);
        answer(exchange, problem.startsWith("chunked") ? 501 : 403,
            problem.startsWith("chunked") ? "NotImplemented" : "SignatureDoesNotMatch");
        return;
      }
      Reply reply = script.reply(fileId, part, attempt);
      if (attempt == 1) {
        beforeFirstRead.accept(part);
      }
      long expected = sizes.get(fileId)[part];
      if (reply != null && reply.dropMidBody()) {
        drain(exchange.getRequestBody(), expected / 2, null);
        received.add(new Received(fileId, part, attempt, expected / 2, null, 0));
        // Closing without an answer: the client sees the connection go away mid-request.
        throw new IOException("dropped on purpose");
      }
      MessageDigest sha = UploadHasher.sha256();
      ByteArrayOutputStream body = storeBodies ? new ByteArrayOutputStream() : null;
      long n = drain(exchange.getRequestBody(), Long.MAX_VALUE, bytes -> {
        sha.update(bytes.array(), 0, bytes.limit());
        if (body != null) {
          body.write(bytes.array(), 0, bytes.limit());
        }
      });
      if (reply != null && reply.endlessBody()) {
        received.add(new Received(fileId, part, attempt, n, HexFormat.of().formatHex(sha.digest()),
            reply.status()));
        exchange.sendResponseHeaders(reply.status(), 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        while (true) { // until the client hangs up; paced so that a client keeping it all survives
          exchange.getResponseBody().write(chunk);
          exchange.getResponseBody().flush();
          Thread.sleep(10);
        }
      }
      if (reply != null && reply.holdBody()) {
        received.add(new Received(fileId, part, attempt, n, HexFormat.of().formatHex(sha.digest()),
            0));
        holds.add(reply.holdUntil());
        firstHold.countDown();
        exchange.sendResponseHeaders(200, 1);
        exchange.getResponseBody().flush();
        reply.holdUntil().await(30, TimeUnit.SECONDS);
        return;
      }
      if (reply != null && reply.holdUntil() != null) {
        holds.add(reply.holdUntil());
        firstHold.countDown();
        reply.holdUntil().await(30, TimeUnit.SECONDS);
      }
      int status = reply == null ? 200 : reply.status();
      received.add(new Received(fileId, part, attempt, n, HexFormat.of().formatHex(sha.digest()),
          status));
      if (status == 200 && body != null) {
        stored.put(fileId + "/" + part, body.toByteArray());
      }
      answer(exchange, status, reply == null ? null : reply.code());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String check(HttpExchange exchange, String fileId, int part) {
    var headers = exchange.getRequestHeaders();
    if (!"PUT".equals(exchange.getRequestMethod())) {
      return "method " + exchange.getRequestMethod();
    }
    if (!QUERY.equals(exchange.getRequestURI().getRawQuery())) {
      return "query re-encoded: " + exchange.getRequestURI().getRawQuery();
    }
    if (headers.containsKey("Transfer-Encoding")) {
      return "chunked body: " + headers.getFirst("Transfer-Encoding");
    }
    if (!mediaTypes.get(fileId).equals(headers.getFirst("Content-Type"))) {
      return "content-type " + headers.get("Content-Type");
    }
    if (!List.of("private").equals(headers.get("x-amz-acl"))) {
      return "x-amz-acl " + headers.get("x-amz-acl");
    }
    if (!String.valueOf(sizes.get(fileId)[part]).equals(headers.getFirst("Content-Length"))) {
      return "content-length " + headers.get("Content-Length") + " for part " + part;
    }
    if (headers.containsKey("Authorization")) {
      return "authorization header sent";
    }
    return null;
  }

  private static long drain(InputStream in, long max, java.util.function.Consumer<java.nio.ByteBuffer> sink)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (total < max) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
      if (n < 0) {
        break;
      }
      if (sink != null) {
        sink.accept(java.nio.ByteBuffer.wrap(buffer, 0, n));
      }
      total += n;
    }
    return total;
  }

  private static void answer(HttpExchange exchange, int status, String code) throws IOException {
    byte[] body = code == null ? new byte[0]
        : ("<?xml version=\"1.0\"?><Error><Code>" + code + "</Code><Message>scripted</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("ETag", "\"etag\"");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    holds.forEach(CountDownLatch::countDown);
    server.stop(0);
    executor.shutdownNow();
  }
}
