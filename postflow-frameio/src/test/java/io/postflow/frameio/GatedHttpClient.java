package io.postflow.frameio;

import io.postflow.api.internal.DaemonThreads;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that passes every exchange to a real one, except that a test can hold the
 * next exchange matching a method and path at a {@link Gate}: before it is sent (the server has not
 * seen it) or after it was answered (the server has done it, the caller does not know yet). Lets a
 * test force one interleaving of threads by what the server saw, without sleeping.
 */
final class GatedHttpClient extends HttpClient {
  /** Where a gate holds its exchange. */
  enum Hold { BEFORE_SENDING, AFTER_ANSWER }

  /** Never waits longer than this for a gate: a test that would hang fails instead. */
  private static final long WAIT_SECONDS = 10;

  private final HttpClient delegate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(Redirect.NEVER).build();
  private final ExecutorService held = Executors.newCachedThreadPool(DaemonThreads.factory("gated-http"));
  private final List<Gate> gates = new CopyOnWriteArrayList<>();

  /** One exchange held until {@link #release()}. */
  static final class Gate {
    private final Hold hold;
    private final String method;
    private final String pathEnd;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Gate(Hold hold, String method, String pathEnd) {
      this.hold = hold;
      this.method = method;
      this.pathEnd = pathEnd;
    }

    private boolean matches(HttpRequest request) {
      return request.method().equals(method) && request.uri().getPath().endsWith(pathEnd);
    }

    /** Blocks until the exchange is held here; fails the test after 10 s. */
    void awaitReached() throws InterruptedException {
      if (!reached.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("no " + method + " ..." + pathEnd + " reached its gate (" + hold + ")");
      }
    }

    boolean wasReached() {
      return reached.getCount() == 0;
    }

    /** Lets the held exchange go on. */
    void release() {
      released.countDown();
    }

    private void pass() {
      reached.countDown();
      try {
        if (!released.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw new CompletionException(new IOException("gate for " + method + " " + pathEnd + " never released"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }
  }

  /** Holds the next {@code method} request whose path ends with {@code pathEnd}; one use. */
  Gate hold(Hold hold, String method, String pathEnd) {
    Gate gate = new Gate(hold, method, pathEnd);
    gates.add(gate);
    return gate;
  }

  private Gate take(HttpRequest request) {
    for (Gate gate : gates) {
      if (gate.matches(request) && gates.remove(gate)) {
        return gate;
      }
    }
    return null;
  }

  /** Releases every gate and stops the threads that waited at them. */
  void shutdown() {
    gates.forEach(Gate::release);
    held.shutdownNow();
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Gate gate = take(request);
    if (gate == null) {
      return delegate.sendAsync(request, handler);
    }
    return CompletableFuture.supplyAsync(() -> {
      if (gate.hold == Hold.BEFORE_SENDING) {
        gate.pass();
      }
      HttpResponse<T> response;
      try {
        response = delegate.send(request, handler);
      } catch (IOException e) {
        throw new CompletionException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
      if (gate.hold == Hold.AFTER_ANSWER) {
        gate.pass();
      }
      return response;
    }, held);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    try {
      return sendAsync(request, handler).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
