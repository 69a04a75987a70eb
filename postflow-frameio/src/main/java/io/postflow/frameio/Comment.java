package io.postflow.frameio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** A comment on a file, with its replies when they were asked for. Immutable. */
@Value.Immutable
public abstract class Comment {
  /** The comment's UUID. */
  public abstract String id();

  /** The file it is on. */
  public abstract Optional<String> fileId();

  /** What was written; empty for a drawing-only comment. */
  public abstract String text();

  /** Where in the media, as the service returned it (a timecode {@code HH:MM:SS:FF} or a frame). */
  public abstract Optional<String> timestamp();

  /** Length in frames. */
  public abstract OptionalInt duration();

  /** Who wrote it, when listed with {@code include=owner}. */
  public abstract Optional<User> owner();

  /** The replies, oldest first, when listed with {@code include=replies}; empty otherwise. */
  public abstract List<Comment> replies();

  /** When it was written. */
  public abstract Optional<Instant> createdAt();
}
