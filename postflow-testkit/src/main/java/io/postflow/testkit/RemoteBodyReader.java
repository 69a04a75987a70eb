package io.postflow.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Copies one response body into the sink on the calling thread, one buffer list at a time, and
 * notices when the body stalls. {@code java.net.http}'s own {@code ofInputStream} cannot be
 * unblocked by a watchdog, so the body is taken as a publisher and pulled with {@code request(1)}:
 * at most one list of the client's buffers is held, whatever the file size.
 *
 * <p>Not thread-safe: one reader per fetch.
 */
final class RemoteBodyReader {
  /** How a body ended. */
  enum End {
    /** All of it arrived (or, with a limit, all the bytes wanted). */
    COMPLETE,
    /** Nothing arrived for longer than the stall timeout; the exchange was cancelled. */
    STALLED,
    /** The connection failed or ended early; {@link Outcome#error()} says how. */
    FAILED
  }

  /** The end, how many bytes reached the sink, and the transport error for {@link End#FAILED}. */
  record Outcome(End end, long written, Throwable error) {}

  private static final Object DONE = new Object();

  private record Failure(Throwable error) {}

  private final byte[] scratch;
  private final MessageDigest digest;
  private final OutputStream sink;
  private final Duration stallTimeout;

  RemoteBodyReader(int bufferBytes, MessageDigest digest, OutputStream sink,
      Duration stallTimeout) {
    this.scratch = new byte[bufferBytes];
    this.digest = digest;
    this.sink = sink;
    this.stallTimeout = stallTimeout;
  }

  /** The SHA-256 of every byte written so far; call once, at the end. */
  byte[] digest() {
    return digest.digest();
  }

  /** Subscribes to a body that is not wanted and cancels at once, freeing the connection. */
  static void discard(Flow.Publisher<List<ByteBuffer>> body) {
    QueueSubscriber s = new QueueSubscriber();
    body.subscribe(s);
    s.cancel();
  }

  /**
   * Streams {@code body}: drops its first {@code skip} bytes, then writes at most {@code limit}
   * bytes ({@code -1}: no limit) to the sink and the digest.
   *
   * @throws RemoteFetchException {@code SINK} if the sink fails, {@code PROTOCOL} if the body
   *     carries more than {@code limit} bytes
   * @throws InterruptedException if interrupted while waiting; the exchange is cancelled first
   */
  Outcome read(Flow.Publisher<List<ByteBuffer>> body, long skip, long limit)
      throws RemoteFetchException, InterruptedException {
    QueueSubscriber subscriber = new QueueSubscriber();
    body.subscribe(subscriber);
    long toSkip = skip;
    long written = 0;
    try {
      while (true) {
        Object item = subscriber.queue.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
          subscriber.cancel();
          // Every wanted byte is in and only the end of the body is late: nothing is lost.
          return new Outcome(limit >= 0 && written == limit ? End.COMPLETE : End.STALLED,
              written, null);
        }
        if (item == DONE) {
          return new Outcome(End.COMPLETE, written, null);
        }
        if (item instanceof Failure f) {
          return new Outcome(End.FAILED, written, f.error());
        }
        @SuppressWarnings("unchecked")
        List<ByteBuffer> buffers = (List<ByteBuffer>) item;
        for (ByteBuffer b : buffers) {
          int drop = (int) Math.min(toSkip, b.remaining());
          b.position(b.position() + drop);
          toSkip -= drop;
          if (limit >= 0 && written + b.remaining() > limit) {
            subscriber.cancel();
            throw new RemoteFetchException(RemoteFetchException.Kind.PROTOCOL,
                "response body is longer than the " + limit + " bytes its headers announced");
          }
          written += copy(b, subscriber);
        }
        subscriber.subscription().request(1);
      }
    } catch (InterruptedException e) {
      subscriber.cancel();
      throw e;
    }
  }

  private int copy(ByteBuffer b, QueueSubscriber subscriber) throws RemoteFetchException {
    int total = 0;
    while (b.hasRemaining()) {
      int n = Math.min(scratch.length, b.remaining());
      b.get(scratch, 0, n);
      try {
        sink.write(scratch, 0, n);
      } catch (IOException e) {
        subscriber.cancel();
        throw new RemoteFetchException(RemoteFetchException.Kind.SINK,
            "could not write the fetched bytes to the sink: " + e.getMessage(), e);
      }
      digest.update(scratch, 0, n);
      total += n;
    }
    return total;
  }

  /** Hands signals to the reading thread through a queue; demand is one list at a time. */
  private static final class QueueSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
      queue.add(new Failure(t));
    }

    @Override
    public void onComplete() {
      queue.add(DONE);
    }

    Flow.Subscription subscription() {
      return subscription;
    }

    /** Safe before or after onSubscribe: whichever runs second cancels. */
    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
