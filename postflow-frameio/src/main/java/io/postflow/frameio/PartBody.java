package io.postflow.frameio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A part's request body for the JDK HTTP client: publishes a {@link PartStream}'s chunks as the
 * client asks for them (so no more than the client's demand is ever read ahead), and starts a
 * fresh stream from the part's offset for every subscriber (a body the client must send again is
 * read again). Used with {@code BodyPublishers.fromPublisher(body, size)}, which gives the request
 * a real {@code Content-Length}.
 *
 * <p>Follows the reactive-streams rules the client relies on: signals are serialised by a
 * work-in-progress counter (a {@code request} made from inside {@code onNext} does not recurse),
 * nothing is sent after {@code cancel}, {@code onComplete} or {@code onError}, and a
 * non-positive request is an error.
 */
final class PartBody implements Flow.Publisher<ByteBuffer> {
  private final Supplier<PartStream> streams;

  PartBody(Supplier<PartStream> streams) {
    this.streams = streams;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    Chunks chunks = new Chunks(subscriber, streams.get());
    subscriber.onSubscribe(chunks);
  }

  private static final class Chunks implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final PartStream stream;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Throwable badRequest;

    Chunks(Flow.Subscriber<? super ByteBuffer> subscriber, PartStream stream) {
      this.subscriber = subscriber;
      this.stream = stream;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("non-positive request: " + n);
      } else {
        demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE
            : current + more);
      }
      drain();
    }

    @Override
    public void cancel() {
      stopped = true;
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        emit();
      } while (wip.decrementAndGet() != 0);
    }

    private void emit() {
      while (!stopped) {
        if (badRequest != null) {
          stopped = true;
          subscriber.onError(badRequest);
          return;
        }
        if (demand.get() == 0) {
          return;
        }
        ByteBuffer chunk;
        try {
          chunk = stream.next();
        } catch (IOException | RuntimeException e) {
          stopped = true;
          subscriber.onError(e);
          return;
        }
        if (chunk == null) {
          stopped = true;
          subscriber.onComplete();
          return;
        }
        demand.decrementAndGet();
        subscriber.onNext(chunk);
      }
    }
  }
}
