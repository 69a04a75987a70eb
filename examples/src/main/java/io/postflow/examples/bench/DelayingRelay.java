package io.postflow.examples.bench;

import io.postflow.api.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay that adds a one-way delay in each direction: what {@code netem} would do, for
 * kernels without it. Every chunk read from one side is stamped and written to the other side
 * only once the delay has passed since it was read, so a request and its answer take a round trip
 * of twice the delay, however many bytes are in flight.
 *
 * <p>Each direction of each connection has its own queue, with a reader and a writer thread, and
 * no rate limit of its own: the rate is the link's (tc tbf). The queue holds at most
 * {@code windowBytes}: a real TCP connection cannot have more than its window in flight over a
 * round trip, and the relay's own short hops would otherwise hide that limit. The reader stops
 * reading when the queue is full, so the sender sees TCP flow control, as on a real path.
 * End of input is forwarded (after the delay) as a half-close; a reset closes both sides.
 *
 * <p>Time comes from the given clock and sleeper, so a test can run it on {@code ManualTime}.
 * Thread-safe; {@link #close()} stops accepting and closes every connection.
 */
final class DelayingRelay implements AutoCloseable {
  private static final int CHUNK_BYTES = 64 * 1024;
  private static final byte[] END = new byte[0];

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final int windowBytes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String name;
  private volatile Duration oneWayDelay;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong endedThreadsCpu = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  /** {@link System#nanoTime()} of the latest writes towards the target, on any connection: a ring. */
  private final long[] upstreamWrites = new long[8192];
  private int upstreamWriteCount;
  private final com.sun.management.ThreadMXBean cpu =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Thread acceptor;

  /**
   * Starts relaying every connection accepted on {@code listener} (already bound) to
   * {@code target}; {@code name} prefixes its threads' names.
   */
  DelayingRelay(String name, ServerSocket listener, InetSocketAddress target, Duration oneWayDelay,
      int windowBytes, Clock clock, Sleeper sleeper) {
    if (windowBytes < 1) {
      throw new IllegalArgumentException("windowBytes must be positive, was " + windowBytes);
    }
    this.name = name;
    this.listener = listener;
    this.target = target;
    this.windowBytes = windowBytes;
    this.clock = clock;
    this.sleeper = sleeper;
    oneWayDelay(oneWayDelay);
    cpu.setThreadCpuTimeEnabled(true);
    acceptor = start(name + "-accept", this::accept);
  }

  /** The port it listens on. */
  int port() {
    return listener.getLocalPort();
  }

  /** Changes the delay for chunks read from now on. */
  void oneWayDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the delay must not be negative, was " + delay);
    }
    this.oneWayDelay = delay;
  }

  /** CPU time of its threads so far, the ended ones included (the relay's own cost). */
  long cpuNanos() {
    long total = endedThreadsCpu.get();
    for (Thread thread : threads) {
      long nanos = cpu.getThreadCpuTime(thread.getId());
      total += Math.max(0, nanos);
    }
    return total;
  }

  /**
   * When bytes last went out towards the target at or before {@code nanos}, or 0 if not among the
   * latest 8,192 writes. On {@link System#nanoTime()}'s clock, which on Linux is the same in every
   * process of the host: another process can ask when the far end had received all it was sent
   * before a moment it knows (writes after it, such as status polls, do not count).
   */
  synchronized long lastUpstreamWriteAtOrBefore(long nanos) {
    for (int i = upstreamWriteCount - 1; i >= Math.max(0, upstreamWriteCount - upstreamWrites.length); i--) {
      long at = upstreamWrites[i % upstreamWrites.length];
      if (at - nanos <= 0) {
        return at;
      }
    }
    return 0;
  }

  private synchronized void upstreamWritten(long nanos) {
    upstreamWrites[upstreamWriteCount++ % upstreamWrites.length] = nanos;
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket from;
      try {
        from = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket to = new Socket();
      try {
        to.connect(target, 10_000);
      } catch (IOException e) {
        closeQuietly(from);
        closeQuietly(to);
        continue; // the client sees its connection closed, as with a refused port
      }
      sockets.add(from);
      sockets.add(to);
      int id = connections.incrementAndGet();
      Connection connection = new Connection(from, to);
      connection.pipe(name + "-" + id + "-up", from, to, true);
      connection.pipe(name + "-" + id + "-down", to, from, false);
    }
  }

  /** Both sockets of one relayed connection; closed once both directions ended. */
  private final class Connection {
    private final Socket a;
    private final Socket b;
    private final AtomicInteger directionsOpen = new AtomicInteger(2);

    Connection(Socket a, Socket b) {
      this.a = a;
      this.b = b;
    }

    void pipe(String threadName, Socket from, Socket to, boolean upstream) {
      LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
      Semaphore window = new Semaphore(windowBytes);
      // Written buffers go back to the reader: at ~100 MiB/s a fresh array per read would make
      // the garbage collector, whose CPU is the JVM's, busy on the relay's behalf.
      LinkedBlockingQueue<byte[]> spare = new LinkedBlockingQueue<>();
      start(threadName + "-read", () -> read(from, queue, window, spare));
      start(threadName + "-write", () -> write(to, queue, window, upstream, spare));
    }

    private void read(Socket from, LinkedBlockingQueue<Chunk> queue, Semaphore window,
        LinkedBlockingQueue<byte[]> spare) {
      try {
        InputStream in = from.getInputStream();
        byte[] buffer = null;
        while (true) {
          window.acquire(1); // at least one byte of room before reading more
          if (buffer == null) {
            buffer = spare.poll();
          }
          if (buffer == null) {
            buffer = new byte[Math.min(CHUNK_BYTES, windowBytes)];
          }
          int n = in.read(buffer, 0, Math.min(buffer.length, 1 + window.availablePermits()));
          if (n < 0) {
            window.release(1);
            queue.put(new Chunk(END, 0, due()));
            return;
          }
          window.acquire(n - 1);
          if (n < buffer.length / 2) {
            // A small read gets an array of its size and the buffer is read into again, so that
            // the memory held stays near the window however the bytes trickle in.
            queue.put(new Chunk(Arrays.copyOf(buffer, n), n, due()));
          } else {
            queue.put(new Chunk(buffer, n, due()));
            buffer = null;
          }
        }
      } catch (IOException e) {
        queue.offer(Chunk.RESET);
      } catch (InterruptedException e) {
        queue.offer(Chunk.RESET);
      }
    }

    private void write(Socket to, LinkedBlockingQueue<Chunk> queue, Semaphore window,
        boolean upstream, LinkedBlockingQueue<byte[]> spare) {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk chunk = queue.take();
          if (chunk == Chunk.RESET) {
            closeBoth();
            return;
          }
          Duration left = Duration.between(clock.instant(), chunk.due);
          if (!left.isNegative() && !left.isZero()) {
            sleeper.sleep(left);
          }
          if (chunk.bytes == END) {
            to.shutdownOutput();
            directionEnded();
            return;
          }
          out.write(chunk.bytes, 0, chunk.length);
          if (upstream) {
            upstreamWritten(System.nanoTime());
          }
          if (chunk.bytes.length == Math.min(CHUNK_BYTES, windowBytes)) {
            spare.offer(chunk.bytes); // a full-size buffer: back to the reader
          }
          window.release(chunk.length);
        }
      } catch (IOException | InterruptedException e) {
        closeBoth();
      }
    }

    private Instant due() {
      return clock.instant().plus(oneWayDelay);
    }

    private void directionEnded() {
      if (directionsOpen.decrementAndGet() == 0) {
        closeBoth();
      }
    }

    private void closeBoth() {
      closeQuietly(a);
      closeQuietly(b);
      sockets.remove(a);
      sockets.remove(b);
    }
  }

  /** Bytes read at one moment and when they may be written. */
  private record Chunk(byte[] bytes, int length, Instant due) {
    static final Chunk RESET = new Chunk(new byte[0], 0, Instant.MIN);
  }

  private Thread start(String threadName, Runnable body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } finally {
        endedThreadsCpu.addAndGet(Math.max(0, cpu.getCurrentThreadCpuTime()));
        threads.remove(Thread.currentThread());
      }
    }, threadName);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    acceptor.interrupt();
  }
}
