package io.postflow.tunnel;

import io.postflow.api.TunnelEndpoint;
import io.postflow.api.TunnelException;
import java.time.Duration;
import java.util.List;

/**
 * Lets callers of {@link io.postflow.api.Tunnel#awaitEndpoint} wait until a supervised tunnel is
 * up again. The supervisor {@link #signal()}s every change (up, down, failed, closed), so a waiter
 * wakes the moment a restart succeeds instead of polling. The wait is in real time: it waits for a
 * real process, which an injected clock cannot hurry. Thread-safe.
 */
final class EndpointWaiter {
  private final Object changed = new Object();

  /** The tunnel as a waiter sees it; each method is called with the waiter's lock held. */
  interface View {
    /** The endpoint now, or null. */
    TunnelEndpoint endpoint();

    /** Why waiting cannot help (closed, not open, gave up), or null while it can. */
    TunnelException hopeless();

    /** The exception for a wait of {@code timeout} that ended without an endpoint. */
    TunnelException timedOut(Duration timeout);
  }

  /** Wakes every waiter to look again; call after each change of the tunnel's state. */
  void signal() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  /** The endpoint as soon as {@code view} has one; see {@code Tunnel#awaitEndpoint}. */
  TunnelEndpoint await(Duration timeout, View view) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("'timeout' must not be negative, was " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        TunnelEndpoint current = view.endpoint();
        if (current != null) {
          return current;
        }
        TunnelException hopeless = view.hopeless();
        if (hopeless != null) {
          throw hopeless;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw view.timedOut(timeout);
        }
        try {
          changed.wait(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TunnelException("interrupted while waiting for the tunnel", List.of(), false, e);
        }
      }
    }
  }
}
