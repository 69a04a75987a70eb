package io.postflow.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link HttpFileExposer}: reads request heads into a fixed buffer of the
 * header limit (a longer head is a 431), hands each to {@link FileResponder}, keeps the
 * connection for the next request when both sides want it. Blocking I/O on one thread per
 * connection; the idle reaper closes the channel when {@link #idleNanos} passes without progress,
 * which also unblocks a stalled read or {@code transferTo}.
 */
final class Connection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  /** Bytes per sendfile call: at 30 s idle timeout, any client above ~9 KB/s counts as moving. */
  static final long SLICE = 256 << 10;

  private final SocketChannel channel;
  private final FileResponder responder;
  private final byte[] buffer;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int filled;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean idle = true;
  private volatile ExposedFile serving;

  Connection(SocketChannel channel, FileResponder responder, int maxHeaderBytes, Runnable onClose) {
    this.channel = channel;
    this.responder = responder;
    this.buffer = new byte[maxHeaderBytes];
    this.onClose = onClose;
  }

  @Override
  public void run() {
    try {
      boolean keepAlive = true;
      while (keepAlive && channel.isOpen()) {
        idle = true;
        int headLength = readHead();
        if (headLength < 0) {
          break;
        }
        idle = false;
        HttpRequest request;
        try {
          request = HttpRequest.parse(buffer, headLength);
          consume(headLength);
          keepAlive = responder.respond(request, this);
        } catch (HttpRequest.BadRequest e) {
          LOG.debug("bad request: {}", e.getMessage());
          sendHead(FileResponder.simpleHead(e.status, e.getMessage(), false));
          keepAlive = false;
        }
      }
    } catch (HttpRequest.BadRequest e) {
      LOG.debug("bad request: {}", e.getMessage());
      try {
        sendHead(FileResponder.simpleHead(e.status, e.getMessage(), false));
      } catch (IOException ignored) {
        // the client is gone; nothing else to tell it
      }
    } catch (IOException e) {
      LOG.debug("connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("unexpected failure serving a request", e);
    } finally {
      close();
    }
  }

  /**
   * Reads until a complete head is buffered; its length, or -1 on a clean close between requests.
   * A bare LF or CR is refused as soon as it arrives: a head using them never ends in CRLF CRLF,
   * and would otherwise hold the connection until the idle timeout before getting no answer.
   */
  private int readHead() throws IOException {
    int scanFrom = 0;
    while (true) {
      for (int i = scanFrom; i < filled; i++) {
        boolean afterCr = i > 0 && buffer[i - 1] == '\r';
        if (buffer[i] == '\n') {
          if (!afterCr) {
            throw new HttpRequest.BadRequest(400, "bare LF in the request head");
          }
          if (i >= 3 && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
            return i + 1;
          }
        } else if (afterCr) {
          throw new HttpRequest.BadRequest(400, "bare CR in the request head");
        }
      }
      scanFrom = filled;
      if (filled == buffer.length) {
        throw new HttpRequest.BadRequest(431, "request head larger than " + buffer.length + " bytes");
      }
      int n = channel.read(ByteBuffer.wrap(buffer, filled, buffer.length - filled));
      if (n < 0) {
        if (filled == 0) {
          return -1;
        }
        throw new EOFException("client closed in the middle of a request head");
      }
      filled += n;
      touch();
    }
  }

  private void consume(int length) {
    System.arraycopy(buffer, length, buffer, 0, filled - length);
    filled -= length;
  }

  void sendHead(String head) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
      touch();
    }
  }

  /**
   * Sends up to {@code count} bytes of {@code file} from {@code position}, zero-copy where the OS
   * can, in slices of {@link #SLICE}: a blocking {@code transferTo} returns only when its whole
   * count is out, and the idle clock must move while a slow but steady client reads a chunk.
   */
  long transfer(FileChannel file, long position, long count) throws IOException {
    long sent = 0;
    while (sent < count) {
      long n;
      try {
        n = file.transferTo(position + sent, Math.min(SLICE, count - sent), channel);
      } catch (IOException e) {
        if (sent == 0) {
          throw e;
        }
        // The slices before the failure did leave: the caller must still count them.
        throw new PartialTransferException(sent, e);
      }
      if (n <= 0) {
        break; // end of file (it shrank): the caller notices the short count
      }
      sent += n;
      touch();
    }
    return sent;
  }

  /** The connection failed after {@link #sent()} bytes of a transfer had been handed to it. */
  static final class PartialTransferException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long sent;

    PartialTransferException(long sent, IOException cause) {
      super(cause.getMessage(), cause);
      this.sent = sent;
    }

    long sent() {
      return sent;
    }
  }

  void touch() {
    lastActivity = System.nanoTime();
  }

  /** Nanoseconds since the last byte moved in either direction. */
  long idleNanos(long now) {
    return now - lastActivity;
  }

  /** Marks the exposure whose bytes this connection is sending (null when none). */
  void serving(ExposedFile exposure) {
    this.serving = exposure;
  }

  /** Whether it is sending bytes of {@code exposure} right now. */
  boolean isServing(ExposedFile exposure) {
    return serving == exposure;
  }

  /** Whether it is waiting for a request rather than answering one. */
  boolean isIdle() {
    return idle;
  }

  /**
   * Closes the socket; the serving thread notices and ends. Safe from any thread. Shuts the socket
   * down first: a thread blocked in sendfile on a client that stopped reading is woken by a
   * shutdown, not by a close (the kernel keeps the socket alive for the syscall).
   */
  void abort() {
    try {
      channel.shutdownInput();
      channel.shutdownOutput();
    } catch (IOException e) {
      LOG.trace("shutting a connection down failed", e);
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a connection failed", e);
    }
  }

  private void close() {
    abort();
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}
