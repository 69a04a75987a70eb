package io.postflow.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback port that stays ours for the whole test and hangs up on every connection: a
 * "nothing useful answers here" address that no other process can take over meanwhile (a port
 * that was merely freed could be).
 */
final class ClosingPort implements AutoCloseable {
  private final ServerSocket server;

  ClosingPort() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket ignored = server.accept()) {
          // closed at once
        } catch (IOException e) {
          // closed with the server, or a client gave up first
        }
      }
    }, "closing-port-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
