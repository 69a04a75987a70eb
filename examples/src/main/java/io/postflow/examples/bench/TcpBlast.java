package io.postflow.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The link rate as plain TCP can use it: {@code bytes} split over {@code streams} connections
 * written as fast as the path takes them (no file, no hashing, no HTTP), each ended by the far
 * {@link DiscardSink}'s one-byte answer. The physical limit the uploads are compared with.
 */
final class TcpBlast {
  private TcpBlast() {}

  /** Sends and returns the seconds from the first connect to the last answer. */
  static double seconds(InetSocketAddress target, long bytes, int streams) throws Exception {
    byte[] block = new byte[256 * 1024];
    new Random(7).nextBytes(block);
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      long start = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        long share = bytes / streams + (i < bytes % streams ? 1 : 0);
        sent.add(pool.submit(() -> {
          send(target, share, block);
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get(10, TimeUnit.MINUTES);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void send(InetSocketAddress target, long bytes, byte[] block) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(target, 10_000);
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      for (long left = bytes; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        out.write(block, 0, n);
        left -= n;
      }
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      if (in.read() != 'k') {
        throw new IOException("the sink did not confirm the " + bytes + " bytes");
      }
    }
  }
}
