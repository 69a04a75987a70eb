package io.postflow.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @TempDir Path dir;

  private String of(byte[] content) throws IOException {
    Path file = Files.write(dir.resolve("f" + System.nanoTime()), content);
    try (FileChannel channel = FileChannel.open(file)) {
      return Fingerprint.of(channel, content.length);
    }
  }

  @Test
  void sameContent_sameFingerprint_andAnyByteOfASmallFileCounts() throws IOException {
    byte[] small = new byte[Fingerprint.BLOCKS * Fingerprint.BLOCK]; // read whole
    new Random(1).nextBytes(small);
    String before = of(small);
    assertThat(of(small.clone())).isEqualTo(before).hasSize(16);
    small[40_000] ^= 1;
    assertThat(of(small)).isNotEqualTo(before);
    assertThat(of(new byte[0])).hasSize(16);
  }

  @Test
  void largeFile_firstLastAndSpreadBlocksCount_bytesBetweenThemDoNot() throws IOException {
    byte[] big = new byte[10 << 20];
    new Random(2).nextBytes(big);
    String before = of(big);
    byte[] firstByte = big.clone();
    firstByte[0] ^= 1;
    byte[] lastByte = big.clone();
    lastByte[big.length - 1] ^= 1;
    byte[] middle = big.clone();
    long step = (big.length - Fingerprint.BLOCK) / (Fingerprint.BLOCKS - 1);
    middle[(int) (step * 7) + 10] ^= 1;
    assertThat(of(firstByte)).isNotEqualTo(before);
    assertThat(of(lastByte)).isNotEqualTo(before);
    assertThat(of(middle)).isNotEqualTo(before);
    // The documented limit: a byte between the sampled blocks is not seen.
    byte[] between = big.clone();
    between[(int) step / 2] ^= 1;
    assertThat(of(between)).isEqualTo(before);
  }
}
