package io.postflow.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slowloris attacker on one thread: keeps {@code count} connections open from {@code source},
 * each sending one more byte of a request head that never ends every {@code interval}, and opens
 * a new one for each the server closes (at most {@value #RECONNECTS_PER_TICK} per 50 ms tick, so
 * it cannot eat the machine). Non-blocking sockets: 500 connections cost one thread.
 */
final class Slowloris implements AutoCloseable {
  private static final int RECONNECTS_PER_TICK = 20;
  private static final byte[] HEAD = "GET /f/slow HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);

  private final InetSocketAddress server;
  private final InetAddress source;
  private final long intervalNanos;
  private final Slot[] slots;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread;
  final AtomicInteger connects = new AtomicInteger();
  final AtomicInteger closedByServer = new AtomicInteger();
  final AtomicInteger bytesSent = new AtomicInteger();
  /** The longest a connection lived, from connected to seen closed by the server (nanos). */
  final AtomicLong longestLife = new AtomicLong();

  private static final class Slot {
    SocketChannel channel;
    boolean connected;
    long connectedAt;
    long lastByteAt;
    int sent;
  }

  Slowloris(int port, InetAddress source, int count, Duration interval) {
    this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    this.source = source;
    this.intervalNanos = interval.toNanos();
    this.slots = new Slot[count];
    for (int i = 0; i < count; i++) {
      slots[i] = new Slot();
    }
    this.thread = new Thread(this::run, "slowloris-" + source.getHostAddress());
    thread.setDaemon(true);
  }

  Slowloris start() {
    thread.start();
    return this;
  }

  /** The longest life of a connection still open now (nanos); they must not outlive the deadline either. */
  long oldestOpen() {
    long now = System.nanoTime();
    long oldest = 0;
    synchronized (slots) {
      for (Slot s : slots) {
        if (s.connected) {
          oldest = Math.max(oldest, now - s.connectedAt);
        }
      }
    }
    return oldest;
  }

  private void run() {
    ByteBuffer scratch = ByteBuffer.allocate(1024);
    while (!stop.get()) {
      long now = System.nanoTime();
      int reconnects = 0;
      synchronized (slots) {
        for (Slot s : slots) {
          try {
            if (s.channel == null) {
              if (reconnects++ < RECONNECTS_PER_TICK) {
                open(s);
              }
            } else if (!s.connected) {
              if (s.channel.finishConnect()) {
                s.connected = true;
                s.connectedAt = now;
                s.lastByteAt = now - intervalNanos; // first byte at once
              }
            }
            if (s.connected) {
              scratch.clear();
              if (s.channel.read(scratch) < 0 || scratch.position() > 0) {
                // Closed, or answered (a 503 or 408): either way the server let go of it.
                lost(s, now, true);
              } else if (now - s.lastByteAt >= intervalNanos) {
                int n = s.channel.write(ByteBuffer.wrap(new byte[] {nextByte(s.sent)}));
                s.sent += n;
                bytesSent.addAndGet(n);
                s.lastByteAt = now;
              }
            }
          } catch (IOException e) {
            lost(s, now, s.connected);
          }
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void open(Slot s) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.bind(new InetSocketAddress(source, 0));
      channel.configureBlocking(false);
      s.connected = channel.connect(server);
      s.channel = channel;
      s.sent = 0;
      s.connectedAt = System.nanoTime();
      s.lastByteAt = s.connectedAt - intervalNanos;
      connects.incrementAndGet();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  private void lost(Slot s, long now, boolean byServer) {
    if (byServer && s.connected) {
      closedByServer.incrementAndGet();
      longestLife.accumulateAndGet(now - s.connectedAt, Math::max);
    }
    try {
      if (s.channel != null) {
        s.channel.close();
      }
    } catch (IOException ignored) {
      // already gone
    }
    s.channel = null;
    s.connected = false;
  }

  private static byte nextByte(int sent) {
    return sent < HEAD.length ? HEAD[sent] : (byte) 'a';
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(5_000);
    synchronized (slots) {
      for (Slot s : slots) {
        lost(s, System.nanoTime(), false);
      }
    }
  }
}
