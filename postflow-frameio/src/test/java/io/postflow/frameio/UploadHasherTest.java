package io.postflow.frameio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadHasherTest {
  @TempDir Path dir;

  private static List<PartPlan> plan(long... sizes) {
    List<UploadTransport.PartUrl> urls = new java.util.ArrayList<>();
    for (long size : sizes) {
      urls.add(new UploadTransport.PartUrl(size, "http://x/p?sig=1"));
    }
    return PartPlan.layOut(urls, java.util.Arrays.stream(sizes).sum());
  }

  @Test
  void run_givesTheFileSha256_andPerPartCrcsEqualToWhatThePartStreamsSent() throws Exception {
    byte[] content = LocalUploaderTest.randomBytes(700_001);
    Path file = Files.write(dir.resolve("a.bin"), content);
    List<PartPlan> parts = plan(300_000, 300_000, 100_001);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      UploadHasher.Digest digest = new UploadHasher(channel, parts, () -> false).run();

      assertThat(digest.sha256()).isEqualTo(LocalUploaderTest.sha256(content));
      for (PartPlan part : parts) {
        PartStream stream = new PartStream(channel, part, new AtomicLong(), () -> false, () -> { });
        assertThat(drain(stream)).isEqualTo(part.size());
        assertThat(stream.crc()).isEqualTo(digest.partCrcs()[part.index()]);
      }
    }
  }

  @Test
  void partStream_readingBytesThatChangedSinceTheHashingPass_givesADifferentCrc() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), LocalUploaderTest.randomBytes(1000));
    List<PartPlan> parts = plan(400, 600);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      UploadHasher.Digest digest = new UploadHasher(channel, parts, () -> false).run();
      Files.write(file, new byte[] {42, 42, 42}, StandardOpenOption.WRITE);
      PartStream first = new PartStream(channel, parts.get(0), new AtomicLong(), () -> false, () -> { });
      drain(first);

      assertThat(first.crc()).isNotEqualTo(digest.partCrcs()[0]);
    }
  }

  @Test
  void partStream_whenTheFileShrank_failsInsteadOfSendingTooFewBytes() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), LocalUploaderTest.randomBytes(1000));
    List<PartPlan> parts = plan(500, 500);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
        writer.truncate(700);
      }
      PartStream second = new PartStream(channel, parts.get(1), new AtomicLong(), () -> false, () -> { });
      assertThatThrownBy(() -> drain(second)).isInstanceOf(IOException.class)
          .hasMessageContaining("the file ended at 700");
      assertThatThrownBy(() -> new UploadHasher(channel, parts, () -> false).run())
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void stoppedPasses_andCancelledStreams_endAtOnce() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), LocalUploaderTest.randomBytes(1000));
    List<PartPlan> parts = plan(1000);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThatThrownBy(() -> new UploadHasher(channel, parts, () -> true).run())
          .isInstanceOf(CancellationException.class);
      PartStream stream = new PartStream(channel, parts.get(0), new AtomicLong(), () -> true, () -> { });
      assertThatThrownBy(stream::next).isInstanceOf(IOException.class)
          .hasMessage("upload cancelled");
    }
  }

  /** Reads a stream to its end in chunks no larger than promised; returns the bytes read. */
  private static long drain(PartStream stream) throws IOException {
    long total = 0;
    for (java.nio.ByteBuffer chunk; (chunk = stream.next()) != null; ) {
      assertThat(chunk.remaining()).isBetween(1, PartStream.CHUNK_BYTES);
      total += chunk.remaining();
    }
    return total;
  }

  @Test
  void layOut_rejectsSizesThatDoNotCoverTheFile() {
    assertThatThrownBy(() -> PartPlan.layOut(
        List.of(new UploadTransport.PartUrl(10, "http://x/?a")), 11))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("upload_urls sizes add up to 10 bytes but the file has 11");
    assertThat(plan(5, 6).get(1).toString()).isEqualTo("part 2 [5, +6) http://x/p?****");
  }
}
