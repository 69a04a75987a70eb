package io.postflow.frameio.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of {@link SmallHttpServer}: reads one request, hands it to the handler, writes
 * the answer and closes. Blocking I/O on its own thread. The deadline and the eviction close the
 * raw socket from another thread, which wakes a read blocked anywhere below, TLS included (so TLS
 * is layered over a plain accepted socket rather than accepted as an {@code SSLSocket}).
 */
final class ServerConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
  private static final int READING = 0;
  private static final int ANSWERING = 1;
  private static final int ABORTED = 2;
  /** What is read and thrown away after an answer given before the body was read. */
  private static final int DRAIN_BYTES = 64 * 1024;
  private static final int DRAIN_MILLIS = 200;

  private final SmallHttpServer server;
  private final SmallHttpServer.Builder settings;
  private final Socket raw;
  private final InetSocketAddress client;
  private final long acceptedAt = System.nanoTime();
  private final AtomicInteger phase = new AtomicInteger(READING);
  private volatile String abortReason;
  private volatile Future<?> deadline;

  ServerConnection(SmallHttpServer server, Socket raw) {
    this.server = server;
    this.settings = server.settings();
    this.raw = raw;
    this.client = (InetSocketAddress) raw.getRemoteSocketAddress();
  }

  long acceptedAt() {
    return acceptedAt;
  }

  boolean isReading() {
    return phase.get() == READING;
  }

  void deadline(Future<?> deadline) {
    this.deadline = deadline;
  }

  /**
   * Closes the connection if it is still reading its request; {@code reason} is reported as a
   * refusal (null: closed by the server itself, nothing to report).
   *
   * @return whether it was still reading (and is now closed)
   */
  boolean abort(String reason) {
    if (!phase.compareAndSet(READING, ABORTED)) {
      return false;
    }
    abortReason = reason;
    closeRaw();
    return true;
  }

  /** Closes the connection whatever it is doing (the server is closing and out of patience). */
  void forceClose() {
    phase.set(ABORTED);
    closeRaw();
  }

  @Override
  public void run() {
    Socket socket = raw;
    boolean bodyUnread = false;
    try {
      raw.setTcpNoDelay(true);
      // A fallback only: the scheduled deadline is what bounds the whole request.
      raw.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.requestTimeout.toMillis() + 1000));
      if (settings.tls != null) {
        SSLSocket tls = (SSLSocket) settings.tls.getSocketFactory().createSocket(raw,
            client.getAddress().getHostAddress(), client.getPort(), true);
        tls.setUseClientMode(false);
        socket = tls;
      }
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = socket.getOutputStream();
      SmallHttpResponse response;
      try {
        SmallHttpRequest request = SmallHttpRequest.read(in, out, client, settings.maxHeadBytes,
            settings.maxBodyBytes);
        if (request == null || !phase.compareAndSet(READING, ANSWERING)) {
          return; // closed before a request, or the deadline struck as it completed
        }
        cancelDeadline();
        response = answer(request);
      } catch (SmallHttpRequest.Refused e) {
        if (!phase.compareAndSet(READING, ANSWERING)) {
          return;
        }
        cancelDeadline();
        server.refused(client, e.getMessage());
        if (e.status == 0) {
          return;
        }
        response = SmallHttpResponse.text(e.status, e.getMessage());
        bodyUnread = true;
      }
      out.write(response.bytes());
      out.flush();
      if (bodyUnread && settings.tls == null) {
        drain();
      }
    } catch (SSLException e) {
      reportFailure("TLS handshake failed: " + e.getMessage());
    } catch (IOException e) {
      reportFailure(null);
      log.trace("connection from {} ended: {}", client, e.toString());
    } catch (RuntimeException e) {
      log.error("unexpected failure serving {}", client, e);
    } finally {
      phase.compareAndSet(READING, ABORTED); // closed before a request: a late deadline is a no-op
      cancelDeadline();
      close(socket);
      server.finished(this);
    }
  }

  private SmallHttpResponse answer(SmallHttpRequest request) {
    try {
      return settings.handler.handle(request);
    } catch (RuntimeException e) {
      log.error("handler failed on {}", request, e);
      return SmallHttpResponse.text(500, "internal error");
    }
  }

  /** An aborted connection reports its abort reason; others that failed while reading, theirs. */
  private void reportFailure(String reason) {
    if (phase.get() == ABORTED) {
      if (abortReason != null) {
        server.refused(client, abortReason);
      }
    } else if (reason != null && phase.compareAndSet(READING, ABORTED)) {
      server.refused(client, reason);
    }
  }

  /**
   * After an answer given without reading the body (413, 400): send FIN, then read a little of
   * what the client still sends, so closing does not reset the connection before it has read the
   * answer.
   */
  private void drain() {
    try {
      raw.shutdownOutput();
      raw.setSoTimeout(DRAIN_MILLIS);
      InputStream in = raw.getInputStream();
      byte[] sink = new byte[8192];
      long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
      int total = 0;
      int n;
      while (total < DRAIN_BYTES && System.nanoTime() < until && (n = in.read(sink)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      log.trace("draining {} ended: {}", client, e.toString());
    }
  }

  private void cancelDeadline() {
    Future<?> pending = deadline;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  private void closeRaw() {
    try {
      raw.close();
    } catch (IOException e) {
      log.trace("closing {} failed", client, e);
    }
  }

  private void close(Socket socket) {
    if (socket != raw && phase.get() != ABORTED) {
      try {
        socket.close(); // sends TLS close_notify, then closes the raw socket
      } catch (IOException e) {
        log.trace("closing TLS to {} failed", client, e);
      }
    }
    closeRaw();
  }

  @Override
  public String toString() {
    return "connection from " + client;
  }
}
