package io.postflow.frameio.auth;

import java.time.Duration;

/** Waits between retries; injected so tests run instantly and can see the back-off asked for. */
@FunctionalInterface
interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
