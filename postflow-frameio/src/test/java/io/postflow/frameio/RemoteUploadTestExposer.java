package io.postflow.frameio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.postflow.api.Exposure;
import io.postflow.api.ExposureListener;
import io.postflow.api.ExposureOptions;
import io.postflow.api.FileExposer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny file exposer for tests: GET/HEAD with single byte ranges, reporting what it serves. */
final class RemoteUploadTestExposer implements FileExposer {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, TestExposure> byToken = new ConcurrentHashMap<>();
  final List<TestExposure> exposures = new CopyOnWriteArrayList<>();

  RemoteUploadTestExposer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/f/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  @Override
  public Exposure expose(Path file, ExposureOptions options, ExposureListener listener) {
    String token = UUID.randomUUID().toString();
    try {
      TestExposure exposure = new TestExposure(file, Files.size(file),
          URI.create("http://127.0.0.1:" + localPort() + "/f/" + token + "/" + file.getFileName()),
          listener);
      byToken.put(token, exposure);
      exposures.add(exposure);
      return exposure;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public int localPort() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      TestExposure exposure = byToken.get(exchange.getRequestURI().getPath().split("/")[2]);
      if (exposure == null || exposure.revoked) {
        exchange.sendResponseHeaders(410, -1);
        return;
      }
      long start = 0;
      long end = exposure.size;
      int status = 200;
      String range = exchange.getRequestHeaders().getFirst("Range");
      if (range != null) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches() || Long.parseLong(m.group(1)) >= exposure.size) {
          exchange.getResponseHeaders().set("Content-Range", "bytes */" + exposure.size);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        start = Long.parseLong(m.group(1));
        end = m.group(2).isEmpty() ? exposure.size
            : Math.min(exposure.size, Long.parseLong(m.group(2)) + 1);
        status = 206;
        exchange.getResponseHeaders().set("Content-Range",
            "bytes " + start + "-" + (end - 1) + "/" + exposure.size);
      }
      exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : end - start);
      if (head) {
        return;
      }
      try (FileChannel channel = FileChannel.open(exposure.file, StandardOpenOption.READ);
          OutputStream out = exchange.getResponseBody()) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (long position = start; position < end && !exposure.revoked; ) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
          int n = channel.read(buffer, position);
          out.write(buffer.array(), 0, n);
          exposure.served.addAndGet(n);
          exposure.listener.onBytesServed(exposure, position, n);
          position += n;
        }
      }
    }
  }

  /** One exposed file. */
  static final class TestExposure implements Exposure {
    final Path file;
    final long size;
    final URI url;
    final ExposureListener listener;
    final AtomicLong served = new AtomicLong();
    volatile boolean revoked;

    TestExposure(Path file, long size, URI url, ExposureListener listener) {
      this.file = file;
      this.size = size;
      this.url = url;
      this.listener = listener;
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public URI url() {
      return url;
    }

    @Override
    public boolean isLocal() {
      return true;
    }

    @Override
    public Instant expiresAt() {
      return Instant.now().plusSeconds(3600);
    }

    @Override
    public long bytesServed() {
      return served.get();
    }

    @Override
    public void revoke() {
      revoked = true;
    }
  }
}
