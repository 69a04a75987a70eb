package io.postflow.tunnel;

import java.time.Duration;

/** Waits; injected so that back-off logic tests run instantly. */
interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
