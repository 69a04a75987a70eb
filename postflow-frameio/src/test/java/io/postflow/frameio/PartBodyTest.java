package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartBodyTest {
  @TempDir Path dir;

  /** Requests one chunk at a time from inside onNext, as the HTTP client does. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger depth = new AtomicInteger();
    int maxDepth;
    boolean completed;
    Throwable error;
    Flow.Subscription subscription;
    long firstRequest = 1;
    int cancelAfter = Integer.MAX_VALUE;
    int chunks;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(firstRequest);
    }

    @Override
    public void onNext(ByteBuffer item) {
      maxDepth = Math.max(maxDepth, depth.incrementAndGet());
      bytes.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
      if (++chunks >= cancelAfter) {
        subscription.cancel();
      } else {
        subscription.request(1);
      }
      depth.decrementAndGet();
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }

  private PartBody body(FileChannel channel, PartPlan part) {
    return new PartBody(() -> new PartStream(channel, part, new AtomicLong(), () -> false, () -> { }));
  }

  @Test
  void publishesThePartInChunks_withoutRecursing_andAFreshStreamPerSubscriber() throws Exception {
    byte[] content = LocalUploaderTest.randomBytes(1_000_000);
    Path file = Files.write(dir.resolve("a.bin"), content);
    PartPlan part = new PartPlan(1, 100_000, 700_000, "http://x/?s");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      PartBody body = body(channel, part);
      for (int round = 0; round < 2; round++) {
        Collector collector = new Collector();
        body.subscribe(collector);

        assertThat(collector.completed).isTrue();
        assertThat(collector.error).isNull();
        assertThat(collector.maxDepth).isEqualTo(1);
        assertThat(collector.bytes.toByteArray())
            .isEqualTo(java.util.Arrays.copyOfRange(content, 100_000, 800_000));
      }
    }
  }

  @Test
  void stopsAfterCancel_andRejectsNonPositiveRequests() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), LocalUploaderTest.randomBytes(1_000_000));
    PartPlan part = new PartPlan(0, 0, 1_000_000, "http://x/?s");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Collector cancelling = new Collector();
      cancelling.cancelAfter = 2;
      body(channel, part).subscribe(cancelling);
      assertThat(cancelling.chunks).isEqualTo(2);
      assertThat(cancelling.completed).isFalse();

      Collector bad = new Collector();
      bad.firstRequest = 0;
      body(channel, part).subscribe(bad);
      assertThat(bad.error).isInstanceOf(IllegalArgumentException.class);
      assertThat(bad.chunks).isZero();
    }
  }

  @Test
  void aFileThatEndsEarly_endsTheBodyWithAnError() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), LocalUploaderTest.randomBytes(1000));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Collector collector = new Collector();
      collector.firstRequest = Long.MAX_VALUE;
      body(channel, new PartPlan(0, 0, 5000, "http://x/?s")).subscribe(collector);

      assertThat(collector.error).hasMessageContaining("the file ended at 1000");
      assertThat(collector.completed).isFalse();
      assertThat(collector.bytes.size()).as("a short chunk is never sent").isZero();
    }
  }
}
