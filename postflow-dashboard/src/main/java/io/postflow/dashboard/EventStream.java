package io.postflow.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to every open page. Each client has a bounded queue that its own thread
 * drains onto the socket; {@link #publish} only offers to the queues, so a pipeline listener never
 * waits for a browser. A client whose queue is full (it reads slower than events come) is dropped:
 * its connection ends, its memory is freed, and its page reconnects and reloads the whole state,
 * which is cheaper and more honest than a stream with holes. Idle connections get a comment every
 * heartbeat, which keeps proxies from closing them and finds dead ones.
 */
final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  /** Tells a client's thread to end; never written. */
  private static final String END = "";

  private final int queueCapacity;
  private final int maxClients;
  private final Duration heartbeat;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  EventStream(int queueCapacity, int maxClients, Duration heartbeat) {
    this.queueCapacity = queueCapacity;
    this.maxClients = maxClients;
    this.heartbeat = heartbeat;
  }

  /**
   * One event in the text/event-stream format: its id, its name and its data, a {@code data:}
   * line for each line of the data (a newline in the data would otherwise end the field), and the
   * blank line that ends the event.
   */
  static String frame(long id, String event, String data) {
    if (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an event name is one line: " + event);
    }
    StringBuilder frame = new StringBuilder(data.length() + 48);
    frame.append("id: ").append(id).append('\n').append("event: ").append(event).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }

  /** Queues the event for every client; drops the clients whose queue is full. Never blocks. */
  void publish(String event, String data) {
    if (clients.isEmpty()) {
      return;
    }
    String frame = frame(nextId.getAndIncrement(), event, data);
    for (Client client : clients) {
      if (!client.queue.offer(frame)) {
        drop(client);
      }
    }
  }

  int clients() {
    return clients.size();
  }

  /** Clients dropped so far for reading too slowly. */
  long dropped() {
    return dropped.get();
  }

  /**
   * Serves one client on the calling (server) thread until it goes away, is dropped or the stream
   * is closed.
   */
  void serve(HttpExchange exchange) throws IOException {
    if (closed || clients.size() >= maxClients) {
      byte[] body = ("too many live connections (" + maxClients + "); close a dashboard tab\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.getResponseHeaders().set("Retry-After", "10");
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    Client client = new Client(new ArrayBlockingQueue<>(queueCapacity));
    clients.add(client);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    // A stream that ended (dropped, closed) must not leave a kept-alive connection behind.
    exchange.getResponseHeaders().set("Connection", "close");
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(200, 0);
      // Reconnect after 2 s; the page reloads the state then, so nothing is missed.
      write(out, "retry: 2000\n: connected\n\n");
      while (!closed) {
        String frame = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == END || closed) {
          break;
        }
        write(out, frame == null ? ": heartbeat\n\n" : frame);
      }
    } catch (IOException e) {
      LOG.debug("A dashboard client went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(client);
      exchange.close();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void drop(Client client) {
    if (clients.remove(client)) {
      dropped.incrementAndGet();
      LOG.debug("Dropped a dashboard client that read too slowly ({} events queued)", queueCapacity);
      end(client);
    }
  }

  /** Frees the queue and tells the client's thread to end once its current write returns. */
  private static void end(Client client) {
    client.queue.clear();
    client.queue.offer(END);
  }

  /** Ends every client's stream. */
  @Override
  public void close() {
    closed = true;
    for (Client client : clients) {
      end(client);
    }
  }

  private static final class Client {
    final BlockingQueue<String> queue;

    Client(BlockingQueue<String> queue) {
      this.queue = queue;
    }
  }
}
