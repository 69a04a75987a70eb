package io.postflow.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The far end of the raw TCP measurement of the link: reads each connection to its end, then
 * answers one byte and closes, so the sender's clock stops when the last byte has arrived here,
 * as an HTTP PUT's stops at its answer.
 */
final class DiscardSink implements AutoCloseable {
  private final ServerSocket listener;

  DiscardSink(ServerSocket listener) {
    this.listener = listener;
    Thread acceptor = new Thread(this::accept, "wan-sink-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        Thread reader = new Thread(() -> drain(socket), "wan-sink-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void drain(Socket socket) {
    try (socket; InputStream in = socket.getInputStream()) {
      byte[] buffer = new byte[256 * 1024];
      while (in.read(buffer) >= 0) {
        // discard
      }
      socket.getOutputStream().write('k');
      socket.getOutputStream().flush();
    } catch (IOException e) {
      // the sender gave up: nothing to answer
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
