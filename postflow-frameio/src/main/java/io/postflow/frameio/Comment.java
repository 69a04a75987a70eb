package io.postflow.frameio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** A comment on a file, with its replies when they were asked for. Immutable. */
@Value.Immutable
public abstract class Comment {
  public abstract String id();

  public abstract Optional<String> fileId();

  public abstract String text();

  /** Where in the media, as the service returned it (a timecode {@code HH:MM:SS:FF} or a frame). */
  public abstract Optional<String> timestamp();

  /** Length in frames. */
  public abstract OptionalInt duration();

  public abstract Optional<User> owner();

  public abstract List<Comment> replies();

  public abstract Optional<Instant> createdAt();
}
