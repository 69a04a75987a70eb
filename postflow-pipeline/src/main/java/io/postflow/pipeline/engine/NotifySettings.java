package io.postflow.pipeline.engine;

import io.postflow.api.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How notifications go out, as {@code PostFlow.builder()} validated it.
 *
 * @param channels where they go, each with its own queue and thread
 * @param window how long a channel gathers a burst before telling it (renders of a scene become one
 *     message); zero tells each at once
 * @param queueCapacity the most notifications a channel holds waiting; more are dropped (a
 *     delivered render's is sent after the next start)
 * @param retryBaseDelay the first wait after a channel failed, doubling up to {@code retryMaxDelay}
 * @param retryMaxDelay the longest wait between attempts (a 429's own wait may be longer)
 * @param flushGrace how long stopping waits for the channels to tell what they hold
 * @param sleeper how channels wait between attempts
 * @param fileLink the web address of a Frame.io file given its id, when the project is known
 */
public record NotifySettings(
    List<NotificationChannel> channels,
    Duration window,
    int queueCapacity,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration flushGrace,
    Sleeper sleeper,
    Optional<String> fileLink) {

  public NotifySettings {
    channels = List.copyOf(channels);
  }

  /** The link to the Frame.io web app's view of {@code fileId}, when the project is known. */
  Optional<String> linkTo(String fileId) {
    return fileLink.map(prefix -> prefix + fileId);
  }
}
