package io.postflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test (surefire never runs it): measures the sandbox's per-call latency and local-upload
 * throughput with raw java.net.http, the way the figures in the module's notes were taken.
 *
 * <pre>
 * ./mvnw -B -o -q -pl postflow-testkit -am install -DskipTests
 * ./mvnw -B -o -q -pl postflow-testkit dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp postflow-testkit/target/classes:postflow-testkit/target/test-classes:$(cat postflow-testkit/target/cp.txt) \
 *     io.postflow.testkit.SandboxBenchmark 268435456
 * </pre>
 */
final class SandboxBenchmark {
  private SandboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    long size = args.length > 0 ? Long.parseLong(args[0]) : 256L << 20;
    try (FrameioSandbox sandbox = FrameioSandbox.builder().rateLimits(false).start()) {
      HttpClient client = HttpClient.newHttpClient();
      String token = sandbox.issueAccessToken();
      HttpRequest me = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v4/me"))
          .header("Authorization", "Bearer " + token).build();
      for (int i = 0; i < 200; i++) {
        client.send(me, HttpResponse.BodyHandlers.discarding()); // warm-up
      }
      int calls = 1000;
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        client.send(me, HttpResponse.BodyHandlers.discarding());
      }
      System.out.printf("GET /v4/me: %.2f ms per call (%d sequential calls)%n",
          (System.nanoTime() - start) / 1e6 / calls, calls);
      upload(sandbox, client, token, size);
    }
  }

  private static void upload(FrameioSandbox sandbox, HttpClient client, String token, long size) throws Exception {
    Path source = Files.createTempFile("sandbox-bench", ".mov");
    try {
      try (SeekableByteChannel channel = Files.newByteChannel(source, StandardOpenOption.WRITE)) {
        channel.position(size - 1).write(ByteBuffer.wrap(new byte[] {1})); // sparse
      }
      HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v4/accounts/"
              + sandbox.accountId() + "/folders/" + sandbox.rootFolderId() + "/files/local_upload"))
          .header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"name\":\"bench.mov\",\"file_size\":" + size + "}}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parts = SandboxHttp.data(created).get("upload_urls");
      ExecutorService workers = Executors.newFixedThreadPool(5);
      List<Future<Integer>> statuses = new ArrayList<>();
      long start = System.nanoTime();
      long offset = 0;
      for (JsonNode part : parts) {
        long from = offset;
        long length = part.get("size").asLong();
        offset += length;
        HttpRequest put = HttpRequest.newBuilder(URI.create(part.get("url").asText()))
            .header("Content-Type", "video/quicktime").header("x-amz-acl", "private")
            .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> slice(source, from, length)), length))
            .build();
        statuses.add(workers.submit(() -> client.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()));
      }
      for (Future<Integer> status : statuses) {
        if (status.get() != 200) {
          throw new IllegalStateException("a part PUT answered " + status.get());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      workers.shutdown();
      System.out.printf("local upload of %d MiB in %d parts, 5 in parallel: %.2f s, %.0f MiB/s"
          + " (the last part also hashes the whole file)%n", size >> 20, parts.size(), seconds, (size >> 20) / seconds);
    } finally {
      Files.deleteIfExists(source);
    }
  }

  private static InputStream slice(Path file, long from, long length) {
    try {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(from);
      return new java.io.BufferedInputStream(new java.io.FilterInputStream(in) {
        private long left = length;

        @Override
        public int read() throws java.io.IOException {
          if (left <= 0) {
            return -1;
          }
          left--;
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(b, off, (int) Math.min(len, left));
          left -= Math.max(n, 0);
          return n;
        }
      });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
